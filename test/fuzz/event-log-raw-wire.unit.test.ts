import { partitionFor } from '@eventmart/eventing';
import { describe, expect, it } from 'vitest';
import { logRow } from './event-log-raw-wire.js';
import type { WireRecord } from './wire-record.js';

const record = (changes: Partial<WireRecord>): WireRecord => ({
  topic: 'orders.new',
  partition: 3,
  key: Buffer.from('order-1'),
  value: Buffer.from('{"a":1}'),
  headers: [{ name: 'ce_id', value: Buffer.from('id-1') }],
  ...changes,
});

// The event log's wire is a table with text and jsonb columns: what they can hold goes in as
// it is, the rest is refused with the reason (and counted by the fuzzer, not sent).
describe('a fuzzed record as an event-log row', () => {
  it('keeps text as it is, a null header value as JSON null, a repeated name as an array', () => {
    const row = logRow(
      record({
        headers: [
          { name: 'ce_id', value: null },
          { name: 'dup', value: Buffer.from('a') },
          { name: 'dup', value: null },
        ],
      }),
      8,
    );
    expect(row).toEqual({
      partition: 3,
      key: 'order-1',
      payload: '{"a":1}',
      headers: { ce_id: null, dup: ['a', null] },
    });
  });

  it('picks the partition from the key, as the log does, when the record fixes none', () => {
    expect(logRow(record({ partition: undefined }), 8)).toMatchObject({
      partition: partitionFor('order-1', 8),
    });
  });

  it.each([
    ['a null key', { key: null }, 'the log has no null key'],
    ['a null payload', { value: null }, 'the log has no null payload'],
    ['a NUL in the payload', { value: Buffer.from([0x7b, 0x00, 0x7d]) }, 'the payload holds NUL'],
    ['a payload that is not UTF-8', { value: Buffer.from([0xff]) }, 'the payload is not UTF-8'],
    ['a key that is not UTF-8', { key: Buffer.from([0xc3, 0x28]) }, 'the key is not UTF-8'],
    [
      'a header holding NUL',
      { headers: [{ name: 'x', value: Buffer.from([0x00]) }] },
      'header x holds NUL',
    ],
  ])('refuses %s', (_name, changes: Partial<WireRecord>, why) => {
    expect(logRow(record(changes), 8)).toEqual({ refused: why });
  });
});
