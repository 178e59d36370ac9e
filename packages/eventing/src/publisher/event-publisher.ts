import type { EventData, EventDefinition, EventOf } from '@eventmart/contracts';
import type { EventContext } from '../context/event-context.js';
import { newEnvelope } from '../envelope/new-envelope.js';
import { appendToOutbox } from '../outbox/outbox-writer.js';
import type { Db, Tx } from '../sql/database.port.js';

export interface PublishOptions {
  /** The aggregate the event is about: its ordering key. */
  readonly subject: string;
  /**
   * The command's or handler's context: the event is written in its transaction and names its
   * cause and correlation. A HandlerContext is one; a unit of work passes its own to its work.
   */
  readonly context: EventContext;
}

export interface UnitOfWorkOptions {
  /** Correlation id of a root event, e.g. the HTTP request id. */
  readonly correlationId?: string;
  readonly traceparent?: string;
  /**
   * The event this work follows from, when it runs after that event's handler (a call made
   * outside the handler's transaction, say): what it publishes names it as its cause.
   */
  readonly causationId?: string;
}

/**
 * Publishes a service's events through its outbox. There is no way to publish outside a
 * transaction: an event is sent if and only if the state change that caused it committed.
 */
export class EventPublisher {
  constructor(
    private readonly options: {
      readonly service: string;
      readonly schema: string;
      readonly db: Db;
    },
  ) {}

  async publish<D extends EventDefinition>(
    definition: D,
    data: EventData<D>,
    options: PublishOptions,
  ): Promise<EventOf<D>> {
    const { context } = options;
    const envelope = newEnvelope(definition, data, {
      subject: options.subject,
      source: this.options.service,
      cause: context.cause,
      correlationId: context.correlationId,
      traceparent: context.traceparent,
      causationId: context.causationId,
    });
    await appendToOutbox(context.tx, this.options.schema, [{ envelope, topic: definition.topic }]);
    return envelope;
  }

  /**
   * Runs `work` in one transaction; what it publishes with the context it is given commits with
   * it, or not at all.
   */
  unitOfWork<T>(
    work: (tx: Tx, context: EventContext) => Promise<T>,
    options: UnitOfWorkOptions = {},
  ): Promise<T> {
    return this.options.db.transaction().execute((tx) => work(tx, { tx, ...options }));
  }
}
