import type { ColumnType, Generated, Kysely } from 'kysely';
import type { StoredHeaders } from '../failures/stored-record.js';
import type { Db } from './database.port.js';

/** The eventing tables of a service schema, as Kysely sees them (see migrations/). */
export interface OutboxTable {
  seq: Generated<string>;
  tx_id: Generated<string>;
  event_id: string;
  event_type: string;
  topic: string;
  message_key: string;
  headers: ColumnType<Record<string, string>, string, string>;
  payload: string;
  created_at: Generated<Date>;
  sent_at: Date | null;
  times_sent: Generated<number>;
  last_error: string | null;
}

export interface OutboxRelayLeaseTable {
  name: string;
  owner: string;
  expires_at: Date;
}

export interface InboxTable {
  consumer: string;
  event_id: string;
  event_type: string;
  status: 'processed' | 'dead-lettered';
  processed_at: Generated<Date>;
}

export interface DeadLetterTable {
  id: string;
  consumer: string;
  handler: string | null;
  reason: string;
  event_id: string | null;
  event_type: string | null;
  event_version: number | null;
  topic: string;
  partition: number | null;
  message_offset: string | null;
  /** The key as text, to filter by subject; null when the key is not text. */
  message_key: string | null;
  record_key: Uint8Array | null;
  record_value: Uint8Array | null;
  record_headers: ColumnType<StoredHeaders, string, string>;
  error: string;
  error_stack: string | null;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
  created_at: Generated<Date>;
}

export interface EventingTables {
  outbox: OutboxTable;
  outbox_relay_lease: OutboxRelayLeaseTable;
  inbox: InboxTable;
  dead_letters: DeadLetterTable;
}

/** The eventing tables of `schema`, typed, on a database or inside a transaction. */
export function eventingTables(db: Db, schema: string): Kysely<EventingTables> {
  return db.withSchema(schema) as Kysely<EventingTables>;
}
