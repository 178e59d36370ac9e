import type { RetryPolicy } from '@eventmart/eventing';
import type { CircuitBreakerSettings } from '@eventmart/resilience';

export interface NotificationModuleOptions {
  /** SMTP server URL (the launcher passes SMTP_URL). Unset: mails are kept in the mailbox only. */
  readonly smtpUrl?: string;
  /** The From of every mail. Default `EventMart <no-reply@eventmart.local>`. */
  readonly from?: string;
  /** How handlers are retried (a customer not in the projection yet, SMTP down). */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * The mail server's circuit breaker. Default: env SMTP_CIRCUIT_FAILURES (5) failures in a
   * row open it; SMTP_CIRCUIT_HALF_OPEN_MS (10 000) later one trial send goes through.
   */
  readonly circuitBreaker?: Partial<CircuitBreakerSettings>;
}

export const DEFAULT_FROM = 'EventMart <no-reply@eventmart.local>';

/**
 * About 20 to 40 seconds of retries before an event is dead-lettered: room for a late
 * user.registered or a short SMTP outage, while one stuck order holds its key only so long.
 */
export const DEFAULT_NOTIFICATION_RETRY: RetryPolicy = {
  maxAttempts: 10,
  backoff: { initialMs: 200, maxMs: 10_000, jitter: 'equal' },
};
