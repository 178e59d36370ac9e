import type { Db, Tx } from '../sql/database.port.js';
import type { Logger } from '../support/logger.js';
import { recordAudit } from './dead-letter-audit.js';
import { describeError } from './dead-letter.js';
import type { DeadLetterActionResult, DeadLetterOutcome } from './dead-letter-outcome.js';
import { planReplay, runReplay, type ReplayScope } from './dead-letter-replay.js';
import {
  deadLetterTables,
  type DeadLetterAction,
  type DeadLetterRow,
  type DeadLetterStatus,
} from './dead-letter-tables.js';

/** One replay or discard call: what its audit entries share. */
export interface Operation {
  readonly id: string;
  readonly action: DeadLetterAction;
  readonly actor: string;
  readonly selection: Readonly<Record<string, unknown>>;
  readonly note: string | null;
  readonly dryRun: boolean;
}

/** A planned replay that cannot succeed: handled like a handler's failure. */
class ReplayRefused extends Error {}

/**
 * Acts on one dead letter. The row is locked first, so two operators replaying the same dead
 * letter at once are serialised: the second finds it resolved and leaves it.
 */
export class DeadLetterAct {
  constructor(
    private readonly scope: ReplayScope,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  async replay(id: string, operation: Operation): Promise<DeadLetterActionResult> {
    let done: DeadLetterActionResult;
    try {
      done = await this.db.transaction().execute(async (tx) => {
        const row = await this.lock(tx, id);
        if (row.status !== 'open') return this.conclude(tx, operation, row, 'not-open');
        const plan = await planReplay(tx, this.scope, row);
        if (plan.kind === 'not-replayable') {
          return this.conclude(tx, operation, row, 'not-replayable', plan.error);
        }
        if (plan.kind === 'fails') throw new ReplayRefused(plan.error);
        if (plan.kind === 'already-applied') {
          await this.resolve(tx, row, 'replayed', operation.actor);
          return this.conclude(tx, operation, row, 'already-applied');
        }
        await runReplay(tx, this.scope, row, plan);
        await this.resolve(tx, row, 'replayed', operation.actor);
        const handlers = plan.steps.map((step) => step.handler.name);
        return this.conclude(tx, operation, row, 'replayed', null, handlers);
      });
    } catch (error) {
      // Everything the replay did rolled back; what remains is to record that it failed.
      return this.recordFailure(id, operation, error);
    }
    if (done.outcome === 'replayed') {
      this.logger.info('dead letter replayed', { deadLetterId: id, handlers: done.handlers });
    }
    return done;
  }

  async forecastReplay(id: string): Promise<DeadLetterActionResult> {
    const row = await this.read(this.db, id);
    if (row.status !== 'open') return result(row, 'not-open');
    const plan = await planReplay(this.db, this.scope, row);
    switch (plan.kind) {
      case 'not-replayable':
        return result(row, 'not-replayable', plan.error);
      case 'fails':
        return result(row, 'would-fail', plan.error);
      case 'already-applied':
        return result(row, 'already-applied');
      case 'run': {
        const handlers = plan.steps.map((step) => step.handler.name);
        return result(row, 'would-replay', null, handlers);
      }
    }
  }

  discard(id: string, operation: Operation): Promise<DeadLetterActionResult> {
    return this.db.transaction().execute(async (tx) => {
      const row = await this.lock(tx, id);
      if (row.status !== 'open') return this.conclude(tx, operation, row, 'not-open');
      await this.resolve(tx, row, 'discarded', operation.actor);
      return this.conclude(tx, operation, row, 'discarded');
    });
  }

  async forecastDiscard(id: string): Promise<DeadLetterActionResult> {
    const row = await this.read(this.db, id);
    return result(row, row.status === 'open' ? 'would-discard' : 'not-open');
  }

  private async recordFailure(
    id: string,
    operation: Operation,
    error: unknown,
  ): Promise<DeadLetterActionResult> {
    const { message, stack } = describeError(error);
    this.logger.warn('dead letter replay failed', { deadLetterId: id, error: message });
    return this.db.transaction().execute(async (tx) => {
      const row = await this.lock(tx, id);
      if (row.status !== 'open') return this.conclude(tx, operation, row, 'not-open');
      const failedAt = new Date();
      await deadLetterTables(tx, this.scope.schema)
        .updateTable('dead_letters')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          error: message,
          error_stack: error instanceof ReplayRefused ? null : stack,
          last_failed_at: failedAt,
        }))
        .where('id', '=', id)
        .execute();
      const updated = { ...row, attempts: row.attempts + 1 };
      return this.conclude(tx, operation, updated, 'failed', message);
    });
  }

  private async resolve(
    tx: Tx,
    row: DeadLetterRow,
    status: DeadLetterStatus,
    actor: string,
  ): Promise<void> {
    await deadLetterTables(tx, this.scope.schema)
      .updateTable('dead_letters')
      .set({ status, resolved_at: new Date(), resolved_by: actor })
      .where('id', '=', row.id)
      .execute();
  }

  private async conclude(
    tx: Tx,
    operation: Operation,
    row: DeadLetterRow,
    outcome: DeadLetterOutcome,
    error: string | null = null,
    handlers: readonly string[] = [],
  ): Promise<DeadLetterActionResult> {
    await recordAudit(tx, this.scope.schema, {
      operationId: operation.id,
      actor: operation.actor,
      action: operation.action,
      selection: operation.selection,
      deadLetterId: row.id,
      outcome,
      error,
      note: operation.note,
    });
    return result(row, outcome, error, handlers);
  }

  private lock(tx: Tx, id: string): Promise<DeadLetterRow> {
    return deadLetterTables(tx, this.scope.schema)
      .selectFrom('dead_letters')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
  }

  private read(db: Db, id: string): Promise<DeadLetterRow> {
    return deadLetterTables(db, this.scope.schema)
      .selectFrom('dead_letters')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }
}

function result(
  row: DeadLetterRow,
  outcome: DeadLetterOutcome,
  error: string | null = null,
  handlers: readonly string[] = [],
): DeadLetterActionResult {
  return {
    id: row.id,
    consumer: row.consumer,
    eventType: row.event_type,
    subject: row.message_key,
    outcome,
    error,
    handlers,
    attempts: row.attempts,
  };
}
