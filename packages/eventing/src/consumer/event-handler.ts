import type { Envelope, EventDefinition, EventOf } from '@eventmart/contracts';
import type { BackoffOptions } from '../support/backoff.js';
import type { Tx } from '../sql/database.port.js';
import type { ReceivedMessage } from '../transport/message.js';

export interface HandlerContext {
  /** The handler's transaction: its effect, its inbox row and what it publishes commit together. */
  readonly tx: Tx;
  /** The event being handled: what the handler publishes names it as cause and correlation. */
  readonly cause: Envelope;
  readonly message: ReceivedMessage;
  /** 1 on the first try in this process. */
  readonly attempt: number;
}

/**
 * How a failing handler is retried, in two tiers (docs/failure-semantics.md):
 * 1. in place: up to maxAttempts tries, `backoff` apart, while the event's key waits and other
 *    keys flow;
 * 2. delayed: the event is parked in the service's database and the message acknowledged; it
 *    is tried again after each of `delaysMs` in turn (each shortened by up to a fifth, at
 *    random, so a crowd of parked events does not retry in step). Later events for its key are
 *    parked behind it and run after it, in order. Parked events survive restarts.
 * When every try failed, the event goes to dead letters ('retries-exhausted'). A PermanentError
 * goes there at once; a RetryLaterError waits without counting as a try.
 */
export interface RetryPolicy {
  /** In-place tries, counting the first. */
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  /** Waits before each delayed try. Empty: dead letters right after the in-place tries. */
  readonly delaysMs: readonly number[];
}

/** About 2 s in place, then parked: tries after 1 s, 10 s, 1 min, 5 min and 15 min. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  backoff: { initialMs: 200, maxMs: 2_000, jitter: 'equal' },
  delaysMs: [1_000, 10_000, 60_000, 300_000, 900_000],
};

/** One event handler of a service: the unit the inbox deduplicates for. */
export interface EventHandler<D extends EventDefinition = EventDefinition> {
  /** Unique within the service and stable across releases: it keys the inbox. */
  readonly name: string;
  readonly event: D;
  readonly handle: (event: EventOf<D>, context: HandlerContext) => Promise<void>;
  readonly retry?: Partial<RetryPolicy>;
}

/** Declares a handler with its event type inferred from the definition. */
export function eventHandler<D extends EventDefinition>(handler: EventHandler<D>): EventHandler {
  return handler as unknown as EventHandler;
}
