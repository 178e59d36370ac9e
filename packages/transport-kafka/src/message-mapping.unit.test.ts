import type { IHeaders, KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { approximateSize, fromRecord, toRecord } from './message-mapping.js';

const text = (value: Uint8Array | null) =>
  value === null ? null : Buffer.from(value).toString('utf8');

const record = (fields: {
  key?: Buffer | null;
  value?: Buffer | null;
  headers?: IHeaders;
}): KafkaMessage => ({
  key: null,
  value: null,
  timestamp: '0',
  attributes: 0,
  offset: '41',
  headers: {},
  ...fields,
});

describe('message mapping', () => {
  it('sends key, value and headers as they are', () => {
    const message = {
      topic: 'orders.new',
      key: 'order-1',
      headers: { ce_id: 'e-1', 'x-empty': '' },
      value: '{"total":"12.50"}',
    };
    expect(toRecord(message)).toEqual({
      key: 'order-1',
      value: '{"total":"12.50"}',
      headers: { ce_id: 'e-1', 'x-empty': '' },
    });
  });

  it('reads a record back, with its partition and offset', () => {
    const fetched = fromRecord(
      'orders.new',
      3,
      record({
        key: Buffer.from('order-1'),
        value: Buffer.from('{"note":"注文 🛒"}'),
        headers: { ce_id: Buffer.from('e-1'), 'x-empty': Buffer.alloc(0) },
      }),
    );
    expect(fetched).toMatchObject({
      topic: 'orders.new',
      key: 'order-1',
      headers: { ce_id: 'e-1', 'x-empty': '' },
      value: '{"note":"注文 🛒"}',
      partition: 3,
      offset: '41',
    });
    expect(fetched.unreadable).toBeUndefined();
    expect(new TextDecoder().decode(fetched.raw.value ?? undefined)).toBe('{"note":"注文 🛒"}');
  });

  it("reads another producer's record without key, value or headers: null bytes, empty text", () => {
    // A record in the old message format (before Kafka 0.11) has no headers at all.
    const old: KafkaMessage = {
      key: null,
      value: null,
      timestamp: '0',
      attributes: 0,
      offset: '0',
      size: 26,
    };
    expect(fromRecord('t', 0, old)).toMatchObject({
      key: '',
      value: '',
      headers: {},
      raw: { key: null, value: null, headers: [] },
      unreadable: { reason: 'empty-body' },
    });
  });

  it('keeps every value of a header that occurs more than once; the text view has the last', () => {
    const fetched = fromRecord(
      't',
      0,
      record({ headers: { trace: [Buffer.from('first'), Buffer.from('last')] } }),
    );
    expect(fetched.headers).toEqual({ trace: 'last' });
    expect(fetched.raw.headers.map(({ name, value }) => [name, text(value)])).toEqual([
      ['trace', 'first'],
      ['trace', 'last'],
    ]);
  });

  it('takes a header without a value (kcat -H name), as kafkajs gives it, without throwing', () => {
    // kafkajs decodes a header of length -1 as null; the type says Buffer, the wire says null.
    const headers = {
      gone: null,
      also: undefined,
      ce_id: Buffer.from('e-1'),
    } as unknown as IHeaders;
    const fetched = fromRecord('t', 0, record({ headers }));
    expect(fetched.headers).toEqual({ ce_id: 'e-1' });
    expect(fetched.raw.headers).toEqual([
      { name: 'gone', value: null },
      { name: 'also', value: null },
      { name: 'ce_id', value: Buffer.from('e-1') },
    ]);
  });

  it('keeps binary bytes exactly and marks what cannot be read as an envelope', () => {
    const value = Buffer.from([0x7b, 0xff, 0x00, 0x7d]);
    const blob = Buffer.from([0xc3, 0x28]);
    const fetched = fromRecord(
      't',
      0,
      record({ key: Buffer.from([0xfe]), value, headers: { blob, ce_type: blob } }),
    );
    expect(fetched.raw.value).toEqual(value);
    expect(fetched.raw.key).toEqual(Buffer.from([0xfe]));
    expect(fetched.raw.headers[0]?.value).toEqual(blob);
    expect(fetched.unreadable).toEqual({
      reason: 'invalid-encoding',
      error: 'the key is not UTF-8',
    });
  });

  it('estimates the size in bytes, not characters', () => {
    const ascii = approximateSize({ topic: 't', key: 'k', headers: {}, value: 'aaaa' });
    const wide = approximateSize({ topic: 't', key: 'k', headers: {}, value: '🛒' });
    expect(wide).toBe(ascii);
    expect(approximateSize({ topic: 't', key: 'k', headers: { h: 'v' }, value: 'aaaa' })).toBe(
      ascii + 10,
    );
  });
});
