import type { PgLogTransportOptions } from '@eventmart/transport-pg-log';
import { integer, type Env } from './env.js';

/** Partitions per topic of the Postgres event log, unless EVENTLOG_PARTITIONS says otherwise. */
export const DEFAULT_EVENTLOG_PARTITIONS = 8;

/** The Postgres event log's settings that an operator may need to turn. */
export function eventLogOptions(env: Env): PgLogTransportOptions {
  return {
    partitions: integer(env, 'EVENTLOG_PARTITIONS', DEFAULT_EVENTLOG_PARTITIONS, 1),
    // Notifications wake consumers at once; polling only covers a lost notification.
    pollIntervalMs: integer(env, 'EVENTLOG_POLL_INTERVAL_MS', 250, 10),
    // How long a killed process keeps its partitions before another member takes them.
    leaseMs: integer(env, 'EVENTLOG_LEASE_MS', 10_000, 1_000),
  };
}
