import type { Envelope } from '@eventmart/contracts';
import type { DeadLetterReason } from '../../dead-letters/dead-letter.js';
import type { Db, Tx } from '../../sql/database.port.js';
import type { ReceivedMessage } from '../../transport/message.js';
import type { EventHandler } from '../event-handler.js';

/**
 * The types the consumer's steps pass along. A message becomes a delivery to one handler
 * (decode, route), a valid delivery (validate), then tries of that handler, each in its own
 * transaction (retry in place, inbox, fault injection, the handler). A step either hands its
 * input on, or decides the message's fate itself: ignored, parked or dead-lettered.
 */
export type HandledEvent = Parameters<EventHandler['handle']>[0];

/** A decoded message, routed to one of the service's handlers. */
export interface Delivery {
  readonly handler: EventHandler;
  /** The inbox key: `service.handler`. */
  readonly consumer: string;
  readonly envelope: Envelope;
  readonly message: ReceivedMessage;
}

/** A delivery whose data matches the handler's schema. */
export interface ValidDelivery extends Delivery {
  readonly event: HandledEvent;
}

/** One try of a handler, inside the transaction its effect commits in. */
export interface Attempt extends ValidDelivery {
  readonly tx: Tx;
  /** 1 on the first try in this process. */
  readonly attempt: number;
}

/** Whether a try applied the event, or found it applied already (the inbox had it). */
export type TryOutcome = 'processed' | 'duplicate';
export type TryHandler = (attempt: Attempt) => Promise<TryOutcome>;
/** A step around a try, as a Watermill middleware wraps a handler. */
export type TryMiddleware = (next: TryHandler) => TryHandler;

/** The last step of a try: the handler, given its transaction and cause explicitly. */
export const callHandler: TryHandler = async ({ handler, event, tx, message, attempt }) => {
  await handler.handle(event, { tx, cause: event, message, attempt });
  return 'processed';
};

/** One try of a delivery, in a transaction of its own: what it did commits, or nothing. */
export function inTransaction(db: Db, tryHandler: TryHandler) {
  return (delivery: ValidDelivery, attempt: number): Promise<TryOutcome> =>
    db.transaction().execute((tx) => tryHandler({ ...delivery, tx, attempt }));
}

/** Builds a try from its middlewares, the first outermost. */
export function composeTry(middlewares: readonly TryMiddleware[], last: TryHandler): TryHandler {
  return middlewares.reduceRight((next, middleware) => middleware(next), last);
}

/**
 * What a step hands the dead-letter sink when it gives up on a message: the stored shape
 * (failures/FailureRecord, via DeadLetterEntry) is built from it, with the envelope's fields.
 */
export interface GiveUpRecord {
  /** The inbox key of the handler, or the service for a message no handler took. */
  readonly consumer: string;
  readonly handler: string | null;
  readonly reason: DeadLetterReason;
  /** The message as delivered: its topic, partition, offset, key, headers and body. */
  readonly message: ReceivedMessage;
  /** An Error (its message and stack are kept) or a description. */
  readonly error: unknown;
  /** Tries made; 1 for a message refused before any try. */
  readonly attempts: number;
  /** Absent when the message has no valid envelope. */
  readonly envelope?: Envelope | undefined;
  /** Default: now. */
  readonly firstFailedAt?: Date | undefined;
}

/** Stores a failure record as a dead letter; `alsoInTransaction` commits with it. */
export type DeadLetterSink = (
  record: GiveUpRecord,
  alsoInTransaction?: (tx: Tx) => Promise<void>,
) => Promise<void>;

/**
 * Thrown by the retry-in-place step when it gives up on a delivery: the error was permanent,
 * or every try failed. The steps around it park the event or dead-letter it.
 */
export class HandlerGaveUp extends Error {
  override readonly name = 'HandlerGaveUp';

  constructor(
    readonly error: unknown,
    readonly attempts: number,
    readonly firstFailedAt: Date,
    readonly permanent: boolean,
  ) {
    super(`gave up after ${String(attempts)} tries: ${errorText(error)}`);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
