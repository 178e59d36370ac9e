import { describe, expect, it } from 'vitest';
import { actionFor, type OrderStockEvent, type OrderStockStatus } from './order-stock.js';

describe('what an event does to an order', () => {
  it('reserves a new order, and remembers a cancellation that came first', () => {
    expect(actionFor('NONE', 'placed')).toBe('reserve');
    expect(actionFor('NONE', 'cancelled')).toBe('remember-cancellation');
    expect(actionFor('CANCELLED', 'placed')).toBe('none');
  });

  it('releases a held reservation on cancel and sells it on shipping', () => {
    expect(actionFor('RESERVED', 'cancelled')).toBe('release');
    expect(actionFor('RESERVED', 'shipped')).toBe('sell');
  });

  it('does nothing for a repeated event or once the order is settled', () => {
    const settled: OrderStockStatus[] = ['REJECTED', 'RELEASED', 'SOLD', 'CANCELLED'];
    const events: OrderStockEvent[] = ['placed', 'cancelled', 'shipped'];
    for (const status of settled) {
      for (const event of events) expect(actionFor(status, event)).toBe('none');
    }
    expect(actionFor('RESERVED', 'placed')).toBe('none');
  });
});
