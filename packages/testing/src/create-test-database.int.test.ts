import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './create-test-database.js';
import { describeWithPostgres } from './describe-with-postgres.js';
import { pgTestUrl } from './pg-test-url.js';
import { postgresAvailable } from './postgres-available.js';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgTestUrl() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describeWithPostgres('createTestDatabase', () => {
  const created: TestDatabase[] = [];
  afterAll(() => Promise.all(created.map((database) => database.drop())));

  it('creates a fresh, uniquely named database and gives its URL', async () => {
    const [a, b] = await Promise.all([createTestDatabase('My Suite!'), createTestDatabase()]);
    created.push(a, b);
    expect(a.name).toMatch(/^em_my_suite__\d{13}_[0-9a-f]{8}$/);
    expect(b.name).toMatch(/^em_test_\d{13}_[0-9a-f]{8}$/);
    expect(a.name).not.toBe(b.name);

    const client = new pg.Client({ connectionString: a.url });
    await client.connect();
    const { rows } = await client.query<{ name: string; tables: number }>(
      `SELECT current_database() AS name,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public') AS tables`,
    );
    await client.end();
    expect(rows).toEqual([{ name: a.name, tables: 0 }]);
  });

  it('drops the database even while connections are open, and again harmlessly', async () => {
    const database = await createTestDatabase('drop');
    const client = new pg.Client({ connectionString: database.url });
    client.on('error', () => undefined);
    await client.connect();
    await database.drop();
    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await client.end().catch(() => undefined);
  });

  it('sees the server as available', async () => {
    expect(await postgresAvailable()).toBe(true);
    expect(await postgresAvailable('postgres://postgres@127.0.0.1:1/postgres')).toBe(false);
  });
});
