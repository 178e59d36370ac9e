import { rawRecordOf } from '@eventmart/eventing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FetchedMessage } from './message-mapping.js';
import { OffsetCommitter, type CommittedOffset } from './offset-committer.js';
import { PartitionWork } from './partition-work.js';

/** A partition whose messages up to `offsets` are all acknowledged. */
async function acknowledged(partition: number, offsets: number): Promise<PartitionWork> {
  const work = new PartitionWork('t', partition, () => Promise.resolve(), {
    maxInFlight: 4,
    redelivery: { initialMs: 1, maxMs: 1 },
  });
  const messages: FetchedMessage[] = Array.from({ length: offsets + 1 }, (_, offset) => ({
    topic: 't',
    key: `k${String(offset)}`,
    headers: {},
    value: '',
    partition,
    offset: String(offset),
    raw: rawRecordOf({ key: `k${String(offset)}`, headers: {}, value: '' }),
  }));
  work.push(messages);
  await work.dispatcher.whenIdle();
  return work;
}

describe('OffsetCommitter', () => {
  afterEach(() => vi.useRealTimers());

  it('commits one past each acknowledged prefix, and nothing twice', async () => {
    const sent: CommittedOffset[][] = [];
    const works = [await acknowledged(0, 4), await acknowledged(1, 0)];
    const committer = new OffsetCommitter(
      async (o) => void sent.push(o),
      1_000,
      () => works,
      () => {},
    );
    await committer.commit(() => works);
    await committer.commit(() => works);
    expect(sent).toEqual([
      [
        { topic: 't', partition: 0, offset: '5' },
        { topic: 't', partition: 1, offset: '1' },
      ],
    ]);
  });

  it('keeps what a failed commit held for the next one, and reports the failure', async () => {
    const failures: unknown[] = [];
    let fail = true;
    const sent: CommittedOffset[][] = [];
    const works = [await acknowledged(0, 2)];
    const committer = new OffsetCommitter(
      async (offsets) => {
        if (fail) throw new Error('REBALANCE_IN_PROGRESS');
        sent.push(offsets);
      },
      1_000,
      () => works,
      (error) => failures.push(error),
    );
    await committer.commit(() => works);
    fail = false;
    await committer.commit(() => works);
    expect(failures).toHaveLength(1);
    expect(sent).toEqual([[{ topic: 't', partition: 0, offset: '3' }]]);
  });

  it('commits at most once per interval after acknowledgements, and not after stop()', async () => {
    vi.useFakeTimers();
    const sent: CommittedOffset[][] = [];
    const works = [await acknowledged(0, 0)];
    const committer = new OffsetCommitter(
      async (o) => void sent.push(o),
      100,
      () => works,
      () => {},
    );
    committer.schedule();
    committer.schedule();
    await vi.advanceTimersByTimeAsync(99);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(1);
    await committer.stop();
    committer.schedule();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(1);
  });
});
