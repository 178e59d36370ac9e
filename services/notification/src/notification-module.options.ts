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
 * A few seconds in place (a late user.registered usually arrives by then); then the event is
 * parked for the delayed tries the process is configured with (by default over about 20
 * minutes: an SMTP outage), each order's mails kept in order.
 */
export const DEFAULT_NOTIFICATION_RETRY = {
  maxAttempts: 5,
  backoff: { initialMs: 200, maxMs: 2_000, jitter: 'equal' },
} as const satisfies Partial<RetryPolicy>;
