import { describe, expect, it } from 'vitest';
import { Random } from '../random.js';
import { ORDER_KINDS, planOrders } from './order-plan.js';

const CATALOGUE = [
  { sku: 'MUG', available: 60 },
  { sku: 'POSTER', available: 1 },
  { sku: 'BOOK', available: 25 },
  { sku: 'KEYBOARD', available: 8 },
  { sku: 'STICKER', available: 200 },
];

describe('order plan', () => {
  it('draws every kind, spreads the orders over the customers, and repeats for a seed', () => {
    const plan = planOrders(400, 7, CATALOGUE, new Random(3));
    expect(plan.orders).toHaveLength(400);
    expect(new Set(plan.orders.map((order) => order.kind))).toEqual(new Set(ORDER_KINDS));
    expect(new Set(plan.orders.map((order) => order.customer)).size).toBe(7);
    expect(planOrders(400, 7, CATALOGUE, new Random(3))).toEqual(plan);
    const tokens = new Set(plan.orders.map((order) => `${order.kind}:${order.paymentToken}`));
    expect(tokens).toContain('declined:tok_chargeDeclined');
    expect(tokens).toContain('payment-timeout:tok_timeout');
  });

  it('asks out-of-stock orders for more than the scarcest SKUs hold, and nobody else for them', () => {
    const plan = planOrders(300, 3, CATALOGUE, new Random(11));
    expect(plan.scarce).toEqual(['POSTER', 'KEYBOARD']);
    for (const order of plan.orders) {
      const short = order.lines.filter((line) => plan.scarce.includes(line.sku));
      if (order.kind === 'out-of-stock') {
        expect(short).toHaveLength(1);
        const stock = CATALOGUE.find((item) => item.sku === short[0]?.sku)?.available ?? 0;
        expect(short[0]?.quantity).toBeGreaterThan(stock);
      } else {
        expect(short).toEqual([]);
      }
      expect(new Set(order.lines.map((line) => line.sku)).size).toBe(order.lines.length);
    }
  });

  it('restocks exactly what the orders meant to be in stock would take beyond the stock', () => {
    const plan = planOrders(300, 3, CATALOGUE, new Random(5));
    const demand = new Map<string, number>();
    for (const order of plan.orders.filter((o) => o.kind !== 'out-of-stock'))
      for (const line of order.lines)
        demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
    for (const item of CATALOGUE) {
      const wanted = demand.get(item.sku) ?? 0;
      expect(item.available + (plan.restock.get(item.sku) ?? 0)).toBeGreaterThanOrEqual(wanted);
      if (plan.restock.has(item.sku))
        expect(item.available + (plan.restock.get(item.sku) ?? 0)).toBe(wanted);
    }
    expect(plan.restock.has('POSTER')).toBe(false);
  });
});
