import { AsyncLocalStorage } from 'node:async_hooks';
import type { Envelope } from '@eventmart/contracts';
import type { Tx } from '../sql/database.port.js';

/**
 * What is in scope while a command or an event handler runs: its transaction, and the event
 * that caused it. Publishing reads it, so that events written while handling E commit with
 * E's effect and carry E's correlation and causation without the handler passing them on.
 */
export interface EventContext {
  readonly tx: Tx;
  readonly cause?: Envelope | undefined;
  readonly correlationId?: string | undefined;
  readonly traceparent?: string | undefined;
  /** The cause's id when only the id is known (no `cause` envelope in scope). */
  readonly causationId?: string | undefined;
}

const storage = new AsyncLocalStorage<EventContext>();

export function runInEventContext<T>(context: EventContext, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

export function currentEventContext(): EventContext | undefined {
  return storage.getStore();
}
