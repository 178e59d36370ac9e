import {
  KAFKA_DEFAULTS,
  type KafkaSaslOptions,
  type KafkaSslOptions,
  type KafkaTransportOptions,
  type SaslMechanism,
} from './kafka-options.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Every option `kafkaConfigFromEnv` sets; the logger and redelivery are the caller's. */
export type KafkaEnvConfig = Required<
  Omit<KafkaTransportOptions, 'ssl' | 'sasl' | 'logger' | 'redelivery'>
> &
  Pick<KafkaTransportOptions, 'ssl' | 'sasl'>;

const MECHANISMS: readonly SaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

/**
 * Reads the KAFKA_* variables (see the README's table) into transport options, defaults filled
 * in. An empty variable counts as unset. Every bad value is reported at once, by name.
 */
export function kafkaConfigFromEnv(env: Environment = process.env): KafkaEnvConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);
  const d = KAFKA_DEFAULTS;

  const brokers = read.brokers('KAFKA_BROKERS');
  const sessionTimeoutMs = read.positive('KAFKA_SESSION_TIMEOUT_MS', d.sessionTimeoutMs);
  const heartbeatIntervalMs = read.positive('KAFKA_HEARTBEAT_INTERVAL_MS', d.heartbeatIntervalMs);
  if (heartbeatIntervalMs >= sessionTimeoutMs)
    problems.push('KAFKA_HEARTBEAT_INTERVAL_MS must be below KAFKA_SESSION_TIMEOUT_MS');
  const retry = {
    initialMs: read.positive('KAFKA_RETRY_INITIAL_MS', d.retry.initialMs),
    maxMs: read.positive('KAFKA_RETRY_MAX_MS', d.retry.maxMs),
    retries: read.nonNegative('KAFKA_RETRIES', d.retry.retries),
  };
  if (retry.initialMs > retry.maxMs)
    problems.push('KAFKA_RETRY_INITIAL_MS must not exceed KAFKA_RETRY_MAX_MS');

  const config: KafkaEnvConfig = {
    brokers,
    clientId: read.text('KAFKA_CLIENT_ID') ?? d.clientId,
    groupPrefix: read.text('KAFKA_GROUP_PREFIX') ?? d.groupPrefix,
    sessionTimeoutMs,
    heartbeatIntervalMs,
    rebalanceTimeoutMs: read.positive('KAFKA_REBALANCE_TIMEOUT_MS', d.rebalanceTimeoutMs),
    fetchMaxWaitMs: read.positive('KAFKA_FETCH_MAX_WAIT_MS', d.fetchMaxWaitMs),
    connectionTimeoutMs: read.positive('KAFKA_CONNECTION_TIMEOUT_MS', d.connectionTimeoutMs),
    requestTimeoutMs: read.positive('KAFKA_REQUEST_TIMEOUT_MS', d.requestTimeoutMs),
    retry,
    ssl: ssl(read),
    sasl: sasl(read),
    idempotent: read.boolean('KAFKA_IDEMPOTENT', d.idempotent),
    allowAutoTopicCreation: read.boolean(
      'KAFKA_ALLOW_AUTO_TOPIC_CREATION',
      d.allowAutoTopicCreation,
    ),
    provisioning: read.boolean('KAFKA_PROVISION_TOPICS', true)
      ? {
          partitions: read.positive('KAFKA_TOPIC_PARTITIONS', d.provisioning.partitions),
          replicationFactor: read.positive(
            'KAFKA_TOPIC_REPLICATION_FACTOR',
            d.provisioning.replicationFactor,
          ),
          retentionMs: read.retention('KAFKA_TOPIC_RETENTION_MS', d.provisioning.retentionMs),
        }
      : false,
    commitIntervalMs: read.positive('KAFKA_COMMIT_INTERVAL_MS', d.commitIntervalMs),
    maxPendingPerPartition: read.positive(
      'KAFKA_MAX_PENDING_PER_PARTITION',
      d.maxPendingPerPartition,
    ),
  };
  if (problems.length > 0)
    throw new Error(`Invalid Kafka configuration:\n- ${problems.join('\n- ')}`);
  return config;
}

function ssl(read: EnvReader): false | KafkaSslOptions {
  const enabled = read.boolean('KAFKA_SSL', false);
  const paths = {
    caPath: read.text('KAFKA_SSL_CA_PATH'),
    certPath: read.text('KAFKA_SSL_CERT_PATH'),
    keyPath: read.text('KAFKA_SSL_KEY_PATH'),
  };
  const rejectUnauthorized = read.boolean('KAFKA_SSL_REJECT_UNAUTHORIZED', true);
  const given = Object.entries(paths).filter(([, value]) => value !== undefined);
  if (!enabled) {
    if (given.length > 0) read.problem('KAFKA_SSL_*_PATH is set but KAFKA_SSL is not true');
    return false;
  }
  if ((paths.certPath === undefined) !== (paths.keyPath === undefined))
    read.problem('KAFKA_SSL_CERT_PATH and KAFKA_SSL_KEY_PATH go together');
  return { ...Object.fromEntries(given), rejectUnauthorized };
}

function sasl(read: EnvReader): KafkaSaslOptions | undefined {
  const mechanism = read.text('KAFKA_SASL_MECHANISM')?.toLowerCase();
  const username = read.text('KAFKA_SASL_USERNAME');
  const password = read.text('KAFKA_SASL_PASSWORD');
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined)
      read.problem('KAFKA_SASL_USERNAME/PASSWORD are set but KAFKA_SASL_MECHANISM is not');
    return undefined;
  }
  if (!(MECHANISMS as readonly string[]).includes(mechanism)) {
    read.problem(
      `KAFKA_SASL_MECHANISM must be one of ${MECHANISMS.join(', ')}, got '${mechanism}'`,
    );
    return undefined;
  }
  if (username === undefined || password === undefined) {
    read.problem(`KAFKA_SASL_MECHANISM=${mechanism} needs KAFKA_SASL_USERNAME and _PASSWORD`);
    return undefined;
  }
  return { mechanism: mechanism as SaslMechanism, username, password };
}

/** Parses one variable at a time, recording what is wrong instead of throwing. */
class EnvReader {
  constructor(
    private readonly env: Environment,
    private readonly problems: string[],
  ) {}

  problem(message: string): void {
    this.problems.push(message);
  }

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  brokers(name: string): string[] {
    const raw = this.text(name);
    if (raw === undefined) {
      this.problem(`${name} is required: a comma-separated list of host:port`);
      return [];
    }
    const brokers = raw.split(',').map((entry) => entry.trim());
    for (const broker of brokers) {
      const port = /^[^\s:]+:(\d{1,5})$/.exec(broker)?.[1];
      if (port === undefined || Number(port) < 1 || Number(port) > 65_535)
        this.problem(`${name}: '${broker}' is not host:port`);
    }
    return brokers;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    this.problem(`${name} must be true or false, got '${raw}'`);
    return fallback;
  }

  positive(name: string, fallback: number): number {
    return this.integer(name, fallback, 1, 'a positive integer');
  }

  nonNegative(name: string, fallback: number): number {
    return this.integer(name, fallback, 0, 'a non-negative integer');
  }

  /** Milliseconds, or -1 for "forever" as Kafka's retention.ms has it. */
  retention(name: string, fallback: number): number {
    if (this.text(name) === '-1') return -1;
    return this.integer(name, fallback, 1, 'a positive integer (milliseconds) or -1');
  }

  private integer(name: string, fallback: number, min: number, what: string): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (/^-?\d+$/.test(raw) && Number.isSafeInteger(value) && value >= min) return value;
    this.problem(`${name} must be ${what}, got '${raw}'`);
    return fallback;
  }
}
