import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTING_MIGRATIONS_DIR, storedRecord, type SqlDatabase } from '@eventmart/eventing';
import { migrate } from '@eventmart/postgres';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, SCHEMA, type Store, type StoreKind } from './fixtures/harness.js';

const utf8 = (text: string) => [...new TextEncoder().encode(text)];

/** Long enough that PostgreSQL's base64 would break it into lines, and not only ASCII. */
const PAYLOAD = JSON.stringify({ note: 'Zürich 🛒 '.repeat(20), orderId: 'o-old' });

/**
 * Migration 0005 turns the text columns of dead letters and parked events into the record's
 * bytes. Rows written before it must come out as the same bytes their text was.
 */
export function recordBytesMigrationFeatures(kind: StoreKind): void {
  describe(`migration 0005 on ${kind}: stored text becomes the bytes it was`, () => {
    let store: Store;
    let database: SqlDatabase;
    let upTo0004: string;

    beforeEach(async () => {
      store = await createStore(kind);
      database = await store.open();
      upTo0004 = await mkdtemp(join(tmpdir(), 'eventmart-migrations-'));
      for (const file of await readdir(EVENTING_MIGRATIONS_DIR))
        if (file < '0005')
          await copyFile(join(EVENTING_MIGRATIONS_DIR, file), join(upTo0004, file));
    });

    afterEach(async () => {
      await database.close();
      await store.drop();
      await rm(upTo0004, { recursive: true, force: true });
    });

    const migrateWith = (directory: string) =>
      migrate(database.db, { schema: SCHEMA, sets: [{ name: 'eventing', directory }] });

    it('converts the key, every header and the body of old dead letters and parked events', async () => {
      await migrateWith(upTo0004);
      const headers = JSON.stringify({
        ce_id: 'e-1',
        ce_type: 'order.placed',
        note: 'é 🛒',
        empty: '',
        // Long enough that PostgreSQL's base64 breaks it into lines: the stored form has none.
        long: 'x'.repeat(100),
      });
      await sql`
        INSERT INTO ${sql.table(`${SCHEMA}.dead_letters`)}
          (id, consumer, reason, topic, partition, message_offset, message_key, headers, payload,
           error, attempts, first_failed_at, last_failed_at)
        VALUES ('01936f3e-7a9b-7c3d-8e4f-000000000001', 'inventory', 'malformed-json',
          'orders.new', 0, '7', 'o-old', ${headers}::jsonb, ${PAYLOAD}, 'bad', 1, now(), now()),
          ('01936f3e-7a9b-7c3d-8e4f-000000000002', 'inventory', 'invalid-envelope',
          'orders.new', 0, '8', NULL, '{}'::jsonb, '', 'bad', 1, now(), now())`.execute(
        database.db,
      );
      await sql`
        INSERT INTO ${sql.table(`${SCHEMA}.parked_events`)}
          (consumer, handler, ordering_key, event_id, event_type, topic, partition,
           message_offset, message_key, headers, payload, attempts, retry_at)
        VALUES ('inventory.reserve', 'reserve', 'o-old', '01936f3e-7a9b-7c3d-8e4f-000000000003',
          'order.placed', 'orders.new', 1, '9', 'o-old', ${headers}::jsonb, ${PAYLOAD}, 2, now())`.execute(
        database.db,
      );

      const applied = await migrateWith(EVENTING_MIGRATIONS_DIR);
      expect(applied.map((migration) => migration.file)).toEqual(['0005_failure_record_bytes.sql']);

      const letters = await sql<
        Parameters<typeof storedRecord>[0] & { message_key: string | null }
      >`
        SELECT message_key, record_key, record_value, record_headers
        FROM ${sql.table(`${SCHEMA}.dead_letters`)} ORDER BY id`.execute(database.db);
      const [full, bare] = letters.rows.map((row) => storedRecord(row));
      expect([...(full?.value ?? [])]).toEqual(utf8(PAYLOAD));
      expect([...(full?.key ?? [])]).toEqual(utf8('o-old'));
      expect(letters.rows[0]?.message_key).toBe('o-old');
      const byName = Object.fromEntries(
        (full?.headers ?? []).map(({ name, value }) => [name, [...(value ?? [])]]),
      );
      expect(byName).toEqual({
        ce_id: utf8('e-1'),
        ce_type: utf8('order.placed'),
        note: utf8('é 🛒'),
        empty: [],
        long: utf8('x'.repeat(100)),
      });
      expect(bare).toEqual({ key: null, value: new Uint8Array(), headers: [] });

      const parked = await sql<Parameters<typeof storedRecord>[0]>`
        SELECT record_key, record_value, record_headers
        FROM ${sql.table(`${SCHEMA}.parked_events`)}`.execute(database.db);
      const record = storedRecord(
        parked.rows[0] ?? { record_key: null, record_value: null, record_headers: [] },
      );
      expect([...(record.value ?? [])]).toEqual(utf8(PAYLOAD));
      expect(record.headers).toHaveLength(5);
    });
  });
}
