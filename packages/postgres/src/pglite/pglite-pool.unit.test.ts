import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../database.js';
import { firstKeyword, PglitePool } from './pglite-pool.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('PglitePool', () => {
  let pglite: PGlite;
  let pool: PglitePool;
  let db: Db;

  beforeAll(async () => {
    pglite = await PGlite.create('memory://');
    pool = new PglitePool(pglite);
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    await sql`CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)`.execute(db);
    await sql`CREATE TABLE item (name text PRIMARY KEY)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
    await pglite.close();
  });

  it('serializes concurrent transactions: read-increment-write without locks ends at 100', async () => {
    await db.insertInto('counter').values({ id: 1, value: 0 }).execute();
    const increments = async (): Promise<void> => {
      for (let i = 0; i < 50; i++) {
        await db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('counter')
            .select('value')
            .where('id', '=', 1)
            .executeTakeFirstOrThrow();
          await pause(0);
          await trx
            .updateTable('counter')
            .set({ value: (row.value as number) + 1 })
            .where('id', '=', 1)
            .execute();
        });
      }
    };
    await Promise.all([increments(), increments()]);
    const row = await db
      .selectFrom('counter')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ value: 100 });
  });

  it("does not let one transaction's rollback undo another's work", async () => {
    const keeps = db.transaction().execute(async (trx) => {
      await trx.insertInto('item').values({ name: 'kept' }).execute();
      await pause(20);
    });
    const fails = db.transaction().execute(async (trx) => {
      await trx.insertInto('item').values({ name: 'dropped' }).execute();
      throw new Error('roll back');
    });
    await keeps;
    await expect(fails).rejects.toThrow('roll back');
    expect(await db.selectFrom('item').select('name').execute()).toEqual([{ name: 'kept' }]);
  });

  it('makes a query outside the transaction wait until the transaction ends', async () => {
    const log: string[] = [];
    const transaction = db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      log.push('transaction started');
      await pause(50);
      log.push('transaction ends');
    });
    await pause(5);
    await sql`SELECT 1`.execute(db).then(() => log.push('outside query ran'));
    await transaction;
    expect(log).toEqual(['transaction started', 'transaction ends', 'outside query ran']);
  });

  it('runs several statements in one query when it has no parameters', async () => {
    await sql`CREATE TABLE multi (n int); INSERT INTO multi VALUES (1), (2);`.execute(db);
    const { rows } = await sql<{ total: number }>`SELECT sum(n)::int AS total FROM multi`.execute(
      db,
    );
    expect(rows).toEqual([{ total: 3 }]);
  });

  it('reports the command and row count of the statement', async () => {
    const client = await pool.connect();
    try {
      await client.query('CREATE TABLE counted (n int)', []);
      const inserted = await client.query(
        'INSERT INTO counted SELECT generate_series(1, $1::int)',
        [3],
      );
      const updated = await client.query(
        'WITH u AS (UPDATE counted SET n = n + 1 RETURNING n) SELECT * FROM u',
        [],
      );
      const deleted = await client.query('DELETE FROM counted WHERE n > $1', [2]);
      expect([inserted.command, inserted.rowCount]).toEqual(['INSERT', 3]);
      expect([updated.command, updated.rowCount, updated.rows.length]).toEqual(['SELECT', 3, 3]);
      expect([deleted.command, deleted.rowCount]).toEqual(['DELETE', 2]);
    } finally {
      client.release();
    }
  });

  it('refuses a client used after release, and rolls back what it left open', async () => {
    const client = await pool.connect();
    await client.query('BEGIN', []);
    await client.query("INSERT INTO item VALUES ('left open')", []);
    client.release();
    await expect(client.query('SELECT 1', [])).rejects.toThrow('used after release');
    const { rows } = await sql`SELECT name FROM item WHERE name = 'left open'`.execute(db);
    expect(rows).toEqual([]);
    expect(pglite.isInTransaction()).toBe(false);
  });
});

describe('firstKeyword', () => {
  it('finds the first keyword past comments and whitespace', () => {
    expect(firstKeyword('insert into x values (1)')).toBe('INSERT');
    expect(firstKeyword('  -- note\n/* block\n */ update x set a = 1')).toBe('UPDATE');
    expect(firstKeyword('')).toBe('');
  });
});

describe('PglitePool deadlock guard', () => {
  it('fails, naming the cause, when a transaction queries the outer database', async () => {
    const pglite = await PGlite.create();
    const db = new Kysely<Record<string, never>>({
      dialect: new PostgresDialect({ pool: new PglitePool(pglite, 200) }),
    });
    try {
      const outcome = db.transaction().execute(async () => {
        await sql`SELECT 1`.execute(db);
      });
      await expect(outcome).rejects.toThrow(/inside a transaction, use the transaction/);
      // The connection is usable again afterwards.
      const after = await sql<{ one: number }>`SELECT 1 AS one`.execute(db);
      expect(after.rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
      await pglite.close();
    }
  });
});
