// Random saga traffic (orders placed, confirmed, cancelled and shipped, in any order, with
// duplicates)
// applied through the domain rules: the stock rule and the bookkeeping must hold at every step.
import { describe, expect, it } from 'vitest';
import { actionFor, type OrderStockEvent, type OrderStockStatus } from './order-stock.js';
import { applyToLines, planReservation, type StockLine } from './reservation.js';
import { isConsistent, newStock, release, sell, type StockLevel } from './stock-level.js';

/** A small deterministic PRNG, so that a failing seed can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SKUS = ['A', 'B', 'C', 'D'];

interface Order {
  status: OrderStockStatus;
  held: StockLine[];
}

function run(seed: number, steps: number, reached: Set<OrderStockStatus>): string | undefined {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const stock = new Map(SKUS.map((sku) => [sku, newStock(sku, 1 + Math.floor(next() * 6))]));
  const totals = new Map([...stock].map(([sku, level]) => [sku, level.total]));
  const orders = new Map<string, Order>();
  const requested = new Map<string, StockLine[]>();

  const save = (levels: StockLevel[]): void => {
    for (const level of levels) stock.set(level.sku, level);
  };

  const apply = (orderId: string, event: OrderStockEvent): void => {
    const order = orders.get(orderId) ?? { status: 'NONE', held: [] };
    orders.set(orderId, order);
    const action = actionFor(order.status, event);
    if (action === 'reserve') {
      const plan = planReservation(stock, requested.get(orderId) ?? []);
      if (plan.ok) save(plan.levels);
      order.status = plan.ok ? 'RESERVED' : 'REJECTED';
      order.held = plan.ok ? plan.lines : [];
    } else if (action === 'remember-cancellation') {
      order.status = 'CANCELLED';
    } else if (action === 'confirm') {
      order.status = 'CONFIRMED';
    } else if (action === 'release' || action === 'sell') {
      save(applyToLines(stock, order.held, action === 'release' ? release : sell));
      order.status = action === 'release' ? 'RELEASED' : 'SOLD';
      if (action === 'release') order.held = [];
    }
  };

  /** The first broken rule, if any (plain checks: this runs after each of 60 000 steps). */
  const broken = (): string | undefined => {
    for (const sku of SKUS) {
      const level = stock.get(sku);
      if (level === undefined || !isConsistent(level)) return `${sku} inconsistent`;
      if (level.total !== totals.get(sku)) return `${sku} total changed`;
      const held = (status: OrderStockStatus): number =>
        [...orders.values()]
          .filter((order) => order.status === status)
          .flatMap((order) => order.held)
          .filter((line) => line.sku === sku)
          .reduce((sum, line) => sum + line.quantity, 0);
      if (level.reserved !== held('RESERVED') + held('CONFIRMED'))
        return `${sku} reserved != held by orders`;
      if (level.sold !== held('SOLD')) return `${sku} sold != shipped by orders`;
    }
    return undefined;
  };

  for (let step = 0; step < steps; step += 1) {
    const orderId = `order-${String(Math.floor(next() * 40))}`;
    if (!requested.has(orderId)) {
      const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
        sku: pick([...SKUS, 'UNKNOWN']),
        quantity: 1 + Math.floor(next() * 3),
      }));
      requested.set(orderId, lines);
    }
    apply(orderId, pick(['placed', 'placed', 'confirmed', 'cancelled', 'shipped'] as const));
    for (const order of orders.values()) reached.add(order.status);
    const problem = broken();
    if (problem !== undefined) return `seed ${String(seed)}, step ${String(step)}: ${problem}`;
  }
  return undefined;
}

describe('stock under random saga traffic', () => {
  it('keeps total = available + reserved + sold, and reserved/sold equal to what orders hold', () => {
    const failures: string[] = [];
    const reached = new Set<OrderStockStatus>();
    for (let seed = 1; seed <= 200; seed += 1) {
      const failure = run(seed, 300, reached);
      if (failure !== undefined) failures.push(failure);
    }
    expect(failures).toEqual([]);
    // The traffic did exercise every path.
    expect([...reached].sort()).toEqual([
      'CANCELLED',
      'CONFIRMED',
      'NONE',
      'REJECTED',
      'RELEASED',
      'RESERVED',
      'SOLD',
    ]);
  });
});
