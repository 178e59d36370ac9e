import type { Envelope } from '@eventmart/contracts';
import type { Tx } from '../sql/database.port.js';

/**
 * What a command or an event handler publishes within: its transaction, and the event that
 * caused it. It is passed explicitly (a handler gets it as its HandlerContext, a unit of work
 * as the second argument of its work) and handed to publish() and scheduleTimer(), so that
 * events written while handling E commit with E's effect and carry E's correlation and
 * causation.
 */
export interface EventContext {
  readonly tx: Tx;
  readonly cause?: Envelope | undefined;
  readonly correlationId?: string | undefined;
  readonly traceparent?: string | undefined;
  /** The cause's id when only the id is known (no `cause` envelope in scope). */
  readonly causationId?: string | undefined;
}
