import { reserve, type StockLevel } from './stock-level.js';

export interface StockLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface Shortage {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}

export type ReservationPlan =
  | { readonly ok: true; readonly lines: StockLine[]; readonly levels: StockLevel[] }
  | {
      readonly ok: false;
      readonly reason: 'INSUFFICIENT_STOCK' | 'UNKNOWN_SKU';
      readonly shortages: Shortage[];
    };

/**
 * One line per SKU, quantities summed, in SKU order: an order may list a SKU twice, and both
 * lines draw on the same stock.
 */
export function mergeLines(lines: readonly StockLine[]): StockLine[] {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return [...bySku.keys()].sort().map((sku) => ({ sku, quantity: bySku.get(sku) ?? 0 }));
}

/**
 * Reserves every line or none. When some line cannot be served, the plan lists every short
 * line (an unknown SKU is short with 0 available) and the reason is UNKNOWN_SKU as soon as one
 * SKU is unknown, since no restock can fix that, INSUFFICIENT_STOCK otherwise.
 */
export function planReservation(
  stock: ReadonlyMap<string, StockLevel>,
  requested: readonly StockLine[],
): ReservationPlan {
  const lines = mergeLines(requested);
  const shortages: Shortage[] = [];
  let unknown = false;
  for (const { sku, quantity } of lines) {
    const level = stock.get(sku);
    if (level === undefined) unknown = true;
    const available = level?.available ?? 0;
    if (quantity > available) shortages.push({ sku, requested: quantity, available });
  }
  if (shortages.length > 0) {
    return { ok: false, reason: unknown ? 'UNKNOWN_SKU' : 'INSUFFICIENT_STOCK', shortages };
  }
  const levels = lines.map(({ sku, quantity }) => reserve(levelOf(stock, sku), quantity));
  return { ok: true, lines, levels };
}

/** Applies `change` to the stock of every line (release or sell of a held reservation). */
export function applyToLines(
  stock: ReadonlyMap<string, StockLevel>,
  lines: readonly StockLine[],
  change: (level: StockLevel, quantity: number) => StockLevel,
): StockLevel[] {
  return lines.map(({ sku, quantity }) => change(levelOf(stock, sku), quantity));
}

function levelOf(stock: ReadonlyMap<string, StockLevel>, sku: string): StockLevel {
  const level = stock.get(sku);
  if (level === undefined) throw new Error(`no stock record for ${sku}`);
  return level;
}
