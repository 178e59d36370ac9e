import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SqlDatabase } from '../database.js';
import { openDatabase } from '../open-database.js';

/** Terminates every backend of `database` named `application`, from another pool. */
async function terminate(other: SqlDatabase, database: string, application: string) {
  // In the select list, not the WHERE clause: there the planner may call it for any row.
  const { rows } = await sql<{ terminated: boolean }>`
    SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
    WHERE datname = ${database} AND application_name = ${application}`.execute(other.db);
  return rows.filter((row) => row.terminated).length;
}

// What a failover, a restarted server or an operator's pg_terminate_backend does to a service.
describeWithPostgres('a node-postgres pool whose connections are terminated', () => {
  let testDatabase: TestDatabase;
  let admin: SqlDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('terminated');
    admin = await openDatabase({ url: testDatabase.url, applicationName: 'terminator' });
  });
  afterAll(async () => {
    await admin.close();
    await testDatabase.drop();
  });

  it('fails the transaction that held one between two queries, and the process and the pool live on', async () => {
    const database = await openDatabase({ url: testDatabase.url, applicationName: 'victim' });
    try {
      const transaction = database.db.transaction().execute(async (tx) => {
        await sql`SELECT 1`.execute(tx);
        // Checked out, with no query running (as while a handler awaits a provider): the
        // client learns of the termination as an 'error' event, not as a failed query.
        expect(await terminate(admin, testDatabase.name, 'victim')).toBe(1);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`SELECT 2`.execute(tx);
      });
      await expect(transaction).rejects.toThrow();
      const { rows } = await sql<{ n: number }>`SELECT 3 AS n`.execute(database.db);
      expect(rows).toEqual([{ n: 3 }]);
    } finally {
      await database.close();
    }
  });

  it('replaces idle connections that were terminated', async () => {
    const database = await openDatabase({
      url: testDatabase.url,
      applicationName: 'idle',
      poolSize: 2,
    });
    try {
      await Promise.all([
        sql`SELECT pg_sleep(0.05)`.execute(database.db),
        sql`SELECT pg_sleep(0.05)`.execute(database.db),
      ]);
      expect(await terminate(admin, testDatabase.name, 'idle')).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const { rows } = await sql<{ n: number }>`SELECT 4 AS n`.execute(database.db);
      expect(rows).toEqual([{ n: 4 }]);
    } finally {
      await database.close();
    }
  });
});
