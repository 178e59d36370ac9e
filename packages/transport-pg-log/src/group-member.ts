import { randomUUID } from 'node:crypto';
import {
  backoffDelay,
  Wakeup,
  type BackoffOptions,
  type Logger,
  type MessageHandler,
  type Notifier,
  type SubscribeOptions,
  type Subscription,
  Semaphore,
  receivedMessage,
} from '@eventmart/eventing';
import { shareOf } from './assignment.js';
import { logRecord } from './log-record.js';
import { HeldPartition, keyOf, Retired, type LogMessage } from './held-partition.js';
import type { LogStore, Position, TopicPartition } from './log-store.js';

/** What every member of one transport shares; see PgLogTransportOptions for each field. */
export interface MemberSettings {
  readonly partitions: number;
  readonly channel: string;
  readonly membersChannel: string;
  readonly pollIntervalMs: number;
  readonly batchSize: number;
  readonly maxPendingPerPartition: number;
  readonly leaseMs: number;
  readonly heartbeatMs: number;
  readonly commitIntervalMs: number;
  readonly redelivery: BackoffOptions;
  readonly logger: Logger;
}

/**
 * One subscriber in a consumer group: registers in group_members, holds leases on its share of
 * the group's partitions, fetches and dispatches them, stores positions. Everything that
 * changes which partitions it holds runs in one loop, so no two steps race on a partition;
 * only giving a partition up (waiting for its handlers) runs beside the loop.
 */
export class GroupMember implements Subscription {
  readonly memberId = randomUUID();
  private readonly held = new Map<string, HeldPartition>();
  private readonly retiring = new Map<string, Promise<void>>();
  private readonly wakeup = new Wakeup();
  private readonly limiter: Semaphore;
  private readonly group: string;
  private readonly topics: readonly string[];
  private rebalanceAt = 0;
  private flushDue = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private stopping = false;
  private starting: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private readonly unlisteners: (() => Promise<void>)[] = [];

  constructor(
    private readonly store: LogStore,
    private readonly notifier: Notifier,
    private readonly options: SubscribeOptions,
    private readonly handler: MessageHandler,
    private readonly settings: MemberSettings,
    private readonly onClosed: () => void = () => undefined,
  ) {
    this.group = options.group;
    this.topics = [...new Set(options.topics)];
    this.limiter = new Semaphore(options.maxInFlight ?? 16);
  }

  /** Joins the group and starts the loop; on failure, leaves again and rejects. */
  async start(): Promise<void> {
    this.starting = this.join();
    try {
      await this.starting;
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  private async join(): Promise<void> {
    const { channel, membersChannel } = this.settings;
    const startFrom = this.options.startFrom ?? 'earliest';
    await this.store.createPositions(this.group, this.topics, this.settings.partitions, startFrom);
    this.unlisteners.push(
      await this.notifier.listen(channel, (topic) => {
        if (this.topics.includes(topic)) this.wakeup.wake();
      }),
    );
    this.unlisteners.push(
      await this.notifier.listen(membersChannel, (group) => {
        if (group !== this.group) return;
        this.rebalanceAt = 0;
        this.wakeup.wake();
      }),
    );
    if (this.stopping) return;
    await this.rebalance();
    await this.store.notify(membersChannel, this.group);
    if (!this.stopping) this.loop = this.run();
  }

  /** See Subscription.close: handlers finish, positions are stored, leases and membership end. */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.flushTimer);
    this.wakeup.wake();
    await this.starting?.catch(() => undefined);
    await this.loop;
    for (const [key, held] of this.held) void this.retire(key, held, 'closing');
    await Promise.all(this.retiring.values());
    await this.quietly('could not leave the group', async () => {
      await this.store.leave(this.group, this.memberId);
      await this.store.notify(this.settings.membersChannel, this.group);
    });
    for (const unlisten of this.unlisteners) await this.quietly('could not unlisten', unlisten);
    this.onClosed();
  }

  private async run(): Promise<void> {
    const { pollIntervalMs } = this.settings;
    let failures = 0;
    let heldBackRounds = 0;
    while (!this.stopping) {
      try {
        if (Date.now() >= this.rebalanceAt) await this.rebalance();
        this.dropExpired();
        if (this.flushDue) await this.flush();
        const { full, heldBack } = await this.fetch();
        failures = 0;
        if (full) continue;
        heldBackRounds = heldBack ? heldBackRounds + 1 : 0;
        let delay = Math.min(pollIntervalMs, this.rebalanceAt - Date.now());
        // Committed rows wait behind an open transaction, which sends no notification when
        // it ends: look again soon, then less and less often.
        if (heldBack) delay = Math.min(delay, 10 * 2 ** Math.min(heldBackRounds, 8));
        await this.wakeup.wait(Math.max(0, delay));
      } catch (error) {
        failures += 1;
        const delay = backoffDelay(failures, {
          initialMs: 100,
          maxMs: Math.max(1_000, pollIntervalMs),
        });
        this.settings.logger.warn('event log consumer failed; retrying', {
          group: this.group,
          member: this.memberId,
          error: String(error),
          delayMs: delay,
        });
        await this.wakeup.wait(delay);
      }
    }
  }

  /** Heartbeat, then hold exactly this member's share: give up the rest, claim or renew it. */
  private async rebalance(): Promise<void> {
    const { heartbeatMs, leaseMs, partitions, pollIntervalMs } = this.settings;
    this.rebalanceAt = Date.now() + heartbeatMs;
    const members = await this.store.heartbeat(
      this.group,
      { memberId: this.memberId, topics: this.topics },
      leaseMs,
    );
    const share = shareOf(this.memberId, members, partitions);
    const shareKeys = new Set(share.map(keyOf));
    const leaving: Promise<void>[] = [];
    for (const [key, held] of this.held)
      if (!shareKeys.has(key)) leaving.push(this.retire(key, held, 'no longer its share'));
    if (leaving.length > 0) {
      // Tells the members waiting for these partitions to claim them now.
      void Promise.all(leaving).then(() =>
        this.quietly('could not notify the group', () =>
          this.store.notify(this.settings.membersChannel, this.group),
        ),
      );
    }
    const wanted = share.filter((tp) => !this.retiring.has(keyOf(tp)));
    // The database starts the lease after this moment, so the local deadline is the earlier.
    const claimedAt = Date.now();
    const claimed = await this.store.claim(this.group, this.memberId, wanted, leaseMs);
    const claimedKeys = new Set(claimed.map(keyOf));
    for (const [key, held] of this.held) {
      if (!claimedKeys.has(key)) void this.retire(key, held, 'lease taken by another member');
    }
    for (const row of claimed) {
      const key = keyOf(row);
      const held = this.held.get(key) ?? this.hold(row, { txId: row.txId, seq: row.seq });
      held.leaseValidUntil = claimedAt + leaseMs;
    }
    // Part of the share is still another member's: it gives it up soon, or its lease runs out.
    if (claimed.length < share.length) {
      this.rebalanceAt = Math.min(
        this.rebalanceAt,
        Date.now() + Math.min(heartbeatMs, pollIntervalMs),
      );
    }
  }

  private hold(tp: TopicPartition, from: Position): HeldPartition {
    const { leaseMs, heartbeatMs, redelivery, logger } = this.settings;
    const held: HeldPartition = new HeldPartition(
      tp.topic,
      tp.partition,
      from,
      (leaseMs - heartbeatMs) / 2,
      (message, attempt): Promise<void> => this.deliver(held, message, attempt),
      {
        maxInFlight: this.options.maxInFlight ?? 16,
        redelivery,
        onRejected: (error, attempt) => {
          if (error instanceof Retired) return;
          logger.warn('handler rejected a message; it will be redelivered', {
            ...this.where(tp),
            attempt,
            error: String(error),
          });
        },
      },
    );
    this.held.set(keyOf(tp), held);
    logger.debug('holding a partition', { ...this.where(tp), from });
    return held;
  }

  private async deliver(held: HeldPartition, message: LogMessage, attempt: number): Promise<void> {
    // One limiter across partitions: maxInFlight bounds the whole subscription.
    await this.limiter.acquire();
    try {
      await held.untilLeased(); // the lease may have lapsed while waiting for a slot
      await this.handler(
        receivedMessage(
          {
            topic: message.topic,
            partition: message.partition,
            offset: message.seq,
            deliveryAttempt: attempt,
          },
          logRecord(message),
        ),
      );
    } finally {
      this.limiter.release();
    }
    this.requestFlush();
  }

  /** Positions are written at most every commitIntervalMs, not once per message. */
  private requestFlush(): void {
    if (this.flushTimer !== undefined || this.stopping) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushDue = true;
      this.wakeup.wake();
    }, this.settings.commitIntervalMs);
  }

  private async fetch(): Promise<{ full: boolean; heldBack: boolean }> {
    const { batchSize, maxPendingPerPartition } = this.settings;
    const requests = [];
    for (const held of this.held.values()) {
      const room = maxPendingPerPartition - held.dispatcher.pending;
      if (room > 0)
        requests.push({
          held,
          topic: held.topic,
          partition: held.partition,
          after: held.fetched,
          limit: Math.min(batchSize, room),
        });
    }
    const rows = await this.store.fetch(requests);
    let full = false;
    let heldBack = false;
    for (const request of requests) {
      const { held } = request;
      const visible: LogMessage[] = [];
      for (const row of rows) {
        if (row.topic !== held.topic || row.partition !== held.partition) continue;
        if (row.visible) visible.push(row);
        else heldBack = true;
      }
      // A partition given up while the query ran is skipped: its next holder starts from the
      // stored position.
      held.push(visible);
      if (visible.length >= request.limit) full = true;
    }
    return { full, heldBack };
  }

  private async flush(): Promise<void> {
    this.flushDue = false;
    const pending: { held: HeldPartition; position: Position }[] = [];
    for (const held of this.held.values()) {
      const position = held.unstored();
      if (position !== undefined) pending.push({ held, position });
    }
    if (pending.length === 0) return;
    const written = await this.store.storePositions(
      this.group,
      this.memberId,
      pending.map(({ held, position }) => ({
        topic: held.topic,
        partition: held.partition,
        ...position,
      })),
    );
    const writtenKeys = new Set(written.map(keyOf));
    for (const { held, position } of pending) {
      const key = keyOf(held);
      if (writtenKeys.has(key)) held.stored(position);
      else if (this.held.get(key) === held) void this.retire(key, held, 'position fenced off');
    }
  }

  /** Stops processing partitions whose lease may have run out (renewals kept failing). */
  private dropExpired(): void {
    const now = Date.now();
    for (const [key, held] of this.held)
      if (now >= held.leaseValidUntil) void this.retire(key, held, 'lease not renewed in time');
  }

  /**
   * Gives a partition up: its handlers in flight finish, the acknowledged position is stored
   * and the lease released, both only if this member still owns it. Never rejects.
   */
  private retire(key: string, held: HeldPartition, reason: string): Promise<void> {
    this.settings.logger.debug('giving up a partition', { ...this.where(held), reason });
    this.held.delete(key);
    held.retiring = true;
    const done = this.quietly('could not give up a partition', async () => {
      await held.dispatcher.stop();
      const position = held.unstored();
      const tp = { topic: held.topic, partition: held.partition };
      if (position !== undefined)
        await this.store.storePositions(this.group, this.memberId, [{ ...tp, ...position }]);
      await this.store.release(this.group, this.memberId, [tp]);
    }).finally(() => {
      if (this.retiring.get(key) === done) this.retiring.delete(key);
    });
    this.retiring.set(key, done);
    return done;
  }

  private where(tp: TopicPartition): Record<string, unknown> {
    return { group: this.group, member: this.memberId, topic: tp.topic, partition: tp.partition };
  }

  private async quietly(message: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.settings.logger.warn(message, {
        group: this.group,
        member: this.memberId,
        error: String(error),
      });
    }
  }
}
