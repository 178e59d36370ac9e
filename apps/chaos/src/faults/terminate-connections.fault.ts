import type { SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';
import { HARNESS_APPLICATION_NAME } from '../system/distributed-shop.js';
import type { FaultLog } from './fault-log.js';

/**
 * Every PostgreSQL connection the services hold on the run's database, terminated at once with
 * pg_terminate_backend, as a failover or a restarted server does: pooled connections, the
 * LISTEN connections, transactions in flight. Only the backends of the run's database, and
 * never the harness's own (by application name, and the one asking).
 */
export function terminateConnections(database: SqlDatabase, databaseName: string, log: FaultLog) {
  return async (): Promise<void> => {
    const killed = await sql<{ app: string; n: number }>`
      SELECT application_name AS app, count(*)::integer AS n FROM (
        SELECT application_name, pg_terminate_backend(pid) AS terminated
        FROM pg_stat_activity
        WHERE datname = ${databaseName}
          AND pid <> pg_backend_pid()
          AND backend_type = 'client backend'
          AND application_name NOT LIKE ${`${HARNESS_APPLICATION_NAME}%`}
      ) AS t WHERE terminated GROUP BY application_name ORDER BY application_name`.execute(
      database.db,
    );
    const total = killed.rows.reduce((sum, row) => sum + row.n, 0);
    const by = killed.rows.map((row) => `${row.app || '(no name)'} ${String(row.n)}`).join(', ');
    log.record('pg-terminate', `${String(total)} connections terminated (${by})`, total);
  };
}
