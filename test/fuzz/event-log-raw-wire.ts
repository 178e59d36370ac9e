import { partitionFor, type SqlDatabase } from '@eventmart/eventing';
import { sql } from 'kysely';
import type { FuzzRecord } from './fuzz-records.js';
import type { Produced, RawWire, Refused } from './raw-wire.js';
import {
  sampledFromText,
  type SampledRecord,
  type WireHeader,
  type WireRecord,
} from './wire-record.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** Text PostgreSQL can store (valid UTF-8, no NUL), or why not. */
function storable(bytes: Buffer, what: string): string | { refused: string } {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return { refused: `${what} is not UTF-8` };
  }
  return text.includes('\u0000') ? { refused: `${what} holds NUL` } : text;
}

type JsonHeader = string | null | (string | null)[];

/**
 * The headers as the log's jsonb column can hold them: a null value as JSON null, and a name
 * given more than once as the array of its values (a JSON object has each name once), which
 * no producer of ours writes but any client of the table can.
 */
function jsonHeaders(
  headers: readonly WireHeader[],
): { headers: Record<string, JsonHeader> } | { refused: string } {
  const out: Record<string, JsonHeader> = {};
  for (const { name, value } of headers) {
    const text = value === null ? null : storable(value, `header ${name}`);
    if (typeof text === 'object' && text !== null) return text;
    const before = out[name];
    out[name] =
      before === undefined ? text : [...(Array.isArray(before) ? before : [before]), text];
  }
  return { headers: out };
}

export interface LogRow {
  readonly partition: number;
  readonly key: string;
  readonly headers: Record<string, JsonHeader>;
  readonly payload: string;
}

/** The record as a row of the log, or why the log's columns cannot hold it. */
export function logRow(record: WireRecord, partitions: number): LogRow | { refused: string } {
  if (record.key === null) return { refused: 'the log has no null key' };
  if (record.value === null) return { refused: 'the log has no null payload' };
  const key = storable(record.key, 'the key');
  if (typeof key !== 'string') return key;
  const payload = storable(record.value, 'the payload');
  if (typeof payload !== 'string') return payload;
  const headers = jsonHeaders(record.headers);
  if ('refused' in headers) return headers;
  return {
    partition: record.partition ?? partitionFor(key, partitions),
    key,
    headers: headers.headers,
    payload,
  };
}

/**
 * The Postgres event log as a raw client sees it: `eventlog.messages`, written with plain
 * INSERTs (then the NOTIFY its consumers wait on), read with plain SELECTs. Key and payload
 * are text columns, so bytes that are not UTF-8 or hold NUL cannot be put on this wire at all:
 * those records are refused here, with the reason, and never reach a consumer.
 */
export class EventLogRawWire implements RawWire {
  readonly name = 'pg-log';

  constructor(
    private readonly database: SqlDatabase,
    private readonly schema = 'eventlog',
  ) {}

  async sample(topics: readonly string[]): Promise<SampledRecord[]> {
    const rows = await sql<{
      topic: string;
      partition: number;
      seq: string;
      message_key: string;
      headers: Record<string, string>;
      payload: string;
    }>`SELECT topic, partition, seq::text AS seq, message_key, headers, payload
       FROM ${sql.table(`${this.schema}.messages`)} WHERE topic IN (${sql.join([...topics])})
       ORDER BY seq`.execute(this.database.db);
    return rows.rows.flatMap((row) => {
      const sampled = sampledFromText({
        topic: row.topic,
        partition: row.partition,
        offset: row.seq,
        key: row.message_key,
        headers: row.headers,
        value: row.payload,
      });
      return sampled === undefined ? [] : [sampled];
    });
  }

  async produce(
    records: readonly FuzzRecord[],
  ): Promise<{ produced: Produced[]; refused: Refused[] }> {
    const settings = await sql<{ value: string }>`
      SELECT value FROM ${sql.table(`${this.schema}.log_settings`)} WHERE name = 'partitions'`.execute(
      this.database.db,
    );
    const partitions = Number(settings.rows[0]?.value ?? 8);
    const produced: Produced[] = [];
    const refused: Refused[] = [];
    const CHUNK = 100;
    for (let start = 0; start < records.length; start += CHUNK) {
      const chunk = records.slice(start, start + CHUNK);
      await this.database.db.transaction().execute(async (tx) => {
        for (const fuzz of chunk) {
          const row = logRow(fuzz.record, partitions);
          if ('refused' in row) {
            refused.push({ fuzz, why: row.refused });
            continue;
          }
          const inserted = await sql<{ seq: string }>`
            INSERT INTO ${sql.table(`${this.schema}.messages`)} (topic, partition, message_key, headers, payload)
            VALUES (${fuzz.record.topic}, ${row.partition}, ${row.key}, ${JSON.stringify(row.headers)}::jsonb, ${row.payload})
            RETURNING seq::text AS seq`.execute(tx);
          const seq = inserted.rows[0]?.seq;
          if (seq === undefined) throw new Error('the insert returned no seq');
          produced.push({ fuzz, partition: row.partition, offset: seq });
        }
        const topics = [...new Set(chunk.map((fuzz) => fuzz.record.topic))];
        for (const topic of topics)
          await sql`SELECT pg_notify(${this.schema}, ${topic})`.execute(tx);
      });
    }
    return { produced, refused };
  }

  async close(): Promise<void> {
    // The database is the shop's; nothing of its own to close.
  }
}
