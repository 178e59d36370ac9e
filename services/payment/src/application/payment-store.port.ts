import type { Tx } from '@eventmart/eventing';
import type { Payment } from '../domain/payment.js';

/** The notification channel that wakes the provider-call poller. */
export const PROVIDER_CALLS_CHANNEL = 'payment_provider_calls';

/** The payments table. */
export abstract class PaymentStore {
  /**
   * Locks the order's payment for the rest of the transaction and answers it, creating a
   * PENDING one with nothing known if there is none. Every handler calls this first, so the
   * handlers of one order (its events travel on three topics) never interleave.
   */
  abstract lock(tx: Tx, orderId: string): Promise<Payment>;

  /** Locks the order's payment if it exists (the provider-call poller's record step). */
  abstract lockExisting(tx: Tx, orderId: string): Promise<Payment | undefined>;

  /** Saves; when a provider call became owed, the poller is woken once `tx` commits. */
  abstract save(tx: Tx, payment: Payment): Promise<void>;

  /** The committed payment of an order, if any. */
  abstract find(orderId: string): Promise<Payment | undefined>;

  /**
   * Claims up to `limit` payments whose owed call is due at `now`: pushes each one's due time
   * to `leaseUntil` and counts the try (callStarted) in a short transaction of its own, before
   * any call (rows another poller is claiming are skipped), so that nobody else calls for it
   * while this caller does. Answers them as claimed.
   */
  abstract claimDueCalls(now: Date, leaseUntil: Date, limit: number): Promise<Payment[]>;

  /** When the next owed call is due, if any. */
  abstract nextCallDueAt(): Promise<Date | undefined>;
}
