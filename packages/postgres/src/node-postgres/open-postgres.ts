import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseLogger, Db, SqlDatabase } from '../database.js';
import { PgNotifier } from './pg-notifier.js';

export interface PostgresOptions {
  readonly url: string;
  /** Most pooled connections. Default 10. */
  readonly poolSize?: number;
  /** Shown in pg_stat_activity; the LISTEN connection gets a ":listen" suffix. */
  readonly applicationName?: string;
  readonly logger?: DatabaseLogger;
}

/** A node-postgres pool under Kysely, checked with one query so a bad URL fails here. */
export async function openPostgres(options: PostgresOptions): Promise<SqlDatabase> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName,
  });
  // An idle pooled connection that dies (server restart, pg_terminate_backend) is emitted
  // here; without a listener, node would crash the process.
  pool.on('error', (error) =>
    options.logger?.warn('An idle PostgreSQL connection failed', { error }),
  );
  // The pool stops listening to a connection it lends out. One that dies while lent with no
  // query running (a transaction waiting between two queries) emits 'error' on its client,
  // which nobody would hear: node would crash the process. Heard here, the next query on it
  // fails instead, its transaction rolls back, and the pool drops it when it comes back.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(options.url)}`, { cause: error });
  }
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  const notifier = new PgNotifier({
    url: options.url,
    applicationName: `${options.applicationName ?? 'eventmart'}:listen`,
    logger: options.logger,
  });
  let closed: Promise<void> | undefined;
  return {
    db,
    notifier,
    dialect: 'postgres',
    close: () =>
      (closed ??= (async () => {
        await notifier.close();
        await db.destroy();
        // Kysely ends the pool only if it ever used it.
        if (!pool.ended) await pool.end();
      })()),
  };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
