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

/**
 * What the provider knows of the charge made with an idempotency key: its final answer, or
 * `pending` while a call with the key is still being processed, or `none`.
 */
export type ChargeLookup =
  ChargeResult | { readonly status: 'pending' } | { readonly status: 'none' };

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
   * Looks up the charge made with `idempotencyKey`, moving no money. It is how a caller
   * learns the outcome of a charge that threw or got no answer in time, before deciding to
   * charge again, to give up, or (the order being cancelled) to do nothing. Contract:
   * - `succeeded` / `declined`: the charge's final answer, the one `charge` with the key gives
   *   (the same paymentId);
   * - `pending`: a call with the key reached the provider and is still being processed; its
   *   outcome is not known yet, ask again later;
   * - `none`: no call with the key charged anything, and none is still being processed: money
   *   moves for the key only if `charge` is called with it again;
   * - may throw or never answer, like `charge`: the outcome is still unknown, ask again.
   */
  abstract lookUpCharge(idempotencyKey: string): Promise<ChargeLookup>;

  /**
   * Refunds (part of) a succeeded charge. Idempotent by `idempotencyKey` like `charge`.
   * Throws when the payment is unknown or the amount exceeds what is left to refund, and,
   * like `charge`, may throw or hang for reasons of its own: the caller retries with the key.
   */
  abstract refund(request: RefundRequest): Promise<RefundResult>;
}
