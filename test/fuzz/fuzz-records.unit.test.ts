import { createHash } from 'node:crypto';
import { EventCatalog, OrderPlaced } from '@eventmart/contracts';
import { decodeEnvelope, encodeEnvelope } from '@eventmart/eventing';
import { describe, expect, it } from 'vitest';
import { fuzzSettings, generateFuzzRecords, type FuzzRecord } from './fuzz-records.js';
import { HUGE_BYTES, MUTATION_KINDS } from './mutations.js';
import { sampledFromText, type SampledRecord, type WireRecord } from './wire-record.js';

const ORDER_ID = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

function sample(offset: number): SampledRecord {
  const message = encodeEnvelope(
    {
      id: `0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a${String(10 + offset)}`,
      type: OrderPlaced.type,
      version: 1,
      time: '2026-12-07T10:00:00.000Z',
      source: 'order',
      subject: ORDER_ID,
      correlationId: ORDER_ID,
      causationId: null,
      data: {
        orderId: ORDER_ID,
        customerId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a00',
        lines: [{ sku: 'BOOK-DDD', quantity: 1, unitPrice: 5490 }],
        total: 5490,
        currency: 'EUR',
        paymentToken: 'tok_visa',
      },
    },
    OrderPlaced.topic,
  );
  const record = sampledFromText({ ...message, partition: offset % 3, offset: String(offset) });
  if (record === undefined) throw new Error('the sample has no ce_id');
  return record;
}

const SAMPLES = [sample(0), sample(1), sample(2)];
const strict = new TextDecoder('utf-8', { fatal: true });

/** How a consumer that reads text would see the record (invalid UTF-8 as U+FFFD, last header wins). */
function decoded(record: WireRecord) {
  const headers: Record<string, string> = {};
  for (const h of record.headers) if (h.value !== null) headers[h.name] = h.value.toString('utf8');
  return decodeEnvelope({ headers, value: record.value?.toString('utf8') ?? '' });
}

const ofKind = (records: readonly FuzzRecord[], kind: string) =>
  records.filter((r) => r.kind === kind);

describe('the wire fuzzer’s records', () => {
  const records = generateFuzzRecords({ seed: 7, count: 3_000, samples: SAMPLES });

  it('are the same, byte for byte, for the same seed, whatever order the samples came in', () => {
    const again = generateFuzzRecords({ seed: 7, count: 3_000, samples: [...SAMPLES].reverse() });
    expect(again.map(fingerprint)).toEqual(records.map(fingerprint));
  });

  it('differ for another seed', () => {
    const other = generateFuzzRecords({ seed: 8, count: 3_000, samples: SAMPLES });
    expect(other.map((r) => r.detail)).not.toEqual(records.map((r) => r.detail));
  });

  it('hold every kind, even when there are only as many records as kinds', () => {
    expect(new Set(records.map((r) => r.kind))).toEqual(new Set(MUTATION_KINDS));
    const few = generateFuzzRecords({ seed: 1, count: MUTATION_KINDS.length, samples: SAMPLES });
    expect(new Set(few.map((r) => r.kind))).toEqual(new Set(MUTATION_KINDS));
  });

  it('ration the 1 MiB records and make each exactly 1 MiB of valid JSON', () => {
    const huge = ofKind(records, 'huge');
    expect(huge.length).toBeGreaterThanOrEqual(1);
    expect(huge.length).toBeLessThanOrEqual(3);
    for (const r of huge) {
      expect(r.record.value?.length).toBe(HUGE_BYTES);
      expect(decoded(r.record).ok).toBe(true);
    }
  });

  it('copy a real record unchanged for a duplicate, on its partition', () => {
    for (const r of ofKind(records, 'duplicate')) {
      const source = SAMPLES.find((s) => s.offset === r.source.offset);
      if (source === undefined) throw new Error(`no sample at ${r.source.offset}`);
      const { topic, partition, key, value, headers } = source;
      expect(r.record).toEqual({ topic, partition, key, value, headers });
      expect(r.eventId).toBe(source?.eventId);
    }
  });

  it('make bodies a consumer cannot read as JSON text: not JSON, not UTF-8, NUL, empty, cut', () => {
    for (const r of ofKind(records, 'not-json'))
      expect(decoded(r.record)).toMatchObject({ ok: false, reason: 'malformed-json' });
    for (const r of ofKind(records, 'nul-byte')) expect(r.record.value?.includes(0)).toBe(true);
    for (const r of ofKind(records, 'not-utf8'))
      expect(() => strict.decode(r.record.value ?? new Uint8Array())).toThrow();
    for (const r of ofKind(records, 'empty')) expect(r.record.value?.length ?? 0).toBe(0);
    expect(ofKind(records, 'empty').some((r) => r.record.value === null)).toBe(true);
    for (const r of ofKind(records, 'truncated')) expect(decoded(r.record).ok).toBe(false);
  });

  it('break the envelope with wrong or missing ce_* headers', () => {
    for (const kind of ['wrong-ce-header', 'missing-ce-header'])
      for (const r of ofKind(records, kind))
        expect(decoded(r.record), r.detail).toMatchObject({
          ok: false,
          reason: 'invalid-envelope',
        });
  });

  it('put null, binary and repeated header values on the wire', () => {
    expect(
      ofKind(records, 'null-header').every((r) => r.record.headers.some((h) => h.value === null)),
    ).toBe(true);
    for (const r of ofKind(records, 'binary-header'))
      expect(r.record.headers.some((h) => h.value !== null && !isUtf8(h.value))).toBe(true);
    for (const r of ofKind(records, 'duplicate-header')) {
      const names = r.record.headers.map((h) => h.name);
      expect(new Set(names).size).toBe(names.length - 1);
    }
  });

  it('give the would-be-valid kinds an id of their own: unknown type, unknown version, bad data', () => {
    const sourceIds = new Set(SAMPLES.map((s) => s.eventId));
    for (const kind of ['unknown-type', 'unknown-version', 'invalid-data']) {
      for (const r of ofKind(records, kind)) {
        const result = decoded(r.record);
        if (!result.ok) throw new Error(`${kind} ${r.detail}: ${result.error}`);
        expect(sourceIds.has(result.envelope.id)).toBe(false);
        expect(result.envelope.id).toBe(r.eventId);
        const definition = new EventCatalog().find(result.envelope.type, result.envelope.version);
        if (kind === 'invalid-data')
          expect(definition?.schema.safeParse(result.envelope.data).success).toBe(false);
        else expect(definition).toBeUndefined();
      }
    }
  });

  it('leave the partition to the transport for random keys and random records', () => {
    for (const kind of ['random-key', 'random'])
      for (const r of ofKind(records, kind)) expect(r.record.partition).toBeUndefined();
    expect(ofKind(records, 'random-key').some((r) => r.record.key === null)).toBe(true);
  });
});

describe('fuzzSettings', () => {
  it('replays a given seed and size, and uses the defaults otherwise', () => {
    expect(fuzzSettings({ FUZZ_SEED: '42', FUZZ_RECORDS: '10' }, { seed: 1, records: 5 })).toEqual({
      seed: 42,
      count: 10,
    });
    expect(fuzzSettings({}, { seed: 1, records: 5 })).toEqual({ seed: 1, count: 5 });
  });

  it('refuses what is not a whole number, by name', () => {
    expect(() => fuzzSettings({ FUZZ_SEED: 'abc' }, { seed: 1, records: 5 })).toThrow(/FUZZ_SEED/);
    expect(() => fuzzSettings({ FUZZ_RECORDS: '0' }, { seed: 1, records: 5 })).toThrow(
      /FUZZ_RECORDS/,
    );
  });
});

/** Every byte of a record and what the generator says of it, as one digest (deep equality of 1 MiB buffers is slow). */
function fingerprint(r: FuzzRecord): string {
  const hash = createHash('sha256');
  hash.update(
    JSON.stringify([
      r.index,
      r.kind,
      r.detail,
      r.eventId,
      r.source,
      r.record.topic,
      r.record.partition,
    ]),
  );
  for (const part of [
    r.record.key,
    r.record.value,
    ...r.record.headers.flatMap((h) => [Buffer.from(h.name), h.value]),
  ])
    hash.update(part === null ? 'null' : `${String(part.length)}:`).update(part ?? Buffer.alloc(0));
  return hash.digest('hex');
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
