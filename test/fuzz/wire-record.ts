/**
 * A record as bytes on the wire, whatever the transport: Kafka allows a null key, a null value
 * (a tombstone), header values that are null or binary and a header name more than once, so
 * this shape allows all of it. The fuzzer builds these; each transport's raw producer puts
 * them on a topic as they are, or says it cannot.
 */
export interface WireHeader {
  readonly name: string;
  readonly value: Buffer | null;
}

export interface WireRecord {
  readonly topic: string;
  /**
   * The partition to write to. Undefined: the transport picks it from the key, as its own
   * producers do.
   */
  readonly partition: number | undefined;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: readonly WireHeader[];
}

/** A real record read off a live topic: where it sat, and the id of the event it carries. */
export interface SampledRecord extends WireRecord {
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string;
  readonly eventType: string;
}

/** The first value of a header as text, or undefined when it is absent or null. */
export function headerText(record: Pick<WireRecord, 'headers'>, name: string): string | undefined {
  const header = record.headers.find((h) => h.name === name);
  return header?.value?.toString('utf8');
}

/** A sampled record from its text form (what every transport's own producers send). */
export function sampledFromText(fields: {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  headers: Readonly<Record<string, string>>;
  value: string;
}): SampledRecord | undefined {
  const headers = Object.entries(fields.headers).map(([name, value]) => ({
    name,
    value: Buffer.from(value, 'utf8'),
  }));
  const eventId = fields.headers.ce_id;
  const eventType = fields.headers.ce_type;
  if (eventId === undefined || eventType === undefined) return undefined;
  return {
    topic: fields.topic,
    partition: fields.partition,
    offset: fields.offset,
    key: Buffer.from(fields.key, 'utf8'),
    value: Buffer.from(fields.value, 'utf8'),
    headers,
    eventId,
    eventType,
  };
}
