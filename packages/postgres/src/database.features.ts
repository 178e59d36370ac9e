import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Db, SqlDatabase } from './database.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What every opened database must do, whichever the dialect. Call it inside a describe;
 * `open` is called once for the suite, and each case works in tables of its own.
 */
export function databaseFeatures(open: () => Promise<SqlDatabase>): void {
  let database: SqlDatabase;
  let db: Db;
  let tables = 0;

  beforeAll(async () => {
    database = await open();
    db = database.db;
  });
  afterAll(() => database.close());

  async function counterTable(): Promise<string> {
    const table = `counter_${++tables}`;
    await sql`CREATE TABLE ${sql.id(table)} (id int PRIMARY KEY, value int NOT NULL)`.execute(db);
    await db.insertInto(table).values({ id: 1, value: 0 }).execute();
    return table;
  }

  async function valueOf(table: string): Promise<number> {
    const row = await db.selectFrom(table).select('value').where('id', '=', 1).executeTakeFirst();
    return (row as { value: number }).value;
  }

  it('commits a transaction', async () => {
    const table = await counterTable();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable(table).set({ value: 7 }).execute();
    });
    expect(await valueOf(table)).toBe(7);
  });

  it('rolls back a transaction whose callback throws', async () => {
    const table = await counterTable();
    const failing = db.transaction().execute(async (trx) => {
      await trx.updateTable(table).set({ value: 7 }).execute();
      throw new Error('changed my mind');
    });
    await expect(failing).rejects.toThrow('changed my mind');
    expect(await valueOf(table)).toBe(0);
  });

  it('reports affected rows to Kysely', async () => {
    const table = await counterTable();
    await db
      .insertInto(table)
      .values([
        { id: 2, value: 0 },
        { id: 3, value: 0 },
      ])
      .execute();
    const updated = await db
      .updateTable(table)
      .set({ value: 1 })
      .where('id', '>', 1)
      .executeTakeFirst();
    const deleted = await db.deleteFrom(table).where('id', '=', 3).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    expect(deleted.numDeletedRows).toBe(1n);
  });

  it('loses no update from concurrent transactions that lock the row', async () => {
    const table = await counterTable();
    const increments = async (): Promise<void> => {
      for (let i = 0; i < 25; i++) {
        await db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ value: number }>`
            SELECT value FROM ${sql.id(table)} WHERE id = 1 FOR UPDATE`.execute(trx);
          await pause(0);
          await trx
            .updateTable(table)
            .set({ value: (rows[0]?.value ?? NaN) + 1 })
            .execute();
        });
      }
    };
    await Promise.all([increments(), increments(), increments(), increments()]);
    expect(await valueOf(table)).toBe(100);
  });

  it('delivers a notification once its transaction commits, not before', async () => {
    const received: string[] = [];
    const stop = await database.notifier.listen('Features Commit', (p) => received.push(p));
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_notify('Features Commit', 'hello')`.execute(trx);
      await pause(150);
      expect(received).toEqual([]);
    });
    await vi.waitFor(() => expect(received).toEqual(['hello']));
    await stop();
  });

  it('delivers nothing for a rolled-back transaction', async () => {
    const received: string[] = [];
    const stop = await database.notifier.listen('features_rollback', (p) => received.push(p));
    const rolledBack = db.transaction().execute(async (trx) => {
      await sql`SELECT pg_notify('features_rollback', 'never')`.execute(trx);
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
    // Notifications arrive in commit order: once the marker is in, 'never' would have been too.
    await sql`SELECT pg_notify('features_rollback', 'marker')`.execute(db);
    await vi.waitFor(() => expect(received).toEqual(['marker']));
    await stop();
  });

  it('calls each listener of a channel, and stops calling one after its unlisten', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = await database.notifier.listen('features_fanout', (p) => first.push(p));
    const stopSecond = await database.notifier.listen('features_fanout', (p) => second.push(p));
    await sql`SELECT pg_notify('features_fanout', 'a')`.execute(db);
    await vi.waitFor(() => expect(second).toEqual(['a']));
    await stopFirst();
    await sql`SELECT pg_notify('features_fanout', 'b')`.execute(db);
    await vi.waitFor(() => expect(second).toEqual(['a', 'b']));
    expect(first).toEqual(['a']);
    await stopSecond();
  });

  it('keeps channel names exact: case and quotes are not folded', async () => {
    const received: string[] = [];
    const stop = await database.notifier.listen('Mixed "Case"', (p) => received.push(p));
    await sql`SELECT pg_notify('mixed "case"', 'lower')`.execute(db);
    await sql`SELECT pg_notify('Mixed "Case"', 'exact')`.execute(db);
    await vi.waitFor(() => expect(received).toEqual(['exact']));
    await stop();
  });

  it('returns int8 and numeric as strings, timestamptz as Date, json as objects', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT 9007199254740993::int8 AS big, 1.10::numeric AS amount, 3::int4 AS small,
             '2024-02-29T12:00:00Z'::timestamptz AS at, '{"a":[1]}'::jsonb AS doc`.execute(db);
    expect(rows[0]).toStrictEqual({
      big: '9007199254740993',
      amount: '1.10',
      small: 3,
      at: new Date('2024-02-29T12:00:00Z'),
      doc: { a: [1] },
    });
  });
}
