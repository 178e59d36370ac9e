import type { EventData, EventDefinition, EventOf } from '@eventmart/contracts';
import { currentEventContext, runInEventContext } from '../context/event-context.js';
import { newEnvelope } from '../envelope/new-envelope.js';
import { appendToOutbox } from '../outbox/outbox-writer.js';
import type { Db, Tx } from '../sql/database.port.js';

export interface PublishOptions {
  /** The aggregate the event is about: its ordering key. */
  readonly subject: string;
  /** The transaction to write in; by default the one of the command or handler in scope. */
  readonly tx?: Tx;
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
    const context = currentEventContext();
    const tx = options.tx ?? context?.tx;
    if (tx === undefined) {
      throw new Error(
        `publishing ${definition.type} outside a transaction: call it inside unitOfWork() or an event handler`,
      );
    }
    const envelope = newEnvelope(definition, data, {
      subject: options.subject,
      source: this.options.service,
      cause: context?.cause,
      correlationId: context?.correlationId,
      traceparent: context?.traceparent,
      causationId: context?.causationId,
    });
    await appendToOutbox(tx, this.options.schema, [{ envelope, topic: definition.topic }]);
    return envelope;
  }

  /** Runs `work` in one transaction; what it publishes commits with it, or not at all. */
  unitOfWork<T>(work: (tx: Tx) => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    return this.options.db
      .transaction()
      .execute((tx) => runInEventContext({ tx, ...options }, () => work(tx)));
  }
}
