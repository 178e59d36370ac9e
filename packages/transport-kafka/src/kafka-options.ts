import { silentLogger, type BackoffOptions, type Logger } from '@eventmart/eventing';

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export interface KafkaSaslOptions {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** TLS to the brokers. PEM files are read when the transport opens. */
export interface KafkaSslOptions {
  /** The CA bundle to trust; the system's CAs when absent. */
  readonly caPath?: string;
  /** Client certificate and key, for brokers that authenticate clients by certificate. */
  readonly certPath?: string;
  readonly keyPath?: string;
  /** Default true. Turning it off accepts any certificate: only for a local test cluster. */
  readonly rejectUnauthorized?: boolean;
}

/** How `KafkaTransport.open` creates the topics that are missing. */
export interface TopicProvisioningOptions {
  /** Default: every topic of the catalog (`ALL_TOPICS` of @eventmart/contracts). */
  readonly topics?: readonly string[];
  readonly partitions?: number;
  readonly replicationFactor?: number;
  /** How long messages are kept; -1 keeps them forever. */
  readonly retentionMs?: number;
}

export interface KafkaRetryOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  readonly retries?: number;
}

export interface KafkaTransportOptions {
  /** host:port of some brokers; the client learns the rest of the cluster from them. */
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /** Put before every group name: one cluster can serve several deployments. */
  readonly groupPrefix?: string;
  /** A member silent this long is dropped from its group and its partitions move. */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** How long the group waits for its members to rejoin during a rebalance. */
  readonly rebalanceTimeoutMs?: number;
  /** How long a fetch waits at the broker for new messages; also bounds how long close() waits for one. */
  readonly fetchMaxWaitMs?: number;
  readonly connectionTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** Retries of failed requests (publish, commit, metadata), with an exponential backoff. */
  readonly retry?: KafkaRetryOptions;
  readonly ssl?: boolean | KafkaSslOptions;
  readonly sasl?: KafkaSaslOptions;
  /** Producer ids and sequence numbers let brokers drop resent duplicates. Default true. */
  readonly idempotent?: boolean;
  /** Default false: a topic missing from the cluster is an error, not a new topic. */
  readonly allowAutoTopicCreation?: boolean;
  /** `open()` creates missing topics unless this is false. */
  readonly provisioning?: false | TopicProvisioningOptions;
  /** Acknowledged offsets are committed at most this often (and on close and rebalance). */
  readonly commitIntervalMs?: number;
  /** A partition stops being fetched while this many of its messages are not acknowledged. */
  readonly maxPendingPerPartition?: number;
  /** Delays before a rejected message is delivered again. */
  readonly redelivery?: BackoffOptions;
  readonly logger?: Logger;
}

/** The defaults of every option, in one place; the README's configuration table lists them. */
export const KAFKA_DEFAULTS = {
  clientId: 'eventmart',
  groupPrefix: '',
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  rebalanceTimeoutMs: 60_000,
  fetchMaxWaitMs: 500,
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 30_000,
  retry: { initialMs: 300, maxMs: 30_000, retries: 8 },
  idempotent: true,
  allowAutoTopicCreation: false,
  provisioning: { partitions: 12, replicationFactor: 3, retentionMs: 7 * 24 * 60 * 60 * 1000 },
  commitIntervalMs: 1_000,
  maxPendingPerPartition: 1_000,
  redelivery: { initialMs: 100, maxMs: 10_000 },
} as const;

/** Every option with its default applied, checked once. */
export interface ResolvedKafkaOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly groupPrefix: string;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly fetchMaxWaitMs: number;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly retry: Required<KafkaRetryOptions>;
  readonly ssl: false | KafkaSslOptions;
  readonly sasl: KafkaSaslOptions | undefined;
  readonly idempotent: boolean;
  readonly allowAutoTopicCreation: boolean;
  readonly provisioning:
    | false
    | (Omit<Required<TopicProvisioningOptions>, 'topics'> & {
        readonly topics: readonly string[] | undefined;
      });
  readonly commitIntervalMs: number;
  readonly maxPendingPerPartition: number;
  readonly redelivery: BackoffOptions;
  readonly logger: Logger;
}

export function resolveKafkaOptions(options: KafkaTransportOptions): ResolvedKafkaOptions {
  const d = KAFKA_DEFAULTS;
  if (options.brokers.length === 0) throw new Error('Kafka: at least one broker is required');
  const resolved: ResolvedKafkaOptions = {
    brokers: [...options.brokers],
    clientId: options.clientId ?? d.clientId,
    groupPrefix: options.groupPrefix ?? d.groupPrefix,
    sessionTimeoutMs: positive('sessionTimeoutMs', options.sessionTimeoutMs ?? d.sessionTimeoutMs),
    heartbeatIntervalMs: positive(
      'heartbeatIntervalMs',
      options.heartbeatIntervalMs ?? d.heartbeatIntervalMs,
    ),
    rebalanceTimeoutMs: positive(
      'rebalanceTimeoutMs',
      options.rebalanceTimeoutMs ?? d.rebalanceTimeoutMs,
    ),
    fetchMaxWaitMs: positive('fetchMaxWaitMs', options.fetchMaxWaitMs ?? d.fetchMaxWaitMs),
    connectionTimeoutMs: positive(
      'connectionTimeoutMs',
      options.connectionTimeoutMs ?? d.connectionTimeoutMs,
    ),
    requestTimeoutMs: positive('requestTimeoutMs', options.requestTimeoutMs ?? d.requestTimeoutMs),
    retry: {
      initialMs: positive('retry.initialMs', options.retry?.initialMs ?? d.retry.initialMs),
      maxMs: positive('retry.maxMs', options.retry?.maxMs ?? d.retry.maxMs),
      retries: atLeastZero('retry.retries', options.retry?.retries ?? d.retry.retries),
    },
    ssl: options.ssl === true ? {} : (options.ssl ?? false),
    sasl: options.sasl,
    idempotent: options.idempotent ?? d.idempotent,
    allowAutoTopicCreation: options.allowAutoTopicCreation ?? d.allowAutoTopicCreation,
    provisioning:
      options.provisioning === false
        ? false
        : {
            topics: options.provisioning?.topics,
            partitions: positive(
              'provisioning.partitions',
              options.provisioning?.partitions ?? d.provisioning.partitions,
            ),
            replicationFactor: positive(
              'provisioning.replicationFactor',
              options.provisioning?.replicationFactor ?? d.provisioning.replicationFactor,
            ),
            retentionMs: retention(options.provisioning?.retentionMs ?? d.provisioning.retentionMs),
          },
    commitIntervalMs: positive('commitIntervalMs', options.commitIntervalMs ?? d.commitIntervalMs),
    maxPendingPerPartition: positive(
      'maxPendingPerPartition',
      options.maxPendingPerPartition ?? d.maxPendingPerPartition,
    ),
    redelivery: options.redelivery ?? d.redelivery,
    logger: options.logger ?? silentLogger,
  };
  // The broker drops a member that misses heartbeats for a whole session.
  if (resolved.heartbeatIntervalMs >= resolved.sessionTimeoutMs)
    throw new Error('Kafka: heartbeatIntervalMs must be shorter than sessionTimeoutMs');
  if (resolved.retry.initialMs > resolved.retry.maxMs)
    throw new Error('Kafka: retry.initialMs must not exceed retry.maxMs');
  return resolved;
}

function positive(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`Kafka: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

function atLeastZero(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`Kafka: ${name} must be a non-negative integer, got ${String(value)}`);
  return value;
}

function retention(value: number): number {
  if (value === -1) return value;
  return positive('provisioning.retentionMs (or -1)', value);
}
