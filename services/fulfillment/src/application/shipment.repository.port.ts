import type { Db, Tx } from '@eventmart/eventing';
import type { Shipment } from '../domain/shipment.js';

/** The service's shipments and the cancellations it has seen. */
export abstract class ShipmentRepository {
  /**
   * Holds the order until the transaction ends: the handlers of order.confirmed and
   * order.cancelled (different topics, so they may run at once) and mark-shipped then decide
   * on what the other committed, never on a state the other is about to change.
   */
  abstract lockOrder(tx: Tx, orderId: string): Promise<void>;

  abstract findByOrder(db: Db | Tx, orderId: string): Promise<Shipment | undefined>;

  abstract insert(tx: Tx, shipment: Shipment): Promise<void>;

  /** Writes the shipment's status, carrier, tracking number and times. */
  abstract update(tx: Tx, shipment: Shipment): Promise<void>;

  /** Remembers that the order is cancelled; idempotent. */
  abstract rememberCancellation(tx: Tx, orderId: string, reason: string): Promise<void>;

  abstract isCancelled(tx: Tx, orderId: string): Promise<boolean>;
}
