import { describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../envelope/cloudevents-codec.js';
import { InMemoryTransport } from '../in-memory/in-memory-transport.js';
import type { ReceivedMessage } from './message.js';
import { rawRecordOf, receivedMessage, type RawRecord } from './raw-record.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const at = { topic: 't', partition: 0, offset: '0', deliveryAttempt: 1 };
const valid = rawRecordOf({ key: 'o-1', headers: { ce_type: 'order.placed' }, value: '{}' });

describe('receivedMessage', () => {
  it('reads what our producers write as the text it was, nothing unreadable', () => {
    const message = receivedMessage(at, valid);
    expect(message).toMatchObject({
      key: 'o-1',
      value: '{}',
      headers: { ce_type: 'order.placed' },
    });
    expect(message.unreadable).toBeUndefined();
    expect(message.raw).toBe(valid);
  });

  it('leaves headers without a value out of the text view, keeps them raw, and the last of a name counts', () => {
    const raw: RawRecord = {
      ...valid,
      headers: [
        { name: 'x', value: utf8('first') },
        { name: 'gone', value: null },
        { name: 'x', value: utf8('last') },
        { name: '__proto__', value: utf8('a header like any other') },
      ],
    };
    const message = receivedMessage(at, raw);
    expect(Object.entries(message.headers)).toEqual([
      ['x', 'last'],
      ['__proto__', 'a header like any other'],
    ]);
    expect(message.raw.headers).toHaveLength(4);
  });

  it.each([
    ['a null body', { ...valid, value: null }, 'empty-body', 'the body is null'],
    ['an empty body', { ...valid, value: new Uint8Array() }, 'empty-body', 'the body is empty'],
    [
      'a body not UTF-8',
      { ...valid, value: Uint8Array.of(0xc3, 0x28) },
      'invalid-encoding',
      'the body is not UTF-8',
    ],
    [
      'a body with NUL',
      { ...valid, value: utf8('{"a":"\u0000"}') },
      'invalid-encoding',
      'the body holds a NUL byte',
    ],
    [
      'a key not UTF-8',
      { ...valid, key: Uint8Array.of(0xff) },
      'invalid-encoding',
      'the key is not UTF-8',
    ],
    [
      'a ce_ header with NUL',
      { ...valid, headers: [{ name: 'ce_id', value: utf8('e\u0000') }] },
      'invalid-encoding',
      'header ce_id holds a NUL byte',
    ],
  ] as const)(
    'marks %s unreadable, and decodeEnvelope refuses it with that reason',
    (_, raw, reason, error) => {
      const message = receivedMessage(at, raw);
      expect(message.unreadable).toEqual({ reason, error });
      expect(decodeEnvelope(message)).toEqual({ ok: false, reason, error });
    },
  );

  it('lets other headers hold any bytes, and a null key read as no key', () => {
    const raw: RawRecord = {
      key: null,
      value: utf8('{}'),
      headers: [{ name: 'x-blob', value: Uint8Array.of(0xff, 0x00) }],
    };
    const message = receivedMessage(at, raw);
    expect(message.unreadable).toBeUndefined();
    expect(message.key).toBe('');
  });
});

describe('InMemoryTransport.publishRaw', () => {
  it('delivers a record of any bytes, exactly, in order with what is published around it', async () => {
    const transport = new InMemoryTransport({ partitions: 1 });
    const received: ReceivedMessage[] = [];
    await transport.subscribe({ group: 'g', topics: ['t'] }, (message) => {
      received.push(message);
      return Promise.resolve();
    });
    const odd: RawRecord = { key: null, value: null, headers: [{ name: 'h', value: null }] };
    await transport.publishRaw('t', odd);
    await transport.publish([{ topic: 't', key: 'k', headers: {}, value: 'after' }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received.map((message) => message.raw)).toEqual([
      odd,
      rawRecordOf({ key: 'k', headers: {}, value: 'after' }),
    ]);
    expect(received[0]?.unreadable?.reason).toBe('empty-body');
    await transport.close();
  });
});
