import type { Envelope, EventCatalog } from '@eventmart/contracts';
import type { EventHandler } from '../consumer/event-handler.js';
import { decodeEnvelope } from '../envelope/cloudevents-codec.js';
import { storedMessage } from '../failures/stored-record.js';
import { recordInInbox } from '../inbox/inbox.js';
import type { Db, Tx } from '../sql/database.port.js';
import type { ReceivedMessage } from '../transport/message.js';
import { deadLetterTables, type DeadLetterRow } from './dead-letter-tables.js';

export interface ReplayScope {
  readonly service: string;
  readonly schema: string;
  readonly handlers: readonly EventHandler[];
  readonly catalog: EventCatalog;
}

interface ReplayStep {
  readonly handler: EventHandler;
  /** The inbox key, as the consumer runner builds it. */
  readonly consumer: string;
  readonly event: Parameters<EventHandler['handle']>[0];
}

/** What replaying one dead letter amounts to, decided before anything changes. */
export type ReplayPlan =
  | { readonly kind: 'not-replayable'; readonly error: string }
  | { readonly kind: 'fails'; readonly error: string }
  | { readonly kind: 'already-applied' }
  | {
      readonly kind: 'run';
      readonly envelope: Envelope;
      readonly message: ReceivedMessage;
      /** Empty when the service now ignores the event (a type it knows but does not handle). */
      readonly steps: readonly ReplayStep[];
    };

/**
 * Decides the replay the way the consumer runner decides a delivery: decode the envelope, find
 * the handlers (the one that failed, or for a message no handler took, those that take it
 * now), check the data against each handler's schema, and leave out the handlers whose inbox
 * already says processed.
 */
export async function planReplay(
  db: Db,
  scope: ReplayScope,
  row: DeadLetterRow,
): Promise<ReplayPlan> {
  const message = storedMessage(row, row.attempts + 1);
  const decoded = decodeEnvelope(message);
  if (!decoded.ok) {
    return {
      kind: 'not-replayable',
      error: `${decoded.reason}: ${decoded.error}; a message without a valid envelope cannot be replayed, only discarded`,
    };
  }
  const envelope = decoded.envelope;
  const found = handlersFor(scope, row.handler, envelope);
  if (typeof found === 'string') return { kind: 'fails', error: found };
  const steps: ReplayStep[] = [];
  for (const handler of found) {
    const parsed = handler.event.schema.safeParse(envelope.data);
    if (!parsed.success) {
      return { kind: 'fails', error: `invalid data for ${handler.name}: ${parsed.error.message}` };
    }
    const event = { ...envelope, data: parsed.data } as ReplayStep['event'];
    steps.push({ handler, consumer: `${scope.service}.${handler.name}`, event });
  }
  const done = await processedConsumers(db, scope.schema, envelope.id, steps);
  const pending = steps.filter((step) => !done.has(step.consumer));
  if (steps.length > 0 && pending.length === 0) return { kind: 'already-applied' };
  return { kind: 'run', envelope, message, steps: pending };
}

/**
 * Runs the plan in the caller's transaction, as the consumer runner runs a delivery: inbox row
 * 'processed', the handler's effect and what it publishes commit together, or not at all.
 */
export async function runReplay(
  tx: Tx,
  scope: ReplayScope,
  row: DeadLetterRow,
  plan: Extract<ReplayPlan, { kind: 'run' }>,
): Promise<void> {
  // The mark made redeliveries skip the event; lifted here, it comes back if this rolls back.
  await deadLetterTables(tx, scope.schema)
    .deleteFrom('inbox')
    .where('consumer', '=', row.consumer)
    .where('event_id', '=', plan.envelope.id)
    .where('status', '=', 'dead-lettered')
    .execute();
  for (const step of plan.steps) {
    const fresh = await recordInInbox(tx, scope.schema, {
      consumer: step.consumer,
      eventId: plan.envelope.id,
      eventType: plan.envelope.type,
      status: 'processed',
    });
    if (!fresh) continue;
    await step.handler.handle(step.event, {
      tx,
      cause: plan.envelope,
      message: plan.message,
      attempt: 1,
    });
  }
}

/** The handlers to run, or why there are none that could take the event. */
function handlersFor(
  scope: ReplayScope,
  name: string | null,
  envelope: Envelope,
): readonly EventHandler[] | string {
  const label = `${envelope.type} version ${String(envelope.version)}`;
  if (name !== null) {
    const handler = scope.handlers.find((candidate) => candidate.name === name);
    if (handler === undefined) return `${scope.service} has no handler named ${name} any more`;
    const { type, version } = handler.event;
    if (type !== envelope.type || version !== envelope.version) {
      return `${name} now handles ${type} version ${String(version)}, not ${label}`;
    }
    return [handler];
  }
  const ofType = scope.handlers.filter((handler) => handler.event.type === envelope.type);
  if (ofType.length === 0) {
    if (scope.catalog.find(envelope.type, envelope.version) !== undefined) return [];
    return scope.catalog.knowsType(envelope.type)
      ? `no version ${String(envelope.version)} of ${envelope.type} is known`
      : `unknown event type ${envelope.type}`;
  }
  const matching = ofType.filter((handler) => handler.event.version === envelope.version);
  if (matching.length > 0) return matching;
  const versions = ofType.map((handler) => handler.event.version).join(', ');
  return `${label} has no handler here (handled: ${versions})`;
}

async function processedConsumers(
  db: Db,
  schema: string,
  eventId: string,
  steps: readonly ReplayStep[],
): Promise<Set<string>> {
  if (steps.length === 0) return new Set();
  const rows = await deadLetterTables(db, schema)
    .selectFrom('inbox')
    .select('consumer')
    .where('event_id', '=', eventId)
    .where('status', '=', 'processed')
    .where(
      'consumer',
      'in',
      steps.map((step) => step.consumer),
    )
    .execute();
  return new Set(rows.map((row) => row.consumer));
}
