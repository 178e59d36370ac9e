import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';
import { ordersNotFinal } from '../books/orders.js';
import { BACKEND_SERVICES } from '../system/distributed-shop.js';
import {
  noProviderCallsOwed,
  nothingParked,
  outboxesDrained,
  waitUntilSettled,
  type PendingCheck,
} from './settled.js';

export interface RecoveryOptions {
  readonly database: SqlDatabase;
  /** Every consumer group has read everything on the bus (the event log's or Kafka's check). */
  readonly caughtUp: PendingCheck;
  /** Publishes the duplicates of what was sent since the last call; answers how many. */
  readonly sweep?: () => Promise<number>;
  readonly timeoutMs: number;
}

/** Orders not in a final status yet. */
export function ordersFinal(database: SqlDatabase): PendingCheck {
  return async () => {
    const n = await ordersNotFinal(database);
    return n === 0 ? undefined : `${String(n)} orders not final`;
  };
}

async function outboxRows(database: SqlDatabase): Promise<number> {
  const union = sql.join(
    BACKEND_SERVICES.map(
      (schema) => sql`SELECT count(*) AS n FROM ${sql.table(`${schema}.outbox`)}`,
    ),
    sql` UNION ALL `,
  );
  const rows = await sql<{ n: string }>`SELECT sum(n) AS n FROM (${union}) AS o`.execute(
    database.db,
  );
  return Number(rows.rows[0]?.n ?? 0);
}

/**
 * The recovery window: every order reaches a final status, then the system goes quiet. Quiet
 * is one full round in which every outbox row is sent, then every group has read everything
 * on the bus, nothing is parked, no payment owes the provider a call, the last duplicates are out, and no service wrote a new
 * outbox row meanwhile (a handler still at work would have). Rejects after `timeoutMs` with
 * what was not reached.
 */
export async function waitForRecovery(options: RecoveryOptions): Promise<void> {
  const { database, timeoutMs } = options;
  const deadline = Date.now() + timeoutMs;
  await waitUntilSettled([ordersFinal(database)], timeoutMs, 250);
  const checks: PendingCheck[] = [
    outboxesDrained(database),
    options.caughtUp,
    nothingParked(database),
    noProviderCallsOwed(database),
  ];
  for (;;) {
    const before = await outboxRows(database);
    const pending: string[] = [];
    for (const check of checks) {
      const left = await check();
      if (left !== undefined) pending.push(left);
    }
    // A sweep that fails (a broker still coming back) is tried again next round.
    const swept = await (options.sweep?.() ?? Promise.resolve(0)).catch(
      (error: unknown) => `re-publishing failed: ${String(error)}`,
    );
    if (swept !== 0)
      pending.push(
        typeof swept === 'number' ? `${String(swept)} duplicates just published` : swept,
      );
    const written = (await outboxRows(database)) - before;
    if (written > 0) pending.push(`${String(written)} outbox rows written meanwhile`);
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `the system did not settle in ${String(timeoutMs)} ms: ${pending.join('; ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
