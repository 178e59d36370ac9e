import type { IHeaders, KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { approximateSize, fromRecord, toRecord } from './message-mapping.js';

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
    expect(fetched).toEqual({
      topic: 'orders.new',
      key: 'order-1',
      headers: { ce_id: 'e-1', 'x-empty': '' },
      value: '{"note":"注文 🛒"}',
      partition: 3,
      offset: '41',
    });
  });

  it("reads another producer's record without key, value or headers as empty strings", () => {
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
    });
  });

  it('keeps the last value of a header that occurs more than once', () => {
    const fetched = fromRecord(
      't',
      0,
      record({ headers: { trace: [Buffer.from('first'), Buffer.from('last')], gone: undefined } }),
    );
    expect(fetched.headers).toEqual({ trace: 'last', gone: '' });
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
