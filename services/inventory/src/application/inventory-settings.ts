/** The inventory service's schema: products, reservations, outbox, inbox and timers. */
export const INVENTORY_SCHEMA = 'inventory';

export interface InventoryModuleOptions {
  /**
   * How long a reservation is held without order.confirmed or order.cancelled before
   * stock.reservation-expired tells the order service, which cancels the order if it is still
   * unpaid (its cancellation releases the stock); a paid order keeps it. Keep it longer than
   * the order's payment deadline, which normally settles the order first. Default: env
   * INVENTORY_RESERVATION_TTL_MS, else twice ORDER_PAYMENT_TIMEOUT_MS, else 60 000.
   */
  readonly reservationTtlMs?: number;
}

export interface InventorySettings {
  readonly reservationTtlMs: number;
}

export const INVENTORY_SETTINGS = Symbol('eventmart:inventory-settings');

/** Twice the order service's default payment deadline (30 s). */
export const DEFAULT_RESERVATION_TTL_MS = 60_000;

type Env = Readonly<Record<string, string | undefined>>;

/** The settings from the options, else the environment, else the defaults; checked at startup. */
export function inventorySettings(
  options: InventoryModuleOptions = {},
  env: Env = process.env,
): InventorySettings {
  const ttl = options.reservationTtlMs ?? ttlFromEnv(env);
  if (!Number.isInteger(ttl) || ttl <= 0) {
    throw new Error(
      `the reservation TTL must be a positive whole number of ms, got ${String(ttl)}`,
    );
  }
  return { reservationTtlMs: ttl };
}

function ttlFromEnv(env: Env): number {
  const own = positive(env, 'INVENTORY_RESERVATION_TTL_MS');
  if (own !== undefined) return own;
  const orderDeadline = positive(env, 'ORDER_PAYMENT_TIMEOUT_MS');
  return orderDeadline === undefined ? DEFAULT_RESERVATION_TTL_MS : 2 * orderDeadline;
}

function positive(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number of ms, got "${raw}"`);
  }
  return value;
}
