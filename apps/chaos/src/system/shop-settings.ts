/**
 * The settings every process of a shop under test gets (see docs/configuration.md), before
 * the transport's and the faults'. The admin account is what the tests and the harness log
 * in with to ship orders.
 */
export const SHOP_SETTINGS = Object.freeze({
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'admin-password-1',
  JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-0123456789',
  // Long enough for a charge on a busy machine running seven processes; tok_timeout waits it.
  PAYMENT_TIMEOUT_MS: '1500',
  // A killed process's partitions move after this: short, so a restart is quick.
  EVENTLOG_LEASE_MS: '3000',
});

/**
 * On the librdkafka mock cluster: the topics exist before the services start (they create
 * none), the mock has no idempotent producer, and a SIGKILLed member's partitions move once
 * its short session times out.
 */
export const KAFKA_MOCK_SETTINGS = Object.freeze({
  KAFKA_PROVISION_TOPICS: 'false',
  KAFKA_IDEMPOTENT: 'false',
  KAFKA_SESSION_TIMEOUT_MS: '6000',
  KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
});
