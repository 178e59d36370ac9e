import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Db } from '../sql/database.port.js';

export type TimerStatus = 'pending' | 'fired' | 'cancelled';

/** The `timers` table of a service schema (migrations/0003_timers.sql). */
export interface TimersTable {
  id: string;
  subject: string;
  due_at: Date;
  event_type: string;
  event_version: number;
  topic: string;
  data: ColumnType<unknown, string, string>;
  correlation_id: string | null;
  causation_id: string | null;
  traceparent: string | null;
  status: Generated<TimerStatus>;
  created_at: Generated<Date>;
  fired_at: Date | null;
  cancelled_at: Date | null;
  event_id: string | null;
}

export function timerTables(db: Db, schema: string): Kysely<{ timers: TimersTable }> {
  return db.withSchema(schema) as Kysely<{ timers: TimersTable }>;
}

/** The channel a TimerPoller listens on, to look again at once when a timer is scheduled. */
export function timerChannel(schema: string): string {
  return `eventmart_timers_${schema}`;
}
