import type { Random } from '../random.js';

/**
 * What a customer does with an order. Cancel-early cancels as soon as the order is accepted
 * (the saga may be anywhere by then); cancel-late waits for the order to be ready for
 * shipping, so it is paid and the cancellation refunds it; ship has an administrator ship it.
 */
export const ORDER_KINDS = [
  'in-stock',
  'ship',
  'out-of-stock',
  'declined',
  'payment-timeout',
  'cancel-early',
  'cancel-late',
] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

/** How often each kind is drawn, relative to the others. */
export const KIND_WEIGHTS: Readonly<Record<OrderKind, number>> = {
  'in-stock': 30,
  ship: 14,
  'out-of-stock': 10,
  declined: 12,
  'payment-timeout': 5,
  'cancel-early': 14,
  'cancel-late': 15,
};

/** The status (and cancellation reason) each kind ends in when nothing else intervenes. */
export const EXPECTED_OUTCOME: Readonly<Record<OrderKind, string>> = {
  'in-stock': 'FULFILLMENT_READY',
  ship: 'SHIPPED',
  'out-of-stock': 'CANCELLED OUT_OF_STOCK',
  declined: 'CANCELLED PAYMENT_DECLINED',
  'payment-timeout': 'CANCELLED PAYMENT_TIMEOUT',
  'cancel-early': 'CANCELLED CUSTOMER_REQUEST',
  'cancel-late': 'CANCELLED CUSTOMER_REQUEST',
};

const TOKENS: Readonly<Record<OrderKind, string>> = {
  'in-stock': 'tok_visa',
  ship: 'tok_visa',
  'out-of-stock': 'tok_visa',
  declined: 'tok_chargeDeclined',
  'payment-timeout': 'tok_timeout',
  'cancel-early': 'tok_visa',
  'cancel-late': 'tok_visa',
};

export interface CatalogueItem {
  readonly sku: string;
  readonly available: number;
}

export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface PlannedOrder {
  readonly index: number;
  readonly kind: OrderKind;
  /** Which of the run's customers places it. */
  readonly customer: number;
  readonly lines: readonly OrderLine[];
  readonly paymentToken: string;
}

export interface OrderPlan {
  readonly orders: readonly PlannedOrder[];
  /** Units to add per SKU before the run, so that every order meant to be in stock is. */
  readonly restock: ReadonlyMap<string, number>;
  /** SKUs that out-of-stock orders ask too much of; never restocked, never reserved. */
  readonly scarce: readonly string[];
}

/** How many of the scarcest SKUs out-of-stock orders use. */
const SCARCE_SKUS = 2;

/**
 * Draws `count` orders of mixed kinds for `customers` customers from the catalogue. The two
 * SKUs with the least stock are kept for out-of-stock orders, which ask for more than all of
 * it (next to a line that is in stock: reservation is all or none); every other order takes
 * one or two of the other SKUs, which are restocked up front to cover them all.
 */
export function planOrders(
  count: number,
  customers: number,
  catalogue: readonly CatalogueItem[],
  random: Random,
  weights: Readonly<Record<OrderKind, number>> = KIND_WEIGHTS,
): OrderPlan {
  if (catalogue.length <= SCARCE_SKUS) {
    throw new Error(`the catalogue needs more than ${String(SCARCE_SKUS)} SKUs`);
  }
  const byStock = [...catalogue].sort((a, b) => a.available - b.available);
  const scarce = byStock.slice(0, SCARCE_SKUS);
  const plentiful = byStock.slice(SCARCE_SKUS).map((item) => item.sku);
  const demand = new Map<string, number>();
  const orders: PlannedOrder[] = [];
  for (let index = 0; index < count; index += 1) {
    const kind = random.weighted(weights);
    const lines = random
      .sample(plentiful, random.int(1, 2))
      .map((sku) => ({ sku, quantity: random.int(1, 2) }));
    if (kind === 'out-of-stock') {
      const short = random.pick(scarce);
      lines.splice(0, 1, { sku: short.sku, quantity: short.available + random.int(1, 3) });
    } else {
      for (const line of lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
    }
    orders.push({
      index,
      kind,
      customer: index % customers,
      lines,
      paymentToken: TOKENS[kind],
    });
  }
  const restock = new Map<string, number>();
  for (const item of catalogue) {
    const missing = (demand.get(item.sku) ?? 0) - item.available;
    if (missing > 0) restock.set(item.sku, missing);
  }
  return { orders, restock, scarce: scarce.map((item) => item.sku) };
}
