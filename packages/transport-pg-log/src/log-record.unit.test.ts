import { receivedMessage } from '@eventmart/eventing';
import { describe, expect, it } from 'vitest';
import { logRecord, UNSHAPED_HEADERS } from './log-record.js';

const text = (bytes: Uint8Array | null) =>
  bytes === null ? null : new TextDecoder().decode(bytes);
const headersOf = (headers: unknown) =>
  logRecord({ key: 'k', value: '{}', headers }).headers.map(({ name, value }) => [
    name,
    text(value),
  ]);

describe('logRecord', () => {
  it('reads the headers our publisher writes as they were', () => {
    expect(headersOf({ ce_id: 'e-1', empty: '' })).toEqual([
      ['ce_id', 'e-1'],
      ['empty', ''],
    ]);
  });

  it('takes null as a header without a value, and other JSON values as their JSON text', () => {
    expect(headersOf({ gone: null, n: 42, nested: { a: [1] } })).toEqual([
      ['gone', null],
      ['n', '42'],
      ['nested', '{"a":[1]}'],
    ]);
  });

  it.each([[['ce_id', 'e-1']], ['text'], [7], [null]])(
    'keeps headers that are not an object (%j) under one name, and never throws',
    (headers) => {
      expect(headersOf(headers)).toEqual([[UNSHAPED_HEADERS, JSON.stringify(headers)]]);
      const message = receivedMessage(
        { topic: 't', partition: 0, offset: '1', deliveryAttempt: 1 },
        logRecord({ key: 'k', value: '{}', headers }),
      );
      expect(message.headers.ce_id).toBeUndefined();
    },
  );
});
