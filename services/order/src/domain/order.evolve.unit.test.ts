import { describe, expect, it } from 'vitest';
import { evolve, replay } from './order.evolve.js';
import { HISTORIES, captured, placed, reserved } from './order-histories.fixture.js';

describe('rebuilding an order from its events', () => {
  it('starts from what was placed', () => {
    expect(replay([placed])).toEqual({
      id: 'order-1',
      customerId: 'customer-1',
      lines: [
        { sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 },
        { sku: 'PEN-1', quantity: 1, unitPrice: 250 },
      ],
      total: 3_250,
      currency: 'EUR',
      status: 'PLACED',
      payment: null,
      shipmentId: null,
      cancellation: null,
    });
  });

  it('keeps the payment, shipment and cancellation it learns along the way', () => {
    expect(replay(HISTORIES.FULFILLMENT_READY)).toMatchObject({
      status: 'FULFILLMENT_READY',
      payment: { paymentId: 'pay-1', amount: 3_250 },
      shipmentId: 'ship-1',
    });
    expect(replay(HISTORIES['CANCELLED, paid'])).toMatchObject({
      status: 'CANCELLED',
      payment: { paymentId: 'pay-1' },
      cancellation: { reason: 'CUSTOMER_REQUEST', detail: null },
    });
  });

  it('does not move the status on a charge alone', () => {
    expect(replay([placed, captured])?.status).toBe('PLACED');
    expect(replay([placed, reserved, captured])?.status).toBe('STOCK_RESERVED');
  });

  it('is nothing for an empty stream, and refuses one that does not start with OrderPlaced', () => {
    expect(replay([])).toBeUndefined();
    expect(() => evolve(undefined, reserved)).toThrow('order stream starts with StockReserved');
  });
});
