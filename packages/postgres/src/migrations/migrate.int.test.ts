import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../open-database.js';
import { migrate } from './migrate.js';

describeWithPostgres('migrate (PostgreSQL)', () => {
  let testDatabase: TestDatabase;
  let directory: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('migrate');
    directory = await mkdtemp(join(tmpdir(), 'eventmart-migrations-'));
    // Neither file is idempotent: running one twice fails or leaves a second row in `ran`.
    await writeFile(
      join(directory, '001_ran.sql'),
      "CREATE TABLE ran (file text);\nINSERT INTO ran VALUES ('001');\nSELECT pg_sleep(0.2);",
    );
    await writeFile(
      join(directory, '002_orders.sql'),
      "CREATE TABLE orders (id int PRIMARY KEY);\nINSERT INTO ran VALUES ('002');",
    );
  });
  afterAll(async () => {
    await testDatabase.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('lets two processes migrate the same schema at once: each file runs once', async () => {
    // Two databases opened separately: two pools, as two processes would have.
    const first = await openDatabase({ url: testDatabase.url });
    const second = await openDatabase({ url: testDatabase.url });
    try {
      const options = { schema: 'orders', sets: [{ name: 'service', directory }] };
      const [a, b] = await Promise.all([migrate(first.db, options), migrate(second.db, options)]);
      expect([...a, ...b].map((m) => m.file).sort()).toEqual(['001_ran.sql', '002_orders.sql']);
      const { rows } = await sql`SELECT file FROM orders.ran ORDER BY file`.execute(first.db);
      expect(rows).toEqual([{ file: '001' }, { file: '002' }]);
      expect(await migrate(second.db, options)).toEqual([]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('migrates several schemas at once from separate pools', async () => {
    const databases = await Promise.all(
      ['a', 'b', 'c'].map(() => openDatabase({ url: testDatabase.url })),
    );
    try {
      await Promise.all(
        databases.flatMap((database) =>
          ['tenant_a', 'tenant_b'].map((schema) =>
            migrate(database.db, { schema, sets: [{ name: 'service', directory }] }),
          ),
        ),
      );
      const { rows } = await sql<{ n: number }>`
        SELECT (SELECT count(*) FROM tenant_a.ran)::int + (SELECT count(*) FROM tenant_b.ran)::int AS n`.execute(
        databases[0]!.db,
      );
      expect(rows).toEqual([{ n: 4 }]);
    } finally {
      await Promise.all(databases.map((database) => database.close()));
    }
  });

  it('tries a set again when its connection is terminated while it migrates: each file runs once', async () => {
    const migrating = await openDatabase({ url: testDatabase.url, applicationName: 'migrating' });
    const admin = await openDatabase({ url: testDatabase.url, applicationName: 'admin' });
    try {
      const running = migrate(migrating.db, {
        schema: 'restarted',
        sets: [{ name: 'service', directory }],
      });
      // 001 sleeps 0.2 s: terminate the migration's connection while it runs.
      let terminated = 0;
      for (let tries = 0; terminated === 0 && tries < 100; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const { rows } = await sql<{ done: boolean }>`
          SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
          WHERE application_name = 'migrating' AND query LIKE '%pg_sleep%'`.execute(admin.db);
        terminated = rows.filter((row) => row.done).length;
      }
      expect(terminated).toBe(1);
      expect((await running).map((m) => m.file)).toEqual(['001_ran.sql', '002_orders.sql']);
      const { rows } = await sql`SELECT file FROM restarted.ran ORDER BY file`.execute(admin.db);
      expect(rows).toEqual([{ file: '001' }, { file: '002' }]);
    } finally {
      await Promise.all([migrating.close(), admin.close()]);
    }
  });
});
