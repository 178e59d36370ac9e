import { describe, expect, it } from 'vitest';
import { actionFor, type OrderStockEvent, type OrderStockStatus } from './order-stock.js';

const EVENTS: OrderStockEvent[] = ['placed', 'confirmed', 'cancelled', 'shipped'];

describe('what an event does to an order', () => {
  it('reserves a new order, and remembers a cancellation that came first', () => {
    expect(actionFor('NONE', 'placed')).toBe('reserve');
    expect(actionFor('NONE', 'cancelled')).toBe('remember-cancellation');
    expect(actionFor('CANCELLED', 'placed')).toBe('none');
  });

  it('releases a held reservation on cancel and sells it on shipping, confirmed or not', () => {
    for (const held of ['RESERVED', 'CONFIRMED'] as const) {
      expect(actionFor(held, 'cancelled')).toBe('release');
      expect(actionFor(held, 'shipped')).toBe('sell');
    }
  });

  it('confirms a held reservation once', () => {
    expect(actionFor('RESERVED', 'confirmed')).toBe('confirm');
    expect(actionFor('CONFIRMED', 'confirmed')).toBe('none');
  });

  it('does nothing for a repeated event or once the order is settled', () => {
    const settled: OrderStockStatus[] = ['REJECTED', 'RELEASED', 'SOLD', 'CANCELLED'];
    for (const status of settled) {
      for (const event of EVENTS) expect(actionFor(status, event)).toBe('none');
    }
    expect(actionFor('RESERVED', 'placed')).toBe('none');
    expect(actionFor('CONFIRMED', 'confirmed')).toBe('none');
    expect(actionFor('CONFIRMED', 'placed')).toBe('none');
  });
});
