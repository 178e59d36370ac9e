import type { PartitionWork } from './partition-work.js';

export interface CommittedOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Commits the acknowledged prefix of partitions: at most every `intervalMs` after an
 * acknowledgement, and at once when asked (rebalance, close). One commit at a time, so an older
 * offset never lands after a newer one. A commit that fails is logged; its offsets go with the
 * next commit, or, once the partition is gone, to its next owner as redeliveries.
 */
export class OffsetCommitter {
  private queue: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly send: (offsets: CommittedOffset[]) => Promise<void>,
    private readonly intervalMs: number,
    /** The partitions a scheduled commit covers, when it runs. */
    private readonly current: () => PartitionWork[],
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** After an acknowledgement: a commit within intervalMs, unless one is due already. */
  schedule(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.commit(this.current);
    }, this.intervalMs);
  }

  /** Commits what `select()` returns when its turn comes; resolves after, never rejects. */
  commit(select: () => PartitionWork[]): Promise<void> {
    this.queue = this.queue.then(async () => {
      const offsets = select().flatMap((work) => {
        const offset = work.uncommitted();
        return offset === undefined ? [] : [{ work, offset }];
      });
      if (offsets.length === 0) return;
      try {
        await this.send(
          offsets.map(({ work, offset }) => ({
            topic: work.topic,
            partition: work.partition,
            offset,
          })),
        );
        for (const { work, offset } of offsets) work.committed(offset);
      } catch (error) {
        this.onFailure(error);
      }
    });
    return this.queue;
  }

  /** No more scheduled commits; resolves once the commits asked for so far are done. */
  stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    return this.queue;
  }
}
