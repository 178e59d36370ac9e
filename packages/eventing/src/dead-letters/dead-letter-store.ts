import { EventCatalog } from '@eventmart/contracts';
import { v7 as uuidv7 } from 'uuid';
import type { EventHandler } from '../consumer/event-handler.js';
import { decodeEnvelope } from '../envelope/cloudevents-codec.js';
import { storedMessage, storedRecord } from '../failures/stored-record.js';
import type { Db } from '../sql/database.port.js';
import { silentLogger, type Logger } from '../support/logger.js';
import { auditOf } from './dead-letter-audit.js';
import { DeadLetterAct, type Operation } from './dead-letter-act.js';
import type {
  DeadLetterActionOptions,
  DeadLetterActionReport,
  DeadLetterActionResult,
} from './dead-letter-outcome.js';
import {
  toDeadLetterRecord,
  type DeadLetterDetails,
  type DeadLetterFilter,
  type DeadLetterPage,
  type DeadLetterPageRequest,
} from './dead-letter-record.js';
import {
  describeSelection,
  filterDeadLetters,
  InvalidDeadLetterRequest,
  selectDeadLetters,
  type DeadLetterSelection,
} from './dead-letter-selection.js';
import { deadLetterTables, type DeadLetterAction } from './dead-letter-tables.js';

export interface DeadLetterStoreOptions {
  readonly service: string;
  /** The service's schema, holding its dead letters, inbox and audit trail (migrated). */
  readonly schema: string;
  readonly db: Db;
  /** The service's handlers, as given to its consumer runner: a replay runs them. */
  readonly handlers?: readonly EventHandler[];
  /** As given to the consumer runner; by default every contract event. */
  readonly catalog?: EventCatalog;
  readonly logger?: Logger;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The dead letters of one service, for operators: list and inspect them, replay them through
 * the inbox once the cause is fixed, or discard them. Each dead letter is acted on in its own
 * transaction, together with its audit entry; a dry run changes nothing and writes no audit.
 */
export class DeadLetterStore {
  private readonly act: DeadLetterAct;

  constructor(private readonly options: DeadLetterStoreOptions) {
    this.act = new DeadLetterAct(
      {
        service: options.service,
        schema: options.schema,
        handlers: options.handlers ?? [],
        catalog: options.catalog ?? new EventCatalog(),
      },
      options.db,
      options.logger ?? silentLogger,
    );
  }

  get service(): string {
    return this.options.service;
  }

  async list(
    filter: DeadLetterFilter = {},
    page: DeadLetterPageRequest = {},
  ): Promise<DeadLetterPage> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new InvalidDeadLetterRequest('limit must be a whole number from 1 to 500');
    if (!Number.isInteger(offset) || offset < 0)
      throw new InvalidDeadLetterRequest('offset must be a whole number, 0 or more');
    const { rows, total } = await filterDeadLetters(this.options.db, this.options.schema, filter, {
      limit,
      offset,
    });
    return { items: rows.map((row) => toDeadLetterRecord(row, this.options.service)), total };
  }

  /** The dead letter with everything stored about it and its audit trail; undefined if absent. */
  async inspect(id: string): Promise<DeadLetterDetails | undefined> {
    if (!UUID.test(id)) return undefined;
    const { db, schema, service } = this.options;
    const row = await deadLetterTables(db, schema)
      .selectFrom('dead_letters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      ...toDeadLetterRecord(row, service),
      raw: storedRecord(row),
      errorStack: row.error_stack,
      replayable: decodeEnvelope(storedMessage(row, row.attempts)).ok,
      audit: await auditOf(db, schema, id),
    };
  }

  /**
   * Runs each selected dead letter's handler again, as its consumer would: in one transaction
   * the inbox mark is lifted and the event processed (inbox row, effect and published events
   * commit together). An event the consumer meanwhile processed is not applied twice. Success
   * resolves the dead letter as replayed; failure keeps it open, one attempt more.
   */
  replay(
    selection: DeadLetterSelection,
    options: DeadLetterActionOptions,
  ): Promise<DeadLetterActionReport> {
    return this.run('replay', selection, options, (id, operation) =>
      operation.dryRun ? this.act.forecastReplay(id) : this.act.replay(id, operation),
    );
  }

  /** Resolves each selected open dead letter without applying it; its event stays skipped. */
  discard(
    selection: DeadLetterSelection,
    options: DeadLetterActionOptions,
  ): Promise<DeadLetterActionReport> {
    return this.run('discard', selection, options, (id, operation) =>
      operation.dryRun ? this.act.forecastDiscard(id) : this.act.discard(id, operation),
    );
  }

  private async run(
    action: DeadLetterAction,
    selection: DeadLetterSelection,
    options: DeadLetterActionOptions,
    each: (id: string, operation: Operation) => Promise<DeadLetterActionResult>,
  ): Promise<DeadLetterActionReport> {
    if (options.actor.trim() === '') throw new InvalidDeadLetterRequest('an actor is required');
    const { rows, missing } = await selectDeadLetters(
      this.options.db,
      this.options.schema,
      selection,
    );
    const dryRun = options.dryRun === true;
    const operation: Operation = {
      id: uuidv7(),
      action,
      actor: options.actor,
      selection: describeSelection(selection),
      note: options.note ?? null,
      dryRun,
    };
    const results: DeadLetterActionResult[] = [];
    // One after the other, oldest first: the events of one subject keep their order.
    for (const row of rows) results.push(await each(row.id, operation));
    return {
      service: this.options.service,
      action,
      dryRun,
      operationId: dryRun ? null : operation.id,
      results,
      missing,
    };
  }
}
