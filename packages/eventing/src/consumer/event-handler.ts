import type { EventDefinition, EventOf } from '@eventmart/contracts';
import type { BackoffOptions } from '../support/backoff.js';
import type { Tx } from '../sql/database.port.js';
import type { ReceivedMessage } from '../transport/message.js';

export interface HandlerContext {
  /** The handler's transaction: its effect, its inbox row and what it publishes commit together. */
  readonly tx: Tx;
  readonly message: ReceivedMessage;
  /** 1 on the first try in this process. */
  readonly attempt: number;
}

export interface RetryPolicy {
  /** Tries before the event goes to dead letters, counting the first. */
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  backoff: { initialMs: 100, maxMs: 5_000, jitter: 'equal' },
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
