import { fileURLToPath } from 'node:url';
import type { Db } from '@eventmart/eventing';
import { migrate } from '@eventmart/postgres';

/** The folder of SQL migrations that create the event log's tables (run in its schema). */
export const EVENT_LOG_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Creates or updates the event log's tables in `schema`; safe from several processes at once. */
export async function migrateEventLog(db: Db, schema = 'eventlog'): Promise<void> {
  await migrate(db, { schema, sets: [{ name: 'event_log', directory: EVENT_LOG_MIGRATIONS_DIR }] });
}
