import { describe, expect, it } from 'vitest';
import { kafkaConfigFromEnv } from './kafka-config-from-env.js';
import { resolveKafkaOptions } from './kafka-options.js';

const brokers = { KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092' };

/** The message of the error `kafkaConfigFromEnv(env)` throws. */
function problemsOf(env: Record<string, string>): string {
  try {
    kafkaConfigFromEnv(env);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the configuration to be refused');
}

describe('kafkaConfigFromEnv', () => {
  it('needs only KAFKA_BROKERS and fills in every default', () => {
    expect(kafkaConfigFromEnv(brokers)).toEqual({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      clientId: 'eventmart',
      groupPrefix: '',
      sessionTimeoutMs: 30_000,
      heartbeatIntervalMs: 3_000,
      rebalanceTimeoutMs: 60_000,
      fetchMaxWaitMs: 500,
      connectionTimeoutMs: 3_000,
      requestTimeoutMs: 30_000,
      retry: { initialMs: 300, maxMs: 30_000, retries: 8 },
      ssl: false,
      sasl: undefined,
      idempotent: true,
      allowAutoTopicCreation: false,
      provisioning: { partitions: 12, replicationFactor: 3, retentionMs: 604_800_000 },
      commitIntervalMs: 1_000,
      maxPendingPerPartition: 1_000,
    });
  });

  it('reads every variable', () => {
    const config = kafkaConfigFromEnv({
      ...brokers,
      KAFKA_CLIENT_ID: 'order-service',
      KAFKA_GROUP_PREFIX: 'staging.',
      KAFKA_SESSION_TIMEOUT_MS: '45000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '5000',
      KAFKA_REBALANCE_TIMEOUT_MS: '90000',
      KAFKA_FETCH_MAX_WAIT_MS: '250',
      KAFKA_CONNECTION_TIMEOUT_MS: '5000',
      KAFKA_REQUEST_TIMEOUT_MS: '20000',
      KAFKA_RETRY_INITIAL_MS: '100',
      KAFKA_RETRY_MAX_MS: '10000',
      KAFKA_RETRIES: '0',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_PATH: '/etc/kafka/ca.pem',
      KAFKA_SSL_CERT_PATH: '/etc/kafka/client.pem',
      KAFKA_SSL_KEY_PATH: '/etc/kafka/client.key',
      KAFKA_SSL_REJECT_UNAUTHORIZED: 'no',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'svc',
      KAFKA_SASL_PASSWORD: 's3cret',
      KAFKA_IDEMPOTENT: 'false',
      KAFKA_ALLOW_AUTO_TOPIC_CREATION: '1',
      KAFKA_TOPIC_PARTITIONS: '24',
      KAFKA_TOPIC_REPLICATION_FACTOR: '2',
      KAFKA_TOPIC_RETENTION_MS: '-1',
      KAFKA_COMMIT_INTERVAL_MS: '200',
      KAFKA_MAX_PENDING_PER_PARTITION: '50',
    });
    expect(config).toMatchObject({
      clientId: 'order-service',
      groupPrefix: 'staging.',
      sessionTimeoutMs: 45_000,
      heartbeatIntervalMs: 5_000,
      rebalanceTimeoutMs: 90_000,
      fetchMaxWaitMs: 250,
      connectionTimeoutMs: 5_000,
      requestTimeoutMs: 20_000,
      retry: { initialMs: 100, maxMs: 10_000, retries: 0 },
      ssl: {
        caPath: '/etc/kafka/ca.pem',
        certPath: '/etc/kafka/client.pem',
        keyPath: '/etc/kafka/client.key',
        rejectUnauthorized: false,
      },
      sasl: { mechanism: 'scram-sha-512', username: 'svc', password: 's3cret' },
      idempotent: false,
      allowAutoTopicCreation: true,
      provisioning: { partitions: 24, replicationFactor: 2, retentionMs: -1 },
      commitIntervalMs: 200,
      maxPendingPerPartition: 50,
    });
  });

  it('turns provisioning off with KAFKA_PROVISION_TOPICS=false', () => {
    expect(kafkaConfigFromEnv({ ...brokers, KAFKA_PROVISION_TOPICS: 'false' }).provisioning).toBe(
      false,
    );
  });

  it('treats an empty variable as unset', () => {
    const config = kafkaConfigFromEnv({ ...brokers, KAFKA_IDEMPOTENT: '', KAFKA_SSL: ' ' });
    expect(config.idempotent).toBe(true);
    expect(config.ssl).toBe(false);
  });

  it('gives options the transport accepts as they are', () => {
    expect(() => resolveKafkaOptions(kafkaConfigFromEnv(brokers))).not.toThrow();
  });

  it('requires KAFKA_BROKERS as a list of host:port', () => {
    expect(problemsOf({})).toContain('KAFKA_BROKERS is required');
    const message = problemsOf({ KAFKA_BROKERS: 'kafka-1:9092,kafka-2,kafka-3:99999' });
    expect(message).toContain("KAFKA_BROKERS: 'kafka-2' is not host:port");
    expect(message).toContain("KAFKA_BROKERS: 'kafka-3:99999' is not host:port");
  });

  it('names every bad value at once', () => {
    const message = problemsOf({
      ...brokers,
      KAFKA_SESSION_TIMEOUT_MS: 'soon',
      KAFKA_RETRIES: '-1',
      KAFKA_IDEMPOTENT: 'maybe',
      KAFKA_TOPIC_RETENTION_MS: '0',
      KAFKA_COMMIT_INTERVAL_MS: '1.5',
    });
    expect(message.split('\n')).toEqual([
      'Invalid Kafka configuration:',
      "- KAFKA_SESSION_TIMEOUT_MS must be a positive integer, got 'soon'",
      "- KAFKA_RETRIES must be a non-negative integer, got '-1'",
      "- KAFKA_IDEMPOTENT must be true or false, got 'maybe'",
      "- KAFKA_TOPIC_RETENTION_MS must be a positive integer (milliseconds) or -1, got '0'",
      "- KAFKA_COMMIT_INTERVAL_MS must be a positive integer, got '1.5'",
    ]);
  });

  it('refuses settings that contradict each other', () => {
    expect(
      problemsOf({
        ...brokers,
        KAFKA_SESSION_TIMEOUT_MS: '3000',
        KAFKA_HEARTBEAT_INTERVAL_MS: '3000',
      }),
    ).toContain('KAFKA_HEARTBEAT_INTERVAL_MS must be below KAFKA_SESSION_TIMEOUT_MS');
    expect(
      problemsOf({ ...brokers, KAFKA_RETRY_INITIAL_MS: '5000', KAFKA_RETRY_MAX_MS: '1000' }),
    ).toContain('KAFKA_RETRY_INITIAL_MS must not exceed KAFKA_RETRY_MAX_MS');
  });

  it('checks the SSL variables', () => {
    expect(problemsOf({ ...brokers, KAFKA_SSL_CA_PATH: '/ca.pem' })).toContain(
      'KAFKA_SSL_*_PATH is set but KAFKA_SSL is not true',
    );
    expect(problemsOf({ ...brokers, KAFKA_SSL: 'true', KAFKA_SSL_CERT_PATH: '/c.pem' })).toContain(
      'KAFKA_SSL_CERT_PATH and KAFKA_SSL_KEY_PATH go together',
    );
    expect(kafkaConfigFromEnv({ ...brokers, KAFKA_SSL: 'true' }).ssl).toEqual({
      rejectUnauthorized: true,
    });
  });

  it('checks the SASL variables', () => {
    expect(problemsOf({ ...brokers, KAFKA_SASL_MECHANISM: 'gssapi' })).toContain(
      "KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512, got 'gssapi'",
    );
    expect(problemsOf({ ...brokers, KAFKA_SASL_MECHANISM: 'plain' })).toContain(
      'KAFKA_SASL_MECHANISM=plain needs KAFKA_SASL_USERNAME and _PASSWORD',
    );
    expect(problemsOf({ ...brokers, KAFKA_SASL_USERNAME: 'svc' })).toContain(
      'KAFKA_SASL_USERNAME/PASSWORD are set but KAFKA_SASL_MECHANISM is not',
    );
  });
});
