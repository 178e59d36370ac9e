import { ALL_TOPICS } from '@eventmart/contracts';
import type {
  MessageHandler,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
  Transport,
  TransportCapabilities,
} from '@eventmart/eventing';
import { Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { BatchingPublisher } from './batching-publisher.js';
import { createKafkaClient } from './kafka-client.js';
import {
  resolveKafkaOptions,
  type KafkaTransportOptions,
  type ResolvedKafkaOptions,
} from './kafka-options.js';
import { KafkaSubscription } from './kafka-subscription.js';
import { provisionTopics } from './topic-provisioning.js';

/**
 * The transport port over Apache Kafka with kafkajs: topics and partitions are Kafka's, keys
 * pick the partition (Java-compatible murmur2), consumer groups are Kafka consumer groups, and
 * a group's position is its committed offsets. Design: this package's README.
 */
export class KafkaTransport implements Transport {
  readonly name = 'kafka';
  readonly capabilities: TransportCapabilities = {
    consumerGroups: true,
    perKeyOrder: true,
    persistent: true,
  };
  private readonly settings: ResolvedKafkaOptions;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly publisher: BatchingPublisher;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly publishing = new Set<Promise<void>>();
  private connecting: Promise<void> | undefined;
  private adminClient: Promise<Admin> | undefined;
  private closing: Promise<void> | undefined;

  /** Connects lazily, on the first publish or subscribe; creates no topics (see `open`). */
  constructor(options: KafkaTransportOptions) {
    this.settings = resolveKafkaOptions(options);
    this.kafka = createKafkaClient(this.settings);
    const { idempotent, allowAutoTopicCreation } = this.settings;
    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      idempotent,
      // The idempotent producer keeps order on retries only with one request in flight per broker.
      ...(idempotent ? { maxInFlightRequests: 1 } : {}),
      allowAutoTopicCreation,
    });
    this.publisher = new BatchingPublisher(this.producer);
  }

  /**
   * A transport that is ready: the catalog's topics exist (created where missing, unless
   * `provisioning` is false) and the producer is connected.
   */
  static async open(options: KafkaTransportOptions): Promise<KafkaTransport> {
    const transport = new KafkaTransport(options);
    try {
      await transport.provision();
      await transport.connectProducer();
      return transport;
    } catch (error) {
      await transport.close();
      throw error;
    }
  }

  /** Creates the missing topics (see provisionTopics); returns their names. */
  async provision(): Promise<string[]> {
    const { provisioning, logger } = this.settings;
    if (provisioning === false) return [];
    const created = await provisionTopics(
      await this.admin(),
      provisioning.topics ?? ALL_TOPICS,
      provisioning,
    );
    if (created.length > 0) logger.info('created Kafka topics', { topics: created });
    return created;
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closing !== undefined) return Promise.reject(new Error('Kafka transport is closed'));
    const done = this.send(messages).finally(() => this.publishing.delete(done));
    this.publishing.add(done);
    return done;
  }

  private async send(messages: readonly OutgoingMessage[]): Promise<void> {
    await this.connectProducer();
    await this.publisher.publish(messages);
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.closing !== undefined) throw new Error('Kafka transport is closed');
    checkSubscribeOptions(options);
    const subscription: KafkaSubscription = new KafkaSubscription(
      this.kafka,
      options,
      handler,
      this.settings,
      () => this.admin(),
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    await subscription.start();
    return subscription;
  }

  /** Closes the subscriptions, waits for publishes in flight, then disconnects. */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await Promise.allSettled([...this.publishing]);
    await this.publisher.whenIdle();
    const { logger } = this.settings;
    if (this.connecting !== undefined)
      await this.producer.disconnect().catch((error: unknown) => {
        logger.warn('could not disconnect the Kafka producer', { error: String(error) });
      });
    if (this.adminClient !== undefined)
      await this.adminClient
        .then((admin) => admin.disconnect())
        .catch((error: unknown) => {
          logger.warn('could not disconnect the Kafka admin client', { error: String(error) });
        });
  }

  private connectProducer(): Promise<void> {
    if (this.connecting === undefined) {
      const connecting = this.producer.connect();
      this.connecting = connecting;
      // A failed connection (cluster not up yet) is tried again by the next publish.
      connecting.catch(() => {
        if (this.connecting === connecting) this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  private admin(): Promise<Admin> {
    if (this.adminClient === undefined) {
      const admin = this.kafka.admin();
      const connected = admin.connect().then(() => admin);
      this.adminClient = connected;
      connected.catch(() => (this.adminClient = undefined));
    }
    return this.adminClient;
  }
}

function checkSubscribeOptions({ group, topics, maxInFlight }: SubscribeOptions): void {
  if (group === '') throw new Error('subscribe: group must not be empty');
  if (topics.length === 0) throw new Error('subscribe: at least one topic is required');
  if (maxInFlight !== undefined && (!Number.isInteger(maxInFlight) || maxInFlight < 1))
    throw new Error('subscribe: maxInFlight must be a positive integer');
}
