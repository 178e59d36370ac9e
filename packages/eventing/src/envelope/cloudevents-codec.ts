import { EnvelopeSchema, type Envelope } from '@eventmart/contracts';
import type { OutgoingMessage, Unreadable } from '../transport/message.js';

/**
 * CloudEvents 1.0 binary content mode, as on Kafka: attributes in `ce_*` headers, the data
 * as the JSON body, the subject as the key. `correlationid`, `causationid` and `eventversion`
 * are extension attributes; `traceparent` is the distributed-tracing extension.
 */
export function encodeEnvelope(envelope: Envelope, topic: string): OutgoingMessage {
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: envelope.id,
    ce_type: envelope.type,
    ce_source: envelope.source,
    ce_subject: envelope.subject,
    ce_time: envelope.time,
    ce_eventversion: String(envelope.version),
    ce_correlationid: envelope.correlationId,
    'content-type': 'application/json',
  };
  if (envelope.causationId !== null) headers.ce_causationid = envelope.causationId;
  if (envelope.traceparent !== undefined) headers.ce_traceparent = envelope.traceparent;
  return { topic, key: envelope.subject, headers, value: JSON.stringify(envelope.data) };
}

export type DecodeResult =
  | { readonly ok: true; readonly envelope: Envelope }
  | {
      readonly ok: false;
      readonly reason: 'malformed-json' | 'invalid-envelope' | Unreadable['reason'];
      readonly error: string;
    };

/**
 * Reads an envelope back; never throws, so that a poison message becomes a dead letter. A
 * received message marked unreadable (see raw-record.ts) is refused with that reason.
 */
export function decodeEnvelope(
  message: Pick<OutgoingMessage, 'headers' | 'value'> & { readonly unreadable?: Unreadable },
): DecodeResult {
  if (message.unreadable !== undefined) return { ok: false, ...message.unreadable };
  let data: unknown;
  try {
    data = JSON.parse(message.value);
  } catch (error) {
    return { ok: false, reason: 'malformed-json', error: `body is not JSON: ${String(error)}` };
  }
  const h = message.headers;
  const version = h.ce_eventversion === undefined ? NaN : Number(h.ce_eventversion);
  const candidate = {
    id: h.ce_id,
    type: h.ce_type,
    version,
    time: h.ce_time,
    source: h.ce_source,
    subject: h.ce_subject,
    correlationId: h.ce_correlationid,
    causationId: h.ce_causationid ?? null,
    ...(h.ce_traceparent === undefined ? {} : { traceparent: h.ce_traceparent }),
    data,
  };
  const parsed = EnvelopeSchema.safeParse(candidate);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(envelope)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, reason: 'invalid-envelope', error: issues };
  }
  return { ok: true, envelope: parsed.data };
}
