import type { ColumnType, Generated, Kysely } from 'kysely';
import type { StoredHeaders } from '../failures/stored-record.js';
import type { Db } from '../sql/database.port.js';

/** A parked event (see migrations/0004_parked_events.sql, 0005). */
export interface ParkedEventsTable {
  seq: Generated<string>;
  consumer: string;
  handler: string;
  ordering_key: string;
  event_id: string;
  event_type: string;
  topic: string;
  partition: number;
  message_offset: string;
  message_key: string;
  record_key: Uint8Array | null;
  record_value: Uint8Array;
  record_headers: ColumnType<StoredHeaders, string, string>;
  attempts: number;
  delayed_attempts: Generated<number>;
  retry_at: Date;
  first_failed_at: Date | null;
  last_error: string | null;
  last_error_stack: string | null;
  parked_at: Generated<Date>;
}

export interface ParkingTables {
  parked_events: ParkedEventsTable;
}

export function parkingTables(db: Db, schema: string): Kysely<ParkingTables> {
  return db.withSchema(schema) as Kysely<ParkingTables>;
}
