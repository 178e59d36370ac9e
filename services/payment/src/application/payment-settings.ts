import type { BackoffOptions } from '@eventmart/eventing';
import type { CircuitBreakerSettings } from '@eventmart/resilience';
import type { PaymentProvider } from './payment-provider.port.js';

export interface PaymentModuleOptions {
  /** Default: a new SimulatedPaymentProvider. */
  readonly provider?: PaymentProvider;
  /** How long a charge or refund may take. Default: env PAYMENT_TIMEOUT_MS, else 5000. */
  readonly timeoutMs?: number;
  /**
   * The provider's circuit breaker. Default: env PAYMENT_CIRCUIT_FAILURES (5) failures in a
   * row open it; PAYMENT_CIRCUIT_HALF_OPEN_MS (10 000) later one trial call goes through.
   */
  readonly circuitBreaker?: Partial<CircuitBreakerSettings>;
  /**
   * The wait before a charge or refund that got no usable answer is tried again. Default
   * DEFAULT_CALL_BACKOFF: 0.5 s doubling to 30 s, for as long as it takes (a refund is owed).
   */
  readonly callBackoff?: BackoffOptions;
}

export interface PaymentSettings {
  readonly timeoutMs: number;
  readonly circuitBreaker: CircuitBreakerSettings;
  readonly callBackoff: BackoffOptions;
}

export const DEFAULT_CALL_BACKOFF: BackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  jitter: 'equal',
};

export const PAYMENT_SETTINGS = Symbol('eventmart:payment-settings');

export const DEFAULT_PAYMENT_TIMEOUT_MS = 5_000;

/** The timeout from the options, else PAYMENT_TIMEOUT_MS, else the default; checked at startup. */
export function paymentTimeoutMs(
  timeoutMs: number | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const raw = env.PAYMENT_TIMEOUT_MS;
  const value =
    timeoutMs ?? (raw === undefined || raw === '' ? DEFAULT_PAYMENT_TIMEOUT_MS : Number(raw));
  if (!Number.isInteger(value) || value <= 0) {
    const given =
      timeoutMs === undefined ? `PAYMENT_TIMEOUT_MS="${String(raw)}"` : String(timeoutMs);
    throw new Error(`the payment timeout must be a positive whole number of ms, got ${given}`);
  }
  return value;
}
