import { describe, expect, it } from 'vitest';
import { HeldPartition, type LogMessage } from './held-partition.js';
import { pause, waitUntil } from './test-support.js';

const row = (seq: number, key = 'k'): LogMessage => ({
  topic: 't',
  partition: 0,
  key,
  headers: {},
  value: String(seq),
  txId: '10',
  seq: String(seq),
});

function partition(marginMs = 0) {
  const started: string[] = [];
  const held = new HeldPartition(
    't',
    0,
    { txId: '0', seq: '0' },
    marginMs,
    async (message) => {
      started.push(message.value);
    },
    { maxInFlight: 4, redelivery: { initialMs: 10, maxMs: 10 } },
  );
  return { held, started };
}

describe('HeldPartition', () => {
  it('starts handlers only while the lease has more than the margin left', async () => {
    const { held, started } = partition(1_000);
    held.leaseValidUntil = Date.now() + 500; // within the margin: as good as lapsed
    held.push([row(1)]);
    await pause(100);
    expect(started).toEqual([]);
    held.leaseValidUntil = Date.now() + 5_000; // renewed
    await waitUntil('the handler started', () => started.length === 1);
    expect(held.fetched).toEqual({ txId: '10', seq: '1' });
  });

  it('starts nothing once retiring, and stop() does not wait for a lapsed lease', async () => {
    const { held, started } = partition();
    held.push([row(1)]);
    held.retiring = true;
    await held.dispatcher.stop();
    expect(started).toEqual([]);
    expect(held.unstored()).toBeUndefined();
  });

  it('reports the acknowledged prefix until it is stored', async () => {
    const { held } = partition();
    held.leaseValidUntil = Date.now() + 60_000;
    held.push([row(1, 'a'), row(2, 'b')]);
    await held.dispatcher.whenIdle();
    const position = held.unstored();
    expect(position).toEqual({ txId: '10', seq: '2' });
    expect(held.unstored()).toBe(position); // not stored yet: still reported
    held.stored(position ?? { txId: '', seq: '' });
    expect(held.unstored()).toBeUndefined();
  });
});
