import { FulfillmentError } from './fulfillment.errors.js';

export type ShipmentStatus = 'READY' | 'SHIPPED' | 'CANCELLED';

/** What leaves the warehouse for one confirmed order. */
export interface Shipment {
  readonly id: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly status: ShipmentStatus;
  readonly carrier: string | null;
  readonly trackingNumber: string | null;
  readonly shippedAt: Date | null;
  readonly cancelledAt: Date | null;
}

export interface ShippingDetails {
  readonly carrier?: string | undefined;
  readonly trackingNumber?: string | undefined;
}

export function newShipment(id: string, orderId: string, customerId: string): Shipment {
  return {
    id,
    orderId,
    customerId,
    status: 'READY',
    carrier: null,
    trackingNumber: null,
    shippedAt: null,
    cancelledAt: null,
  };
}

/** READY → SHIPPED. A shipment leaves once: CONFLICT, naming its status, otherwise. */
export function ship(shipment: Shipment, details: ShippingDetails, at: Date): Shipment {
  if (shipment.status !== 'READY') {
    throw new FulfillmentError(
      'CONFLICT',
      `the shipment of order ${shipment.orderId} cannot be shipped: it is ${shipment.status}`,
    );
  }
  return {
    ...shipment,
    status: 'SHIPPED',
    carrier: details.carrier ?? null,
    trackingNumber: details.trackingNumber ?? null,
    shippedAt: at,
  };
}

/**
 * READY → CANCELLED. Undefined when nothing changes: cancelled already, or shipped (what left
 * the warehouse is not called back here; the order service refuses cancelling a shipped order).
 */
export function cancel(shipment: Shipment, at: Date): Shipment | undefined {
  if (shipment.status !== 'READY') return undefined;
  return { ...shipment, status: 'CANCELLED', cancelledAt: at };
}
