/** The order service's schema: its streams, read model, outbox, inbox and timers. */
export const ORDER_SCHEMA = 'order';

export interface OrderModuleOptions {
  /**
   * How long an order waits for its payment before it is cancelled (PAYMENT_TIMEOUT).
   * Default: env ORDER_PAYMENT_TIMEOUT_MS, else 30 000.
   */
  readonly paymentDeadlineMs?: number;
}

export interface OrderSettings {
  readonly paymentDeadlineMs: number;
}

export const ORDER_SETTINGS = Symbol('eventmart:order-settings');

export const DEFAULT_ORDER_PAYMENT_TIMEOUT_MS = 30_000;

/** The settings from the options, else the environment, else the defaults; checked at startup. */
export function orderSettings(
  options: OrderModuleOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): OrderSettings {
  const raw = env.ORDER_PAYMENT_TIMEOUT_MS;
  const value =
    options.paymentDeadlineMs ??
    (raw === undefined || raw === '' ? DEFAULT_ORDER_PAYMENT_TIMEOUT_MS : Number(raw));
  if (!Number.isInteger(value) || value <= 0) {
    const given =
      options.paymentDeadlineMs === undefined
        ? `ORDER_PAYMENT_TIMEOUT_MS="${String(raw)}"`
        : String(options.paymentDeadlineMs);
    throw new Error(
      `the order payment deadline must be a positive whole number of ms, got ${given}`,
    );
  }
  return { paymentDeadlineMs: value };
}
