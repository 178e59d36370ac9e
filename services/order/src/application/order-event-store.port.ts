import type { Db, Tx } from '@eventmart/eventing';
import type { OrderEvent } from '../domain/index.js';

/** One event of an order's stream as it was stored. */
export interface RecordedOrderEvent {
  /** 1 for OrderPlaced, then one more per event: the stream has no gaps. */
  readonly version: number;
  readonly event: OrderEvent;
  readonly recordedAt: Date;
  readonly eventId: string;
  readonly correlationId: string | null;
  /** The integration event whose handling recorded it; null for a customer's request. */
  readonly causationId: string | null;
}

export interface AppendMetadata {
  readonly recordedAt: Date;
  readonly correlationId: string | null;
  readonly causationId: string | null;
}

/** Another writer appended to the stream since it was read: read again and decide again. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';

  constructor(
    readonly orderId: string,
    readonly expectedVersion: number,
  ) {
    super(`order ${orderId} changed after version ${String(expectedVersion)}`);
  }
}

/** The streams of the orders. */
export abstract class OrderEventStore {
  /**
   * The order's events in version order; with `asOf`, those recorded at or before it (a
   * prefix of the stream, as recorded times never go back). Empty for an unknown order.
   */
  abstract load(
    db: Db,
    orderId: string,
    options?: { readonly asOf?: Date },
  ): Promise<RecordedOrderEvent[]>;

  /**
   * Appends `events` after `expectedVersion`, in `tx`. Throws ConcurrencyError when the
   * stream is no longer at that version; `tx` can still be used then (nothing was written).
   */
  abstract append(
    tx: Tx,
    orderId: string,
    expectedVersion: number,
    events: readonly OrderEvent[],
    metadata: AppendMetadata,
  ): Promise<RecordedOrderEvent[]>;
}
