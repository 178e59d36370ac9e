import { describe, expect, it } from 'vitest';
import { FulfillmentError } from './fulfillment.errors.js';
import { cancel, newShipment, ship } from './shipment.js';

const at = new Date('2025-03-01T12:00:00Z');
const ready = newShipment('s-1', 'o-1', 'c-1');

describe('shipment', () => {
  it('starts READY, without carrier', () => {
    expect(ready).toMatchObject({ status: 'READY', carrier: null, trackingNumber: null });
  });

  it('ships a READY shipment with the carrier and tracking number given', () => {
    expect(ship(ready, { carrier: 'DHL', trackingNumber: 'JD01' }, at)).toMatchObject({
      status: 'SHIPPED',
      carrier: 'DHL',
      trackingNumber: 'JD01',
      shippedAt: at,
    });
    expect(ship(ready, {}, at)).toMatchObject({ status: 'SHIPPED', carrier: null });
  });

  it.each(['SHIPPED', 'CANCELLED'] as const)(
    'refuses to ship a %s shipment, saying so',
    (status) => {
      const shipment = { ...ready, status };
      const attempt = () => ship(shipment, {}, at);
      expect(attempt).toThrow(FulfillmentError);
      expect(attempt).toThrow(`the shipment of order o-1 cannot be shipped: it is ${status}`);
    },
  );

  it('cancels a READY shipment only', () => {
    expect(cancel(ready, at)).toMatchObject({ status: 'CANCELLED', cancelledAt: at });
    expect(cancel({ ...ready, status: 'SHIPPED' }, at)).toBeUndefined();
    expect(cancel({ ...ready, status: 'CANCELLED' }, at)).toBeUndefined();
  });
});
