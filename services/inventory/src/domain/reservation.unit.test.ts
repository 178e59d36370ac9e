import { describe, expect, it } from 'vitest';
import { applyToLines, mergeLines, planReservation } from './reservation.js';
import { newStock, release, sell, type StockLevel } from './stock-level.js';

const stockOf = (...levels: StockLevel[]): Map<string, StockLevel> =>
  new Map(levels.map((level) => [level.sku, level]));

describe('reservation', () => {
  const stock = stockOf(newStock('BOOK', 3), newStock('MUG', 1));

  it('reserves every line when all are in stock', () => {
    const plan = planReservation(stock, [
      { sku: 'MUG', quantity: 1 },
      { sku: 'BOOK', quantity: 2 },
    ]);
    expect(plan).toEqual({
      ok: true,
      lines: [
        { sku: 'BOOK', quantity: 2 },
        { sku: 'MUG', quantity: 1 },
      ],
      levels: [
        { sku: 'BOOK', total: 3, available: 1, reserved: 2, sold: 0 },
        { sku: 'MUG', total: 1, available: 0, reserved: 1, sold: 0 },
      ],
    });
  });

  it('reserves nothing when one line is short, and names the short line', () => {
    const plan = planReservation(stock, [
      { sku: 'BOOK', quantity: 2 },
      { sku: 'MUG', quantity: 2 },
    ]);
    expect(plan).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_STOCK',
      shortages: [{ sku: 'MUG', requested: 2, available: 1 }],
    });
  });

  it('counts a SKU listed twice against the same stock', () => {
    const plan = planReservation(stock, [
      { sku: 'MUG', quantity: 1 },
      { sku: 'MUG', quantity: 1 },
    ]);
    expect(plan).toMatchObject({
      ok: false,
      shortages: [{ sku: 'MUG', requested: 2, available: 1 }],
    });
  });

  it('says UNKNOWN_SKU when a SKU does not exist, listing every short line', () => {
    const plan = planReservation(stock, [
      { sku: 'GHOST', quantity: 1 },
      { sku: 'MUG', quantity: 5 },
      { sku: 'BOOK', quantity: 1 },
    ]);
    expect(plan).toEqual({
      ok: false,
      reason: 'UNKNOWN_SKU',
      shortages: [
        { sku: 'GHOST', requested: 1, available: 0 },
        { sku: 'MUG', requested: 5, available: 1 },
      ],
    });
  });

  it('merges lines per SKU in SKU order', () => {
    expect(
      mergeLines([
        { sku: 'B', quantity: 1 },
        { sku: 'A', quantity: 2 },
        { sku: 'B', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 4 },
    ]);
  });

  it('releases or sells the held lines', () => {
    const plan = planReservation(stock, [{ sku: 'BOOK', quantity: 2 }]);
    if (!plan.ok) throw new Error('expected a reservation');
    const held = stockOf(...plan.levels);
    expect(applyToLines(held, plan.lines, release)).toEqual([newStock('BOOK', 3)]);
    expect(applyToLines(held, plan.lines, sell)).toEqual([
      { sku: 'BOOK', total: 3, available: 1, reserved: 0, sold: 2 },
    ]);
  });
});
