/**
 * A card payment provider. The shipped adapter is SimulatedPaymentProvider; a real one would
 * wrap a provider's HTTP API. Amounts are integer minor units (cents) of `currency`.
 */
export interface ChargeRequest {
  /** Same key, same charge: eventmart passes the order id, so an order is charged at most once. */
  readonly idempotencyKey: string;
  readonly amount: number;
  readonly currency: string;
  /** The card, tokenised by the provider on the customer's side; never a card number. */
  readonly token: string;
}

export type ChargeResult =
  | { readonly status: 'succeeded'; readonly paymentId: string }
  | { readonly status: 'declined'; readonly reason: string };

export interface RefundRequest {
  /** Same key, same refund: eventmart passes `refund:<orderId>`. */
  readonly idempotencyKey: string;
  readonly paymentId: string;
  readonly amount: number;
}

export interface RefundResult {
  readonly refundId: string;
}

export abstract class PaymentProvider {
  /**
   * Charges the card. Contract:
   * - idempotent by `idempotencyKey`: a call with a key already used charges nothing more
   *   and answers what the first call answered (the same paymentId);
   * - `declined` is a final answer: nothing was charged, and retrying will not help;
   * - may throw (network, provider down): whether money moved is unknown, so the caller
   *   retries with the same key, which answers the truth without charging twice;
   * - may never answer: the caller bounds the wait with its own timeout.
   */
  abstract charge(request: ChargeRequest): Promise<ChargeResult>;

  /**
   * Refunds (part of) a succeeded charge. Idempotent by `idempotencyKey` like `charge`.
   * Throws when the payment is unknown or the amount exceeds what is left to refund, and,
   * like `charge`, may throw or hang for reasons of its own: the caller retries with the key.
   */
  abstract refund(request: RefundRequest): Promise<RefundResult>;
}
