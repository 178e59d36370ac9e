import {
  Semaphore,
  sleep,
  type MessageHandler,
  type SubscribeOptions,
  type Subscription,
} from '@eventmart/eventing';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { Conditions } from './conditions.js';
import { ConsumerRestarts } from './consumer-restarts.js';
import { everyMemberRoundRobin } from './every-member-assigner.js';
import type { ResolvedKafkaOptions } from './kafka-options.js';
import { fromRecord, type FetchedMessage } from './message-mapping.js';
import { OffsetCommitter } from './offset-committer.js';
import { PartitionWork } from './partition-work.js';
import { latestWithoutCommit } from './start-positions.js';

const keyOf = (topic: string, partition: number): string => `${String(partition)}/${topic}`;

/**
 * One subscriber: a kafkajs consumer in the group, feeding each owned partition into a
 * PartitionWork (KeyedDispatcher) and committing only the acknowledged prefix of each.
 *
 * kafkajs calls `eachBatch` one batch at a time; this hands the batch to the dispatcher and
 * returns at once, so fetching goes on while handlers run and while a rejected message waits
 * for its redelivery. A partition with too many unacknowledged messages is paused until half
 * of them are done. A rebalance (kafkajs's eager protocol takes every partition away) retires
 * all work: no handler starts any more, those running finish, what they acknowledged is
 * committed; the next owner reads from the committed offset (at-least-once).
 */
export class KafkaSubscription implements Subscription {
  private readonly consumer: Consumer;
  private readonly groupId: string;
  private readonly topics: string[];
  private readonly limiter: Semaphore;
  private readonly owned = new Map<string, PartitionWork>();
  private assignment: Record<string, number[]> = {};
  /** Retiring the previous generation's work: the next one starts after it. Never rejects. */
  private retiring: Promise<void> = Promise.resolve();
  private readonly committer: OffsetCommitter;
  private readonly conditions: Conditions;
  private joins = 0;
  private fetchesSinceJoin = 0;
  private readonly restarts: ConsumerRestarts;
  private failure: Error | undefined;
  private stopping = false;
  private running: Promise<void> | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    private readonly options: SubscribeOptions,
    private readonly handler: MessageHandler,
    private readonly settings: ResolvedKafkaOptions,
    private readonly admin: () => Promise<Admin>,
    private readonly onClosed: () => void,
  ) {
    this.groupId = settings.groupPrefix + options.group;
    this.topics = [...new Set(options.topics)];
    this.limiter = new Semaphore(options.maxInFlight ?? 16);
    this.consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxWaitTimeInMs: settings.fetchMaxWaitMs,
      allowAutoTopicCreation: settings.allowAutoTopicCreation,
      partitionAssigners: [everyMemberRoundRobin],
    });
    this.committer = new OffsetCommitter(
      (offsets) => this.consumer.commitOffsets(offsets),
      settings.commitIntervalMs,
      () => [...this.owned.values()],
      (error) => this.warn('could not commit offsets', error),
    );
    this.restarts = new ConsumerRestarts(
      settings.retry,
      () => this.restart(),
      settings.logger,
      this.groupId,
    );
    this.conditions = new Conditions(
      () =>
        this.failure ??
        (this.stopping ? new Error('the subscription closed while joining') : undefined),
    );
  }

  /** Joins the group; for 'latest', also stores where the group starts. Rejects (closed) on failure. */
  async start(): Promise<void> {
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, ({ payload }) => this.joined(payload.memberAssignment));
    this.consumer.on(events.REBALANCING, () => void this.retireAll('the group is rebalancing'));
    this.consumer.on(events.FETCH, () => {
      this.fetchesSinceJoin += 1;
      this.conditions.changed();
    });
    this.consumer.on(events.CRASH, ({ payload }) => this.crashed(payload.error, payload.restart));
    try {
      await this.consumer.connect();
      const fromBeginning = (this.options.startFrom ?? 'earliest') === 'earliest';
      await this.consumer.subscribe({ topics: this.topics, fromBeginning });
      await this.run();
      await this.conditions.until(() => this.joins > 0);
      if (!fromBeginning) await this.storeStartPositions();
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** Resolves once the member joined the group, or crashed (see crashed()). */
  private run(): Promise<void> {
    this.running = this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.onBatch(payload),
    });
    return this.running;
  }

  /** See Subscription.close: handlers finish, acknowledged offsets are committed, the member leaves. */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.conditions.changed();
    await this.restarts.stop();
    await this.running?.catch(() => undefined);
    this.quietly('could not pause fetching', () =>
      this.consumer.pause(this.topics.map((topic) => ({ topic }))),
    );
    await this.retireAll('closing');
    await this.committer.stop();
    try {
      await this.consumer.disconnect();
    } catch (error) {
      this.warn('could not leave the group cleanly', error);
    }
    this.onClosed();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const current = (): boolean => !this.stopping && payload.isRunning() && !payload.isStale();
    if (!current()) return;
    await this.afterRetiring(payload);
    if (!current()) return;
    // Not resolving an offset leaves kafkajs's fetch position where it was: whatever it skips
    // here is fetched again (or read by the next owner from the committed offset).
    const work = this.workFor(batch.topic, batch.partition);
    work.push(batch.messages.map((record) => fromRecord(batch.topic, batch.partition, record)));
    const last = batch.messages.at(-1);
    if (last !== undefined) payload.resolveOffset(last.offset);
    if (work.dispatcher.pending >= this.settings.maxPendingPerPartition) {
      work.paused = true;
      payload.pause();
    }
  }

  /** Waits for the previous generation's handlers, heartbeating so a slow one costs no membership. */
  private async afterRetiring(payload: EachBatchPayload): Promise<void> {
    let retired = false;
    const retiring = this.retiring.then(() => (retired = true));
    while (!retired) {
      await Promise.race([retiring, sleep(this.settings.heartbeatIntervalMs)]);
      if (!retired) await payload.heartbeat();
    }
  }

  private workFor(topic: string, partition: number): PartitionWork {
    const key = keyOf(topic, partition);
    const existing = this.owned.get(key);
    if (existing !== undefined) return existing;
    const work: PartitionWork = new PartitionWork(
      topic,
      partition,
      (message, attempt) => this.deliver(work, message, attempt),
      {
        maxInFlight: this.options.maxInFlight ?? 16,
        limiter: this.limiter,
        redelivery: this.settings.redelivery,
        onRejected: (error, attempt) =>
          this.settings.logger.warn('handler rejected a message; it will be redelivered', {
            group: this.groupId,
            topic,
            partition,
            attempt,
            error: String(error),
          }),
      },
    );
    this.owned.set(key, work);
    return work;
  }

  private async deliver(
    work: PartitionWork,
    message: FetchedMessage,
    attempt: number,
  ): Promise<void> {
    await this.handler({ ...message, deliveryAttempt: attempt });
    this.committer.schedule();
    // The dispatcher counts the acknowledgement once this returns: look after it.
    if (work.paused) setImmediate(() => this.resumeIfDrained(work));
  }

  private resumeIfDrained(work: PartitionWork): void {
    const limit = this.settings.maxPendingPerPartition;
    if (!work.paused || work.dispatcher.pending > limit / 2) return;
    if (this.owned.get(keyOf(work.topic, work.partition)) !== work) return;
    work.paused = false;
    this.quietly('could not resume fetching', () =>
      this.consumer.resume([{ topic: work.topic, partitions: [work.partition] }]),
    );
  }

  /**
   * Retires every partition: nothing new starts, running handlers finish, their acknowledged
   * offsets are committed. Returns once that is done; never rejects.
   */
  private retireAll(reason: string): Promise<void> {
    const works = [...this.owned.values()];
    this.owned.clear();
    if (works.length === 0) return this.retiring;
    this.settings.logger.debug('retiring partitions', {
      group: this.groupId,
      reason,
      partitions: works.map((work) => keyOf(work.topic, work.partition)),
    });
    const previous = this.retiring;
    this.retiring = (async () => {
      await previous;
      await Promise.all(works.map((work) => work.dispatcher.stop()));
      await this.committer.commit(() => works);
      const paused = works.filter((work) => work.paused);
      // A partition paused for backpressure must not stay paused for its next owner (us, maybe).
      if (paused.length > 0 && !this.stopping)
        this.quietly('could not resume fetching', () =>
          this.consumer.resume(paused.map((w) => ({ topic: w.topic, partitions: [w.partition] }))),
        );
    })();
    return this.retiring;
  }

  private joined(assignment: Record<string, number[]>): void {
    // Joined without a REBALANCING event first (dropped from the group for silence, or kafkajs
    // restarted the consumer): what it still holds belongs to the new assignment's owners.
    if (this.owned.size > 0) void this.retireAll('joined the group again');
    this.joins += 1;
    this.restarts.joined();
    this.fetchesSinceJoin = 0;
    this.assignment = assignment;
    this.conditions.changed();
  }

  /** kafkajs left the group: retire the work; restart unless kafkajs does (see ConsumerRestarts). */
  private crashed(error: Error, kafkajsRestarts: boolean): void {
    void this.retireAll('the consumer crashed');
    if (this.stopping) return;
    if (kafkajsRestarts) {
      this.warn('the consumer crashed; kafkajs restarts it', error);
      return;
    }
    this.failure = this.restarts.crashed(error, this.joins > 0);
    this.conditions.changed();
  }

  /** Never rejects: a failure is another crash. */
  private async restart(): Promise<void> {
    try {
      if (this.stopping) return;
      await this.consumer.connect();
      if (this.stopping) return;
      await this.run();
    } catch (error) {
      this.crashed(error instanceof Error ? error : new Error(String(error)), false);
    }
  }

  /**
   * Stores the start of a new 'latest' group. Waits for kafkajs's first fetch after joining,
   * by which time it has fixed its own start offsets; committing the end offsets then can
   * only move the stored start later than where this member already reads from.
   */
  private async storeStartPositions(): Promise<void> {
    await this.conditions.until(() => this.fetchesSinceJoin > 0);
    try {
      const missing = await latestWithoutCommit(await this.admin(), this.groupId, this.assignment);
      if (missing.length > 0) await this.consumer.commitOffsets(missing);
    } catch (error) {
      this.warn(
        "could not store a 'latest' group's start; Kafka starts it at the end next time",
        error,
      );
    }
  }

  private quietly(message: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      this.warn(message, error);
    }
  }

  private warn(message: string, error: unknown): void {
    this.settings.logger.warn(message, { group: this.groupId, error: String(error) });
  }
}
