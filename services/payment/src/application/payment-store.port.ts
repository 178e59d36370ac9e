import type { Tx } from '@eventmart/eventing';
import type { Payment } from '../domain/payment.js';

/** The payments table. */
export abstract class PaymentStore {
  /**
   * Locks the order's payment for the rest of the transaction and answers it, creating a
   * PENDING one with nothing known if there is none. Every handler calls this first, so the
   * handlers of one order (its events travel on three topics) never interleave.
   */
  abstract lock(tx: Tx, orderId: string): Promise<Payment>;

  abstract save(tx: Tx, payment: Payment): Promise<void>;

  /** The committed payment of an order, if any. */
  abstract find(orderId: string): Promise<Payment | undefined>;
}
