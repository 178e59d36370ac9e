import type { SqlDatabase } from '@eventmart/eventing';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { sql } from 'kysely';
import { BACKEND_SERVICES } from '../system/distributed-shop.js';
import { serviceHandlers, topicsByService } from './service-handlers.js';

/**
 * One thing the system must have finished before it counts as settled: answers what is still
 * left, in words, or undefined when nothing is.
 */
export type PendingCheck = () => Promise<string | undefined>;

const each = (
  build: (schema: string) => ReturnType<typeof sql>,
  schemas: readonly string[] = BACKEND_SERVICES,
) => sql.join(schemas.map(build), sql` UNION ALL `);

/** Every service's relay has sent everything its outbox holds. */
export function outboxesDrained(database: SqlDatabase): PendingCheck {
  return async () => {
    const rows = await sql<{ schema: string; n: number }>`
      SELECT schema, n FROM (${each(
        (schema) =>
          sql`SELECT ${schema} AS schema, count(*)::integer AS n FROM ${sql.table(`${schema}.outbox`)} WHERE sent_at IS NULL`,
      )}) AS unsent WHERE n > 0`.execute(database.db);
    if (rows.rows.length === 0) return undefined;
    return `unsent outbox rows: ${rows.rows.map((r) => `${r.schema} ${String(r.n)}`).join(', ')}`;
  };
}

/**
 * Events waiting for a delayed retry, per service (the `parked_events` table of each service
 * schema; undefined where no service has it): an event parked there was acknowledged to the
 * transport but is not handled yet.
 */
export async function parkedEvents(
  database: SqlDatabase,
): Promise<Map<string, number> | undefined> {
  const schemas = await schemasWith(database, 'parked_events');
  if (schemas.length === 0) return undefined;
  const rows = await sql<{ schema: string; n: number }>`${each(
    (schema) =>
      sql`SELECT ${schema} AS schema, count(*)::integer AS n FROM ${sql.table(`${schema}.parked_events`)}`,
    schemas,
  )}`.execute(database.db);
  return new Map(rows.rows.map((row) => [row.schema, row.n]));
}

/** Nothing waits for a delayed retry. */
export function nothingParked(database: SqlDatabase): PendingCheck {
  return async () => {
    const parked = [...((await parkedEvents(database)) ?? [])].filter(([, n]) => n > 0);
    if (parked.length === 0) return undefined;
    return `parked events: ${parked.map(([schema, n]) => `${schema} ${String(n)}`).join(', ')}`;
  };
}

/**
 * No payment owes the provider a call: every charge and refund decided by a handler has been
 * made and its answer recorded (payment calls the provider outside its handlers, so an empty
 * outbox does not mean the money has moved).
 */
export function noProviderCallsOwed(database: SqlDatabase): PendingCheck {
  return async () => {
    const rows = await sql<{ status: string; n: number }>`
      SELECT status, count(*)::integer AS n FROM payment.payments
      WHERE call_due_at IS NOT NULL GROUP BY status ORDER BY status`.execute(database.db);
    if (rows.rows.length === 0) return undefined;
    return `payment calls owed: ${rows.rows.map((row) => `${row.status} ${String(row.n)}`).join(', ')}`;
  };
}

/** The service schemas that have the table (an eventing table a migration may not have made yet). */
export async function schemasWith(database: SqlDatabase, table: string): Promise<string[]> {
  const rows = await sql<{ schema: string }>`
    SELECT table_schema AS schema FROM information_schema.tables
    WHERE table_name = ${table} AND table_schema IN (${sql.join([...BACKEND_SERVICES])})
    ORDER BY table_schema`.execute(database.db);
  return rows.rows.map((row) => row.schema);
}

/** Every consumer group of the Postgres event log has passed every message in the log. */
export function eventLogCaughtUp(database: SqlDatabase): PendingCheck {
  return async () => {
    const behind = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM eventlog.group_partitions g
      WHERE EXISTS (
        SELECT 1 FROM eventlog.messages m
        WHERE m.topic = g.topic AND m.partition = g.partition AND (m.tx_id, m.seq) > (g.tx_id, g.seq))`.execute(
      database.db,
    );
    const n = behind.rows[0]?.n ?? 0;
    return n === 0 ? undefined : `${String(n)} event-log group partitions behind`;
  };
}

/**
 * Every service's consumer group on Kafka has committed the end of each partition of the
 * topics its handlers read (offsets are committed at most every KAFKA_COMMIT_INTERVAL_MS
 * after the handlers finished). `admin` must be connected.
 */
export function kafkaGroupsCaughtUp(
  admin: Admin,
  groups: ReadonlyMap<string, ReadonlySet<string>>,
): PendingCheck {
  return async () => {
    const behind: string[] = [];
    for (const [groupId, topics] of groups) {
      if (topics.size === 0) continue;
      const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
      for (const { topic, partitions } of committed) {
        for (const { partition, high } of await admin.fetchTopicOffsets(topic)) {
          const at = partitions.find((p) => p.partition === partition)?.offset ?? '-1';
          if (high !== '0' && Number(at) < Number(high))
            behind.push(`${groupId} ${topic}[${String(partition)}] at ${at} of ${high}`);
        }
      }
    }
    if (behind.length === 0) return undefined;
    const shown = behind.slice(0, 3).join(', ');
    return `Kafka groups behind: ${shown}${behind.length > 3 ? ` and ${String(behind.length - 3)} more` : ''}`;
  };
}

/**
 * Polls the checks until none has anything left; after `timeoutMs` it throws, naming what
 * each check still waits for.
 */
export async function waitUntilSettled(
  checks: readonly PendingCheck[],
  timeoutMs: number,
  pollMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending: string[] = [];
    for (const check of checks) {
      const left = await check();
      if (left !== undefined) pending.push(left);
    }
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`not settled after ${String(timeoutMs)} ms: ${pending.join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** A kafkajs admin client on the brokers, connected; disconnect it when done. */
export async function kafkaAdmin(brokers: readonly string[]): Promise<Admin> {
  const admin = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  return admin;
}

/** On the Postgres event log: everything written was sent, and every group has read it. */
export async function settledOnEventLog(database: SqlDatabase, timeoutMs = 30_000): Promise<void> {
  await waitUntilSettled([outboxesDrained(database)], timeoutMs);
  await waitUntilSettled([eventLogCaughtUp(database), nothingParked(database)], timeoutMs);
}

/** On Kafka: everything written was sent, and every service's group has committed it. */
export async function settledOnKafka(
  database: SqlDatabase,
  brokers: readonly string[],
  { timeoutMs = 30_000, groupPrefix = '' } = {},
): Promise<void> {
  await waitUntilSettled([outboxesDrained(database)], timeoutMs);
  const groups = new Map<string, Set<string>>();
  for (const [service, topics] of topicsByService(await serviceHandlers()))
    groups.set(`${groupPrefix}${service}`, topics);
  const admin = await kafkaAdmin(brokers);
  try {
    await waitUntilSettled(
      [kafkaGroupsCaughtUp(admin, groups), nothingParked(database)],
      timeoutMs,
    );
  } finally {
    await admin.disconnect();
  }
}
