import type { Envelope, EventCatalog } from '@eventmart/contracts';
import type { ReceivedMessage } from '../../transport/message.js';
import type { EventHandler } from '../event-handler.js';
import type { DeadLetterSink, Delivery } from './pipeline.js';

export interface RouteOptions {
  readonly service: string;
  readonly handlers: readonly EventHandler[];
  readonly catalog: EventCatalog;
  readonly deadLetter: DeadLetterSink;
  /** A known event this service has no handler for: it is acknowledged and skipped. */
  readonly ignored: () => void;
}

/**
 * Finds the handlers of an envelope's type and version, and hands the message to each in
 * turn. A type or version the catalog does not know ('unknown-event'), or a known version of a
 * handled type that no handler takes ('unsupported-version'), is dead-lettered under the
 * service's name: a later release may handle it, and the dead letter can then be replayed.
 */
export function routeStep(
  options: RouteOptions,
  next: (delivery: Delivery) => Promise<void>,
): (envelope: Envelope, message: ReceivedMessage) => Promise<void> {
  const byType = new Map<string, EventHandler[]>();
  const names = new Set<string>();
  for (const handler of options.handlers) {
    if (names.has(handler.name)) throw new Error(`two handlers are named ${handler.name}`);
    names.add(handler.name);
    byType.set(handler.event.type, [...(byType.get(handler.event.type) ?? []), handler]);
  }
  const { service, catalog } = options;
  const refuse = (
    envelope: Envelope,
    message: ReceivedMessage,
    reason: 'unknown-event' | 'unsupported-version',
    error: string,
  ) =>
    options.deadLetter({
      consumer: service,
      handler: null,
      reason,
      message,
      error,
      attempts: 1,
      envelope,
    });

  return async (envelope, message) => {
    const handlers = byType.get(envelope.type);
    if (handlers === undefined) {
      if (catalog.find(envelope.type, envelope.version) !== undefined) return options.ignored();
      const error = catalog.knowsType(envelope.type)
        ? `no version ${String(envelope.version)} of ${envelope.type} is known`
        : `unknown event type ${envelope.type}`;
      return refuse(envelope, message, 'unknown-event', error);
    }
    const matching = handlers.filter((handler) => handler.event.version === envelope.version);
    if (matching.length === 0) {
      const versions = handlers.map((handler) => handler.event.version).join(', ');
      const error = `${envelope.type} version ${String(envelope.version)} has no handler here (handled: ${versions})`;
      return refuse(envelope, message, 'unsupported-version', error);
    }
    for (const handler of matching) {
      await next({ handler, consumer: `${service}.${handler.name}`, envelope, message });
    }
  };
}
