import { rawRecordOf } from '@eventmart/eventing';
import { describe, expect, it } from 'vitest';
import type { FetchedMessage } from './message-mapping.js';
import { PartitionWork } from './partition-work.js';

const fetched = (offset: number, key: string): FetchedMessage => ({
  topic: 't',
  key,
  headers: {},
  value: String(offset),
  partition: 0,
  offset: String(offset),
  raw: rawRecordOf({ key, headers: {}, value: String(offset) }),
});

describe('PartitionWork', () => {
  it('commits one past the acknowledged prefix, never past an unacknowledged message', async () => {
    const release = new Map<string, () => void>();
    const work = new PartitionWork(
      't',
      0,
      (message) => new Promise<void>((resolve) => release.set(message.offset, resolve)),
      { maxInFlight: 10, redelivery: { initialMs: 1, maxMs: 1 } },
    );
    expect(work.uncommitted()).toBeUndefined();
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    work.push([fetched(5, 'a'), fetched(6, 'b'), fetched(7, 'c')]);
    await tick(); // the handlers start
    const settle = async (offset: string) => {
      release.get(offset)?.();
      await tick();
    };

    await settle('6');
    expect(work.uncommitted(), 'offset 5 still runs').toBeUndefined();
    await settle('5');
    expect(work.uncommitted()).toBe('7');
    work.committed('7');
    expect(work.uncommitted(), 'nothing new since the commit').toBeUndefined();
    await settle('7');
    expect(work.uncommitted()).toBe('8');
    await work.dispatcher.stop();
  });

  it('keeps what a failed commit left for the next one', async () => {
    const work = new PartitionWork('t', 0, () => Promise.resolve(), {
      maxInFlight: 1,
      redelivery: { initialMs: 1, maxMs: 1 },
    });
    work.push([fetched(0, 'a')]);
    await work.dispatcher.whenIdle();
    expect(work.uncommitted()).toBe('1');
    expect(work.uncommitted(), 'not committed: asked again').toBe('1');
    work.committed('1');
    work.committed('0');
    expect(work.uncommitted(), 'an older commit does not move it back').toBeUndefined();
  });
});
