/**
 * The stock of one SKU in three buckets. `total` is every unit ever put into stock; the rule
 * `total = available + reserved + sold`, none negative, holds after every operation here (and
 * the database checks it again).
 */
export interface StockLevel {
  readonly sku: string;
  readonly total: number;
  readonly available: number;
  readonly reserved: number;
  readonly sold: number;
}

/** An operation that would break the stock rule: a bug or corrupted data, never a shortage. */
export class StockRuleError extends Error {
  override readonly name = 'StockRuleError';
}

export function isConsistent(level: StockLevel): boolean {
  const { total, available, reserved, sold } = level;
  return (
    [total, available, reserved, sold].every((n) => Number.isInteger(n) && n >= 0) &&
    total === available + reserved + sold
  );
}

function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity <= 0) {
    throw new StockRuleError(`quantity must be a positive integer, got ${String(quantity)}`);
  }
}

/** available → reserved. */
export function reserve(level: StockLevel, quantity: number): StockLevel {
  checkQuantity(quantity);
  if (quantity > level.available) {
    throw new StockRuleError(
      `cannot reserve ${String(quantity)} of ${level.sku}: ${String(level.available)} available`,
    );
  }
  return { ...level, available: level.available - quantity, reserved: level.reserved + quantity };
}

/** reserved → available: the compensation of a cancelled order. */
export function release(level: StockLevel, quantity: number): StockLevel {
  checkQuantity(quantity);
  if (quantity > level.reserved) {
    throw new StockRuleError(
      `cannot release ${String(quantity)} of ${level.sku}: ${String(level.reserved)} reserved`,
    );
  }
  return { ...level, available: level.available + quantity, reserved: level.reserved - quantity };
}

/** reserved → sold: the goods left the warehouse. */
export function sell(level: StockLevel, quantity: number): StockLevel {
  checkQuantity(quantity);
  if (quantity > level.reserved) {
    throw new StockRuleError(
      `cannot sell ${String(quantity)} of ${level.sku}: ${String(level.reserved)} reserved`,
    );
  }
  return { ...level, reserved: level.reserved - quantity, sold: level.sold + quantity };
}

/**
 * Sets the available units (a stock count, a restock); `total` moves with them so that
 * reserved and sold units, which belong to orders, are never touched.
 */
export function setAvailable(level: StockLevel, available: number): StockLevel {
  if (!Number.isInteger(available) || available < 0) {
    throw new StockRuleError(`available must be an integer >= 0, got ${String(available)}`);
  }
  return { ...level, available, total: available + level.reserved + level.sold };
}

/** A new SKU's stock: everything available. */
export function newStock(sku: string, available: number): StockLevel {
  return setAvailable({ sku, total: 0, available: 0, reserved: 0, sold: 0 }, available);
}
