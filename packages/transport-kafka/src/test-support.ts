import {
  consoleLogger,
  silentLogger,
  type Logger,
  type MessageHandler,
  type OutgoingMessage,
  type SubscribeOptions,
  type Subscription,
  type Transport,
} from '@eventmart/eventing';
import type { KafkaTransportOptions } from './kafka-options.js';
import { KafkaTransport } from './kafka-transport.js';
import type { KafkaMockCluster } from './testing/kafka-mock-cluster.js';

/** KAFKA_TEST_LOG=debug|info|warn|error shows the transport's and kafkajs's logs in tests. */
function testLogger(): Logger {
  const level = process.env.KAFKA_TEST_LOG;
  if (level === 'debug' || level === 'info' || level === 'warn' || level === 'error')
    return consoleLogger('kafka-test', level);
  return silentLogger;
}

/**
 * Options for a transport on the mock cluster. The mock has no idempotent producer state and
 * no CreateTopics, so both are off. Its group coordinator waits `sessionTimeoutMs - 1 s` for
 * members to rejoin a rebalance, so a short session keeps the tests quick.
 */
export function mockTransportOptions(
  cluster: KafkaMockCluster,
  overrides: Partial<KafkaTransportOptions> = {},
): KafkaTransportOptions {
  return {
    brokers: cluster.brokers,
    clientId: 'eventmart-test',
    idempotent: false,
    provisioning: false,
    sessionTimeoutMs: 3_000,
    heartbeatIntervalMs: 300,
    fetchMaxWaitMs: 100,
    commitIntervalMs: 100,
    connectionTimeoutMs: 1_000,
    retry: { initialMs: 100, maxMs: 1_000, retries: 10 },
    redelivery: { initialMs: 20, maxMs: 200 },
    logger: testLogger(),
    ...overrides,
  };
}

/**
 * A transport whose topics exist before they are used, as `open()` makes the catalog's exist in
 * production: each topic a message or subscription names is created in the mock cluster first
 * (once per cluster). The conformance suite invents topic names per case, so they cannot be
 * created up front.
 */
export class PreparedTopics implements Transport {
  readonly name: string;
  readonly capabilities;
  private readonly publishing = new Set<Promise<void>>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly inner: Transport,
    private readonly cluster: KafkaMockCluster,
    private readonly created: Map<string, Promise<void>>,
    private readonly partitions = 4,
  ) {
    this.name = inner.name;
    this.capabilities = inner.capabilities;
  }

  static open(
    cluster: KafkaMockCluster,
    created: Map<string, Promise<void>>,
    overrides: Partial<KafkaTransportOptions> = {},
  ): PreparedTopics {
    const transport = new KafkaTransport(mockTransportOptions(cluster, overrides));
    return new PreparedTopics(transport, cluster, created);
  }

  // After close() the calls go straight to the closed transport, which must refuse them.
  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closing !== undefined) return this.closing.then(() => this.inner.publish(messages));
    const done = this.prepare(messages.map((message) => message.topic))
      .then(() => this.inner.publish(messages))
      .finally(() => this.publishing.delete(done));
    this.publishing.add(done);
    return done;
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.closing === undefined) await this.prepare(options.topics);
    return this.inner.subscribe(options, handler);
  }

  /** A publish still creating its topic is in flight too: the transport closes after it. */
  close(): Promise<void> {
    return (this.closing ??= Promise.allSettled([...this.publishing]).then(() =>
      this.inner.close(),
    ));
  }

  private async prepare(topics: readonly string[]): Promise<void> {
    await Promise.all(
      [...new Set(topics)].map((topic) => {
        let creating = this.created.get(topic);
        if (creating === undefined) {
          creating = this.cluster.createTopic(topic, this.partitions);
          this.created.set(topic, creating);
        }
        return creating;
      }),
    );
  }
}

/** Resolves once `condition` holds; fails with what `describe()` says after timeoutMs. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${String(timeoutMs)} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `count` messages on `topic` over `keys` keys; the id header tells them apart. */
export function numberedMessages(topic: string, count: number, keys: number): OutgoingMessage[] {
  return Array.from({ length: count }, (_, n) => ({
    topic,
    key: `key-${String(n % keys)}`,
    headers: { 'x-id': String(n), 'content-type': 'application/json' },
    value: JSON.stringify({ n, note: 'an order line of a realistic size'.repeat(4) }),
  }));
}

/** Publishes `batch` again until it is accepted, as the port asks of callers; returns the retries. */
export async function publishUntilAccepted(
  transport: Transport,
  batch: readonly OutgoingMessage[],
): Promise<number> {
  for (let retries = 0; ; retries += 1) {
    try {
      await transport.publish(batch);
      return retries;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
