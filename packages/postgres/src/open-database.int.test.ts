import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabaseFromEnv } from './open-database.js';

describeWithPostgres('openDatabaseFromEnv with DATABASE_URL', () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('env');
  });
  afterAll(() => testDatabase.drop());

  it('opens a pool on that server, named for pg_stat_activity', async () => {
    const database = await openDatabaseFromEnv({
      env: { DATABASE_URL: testDatabase.url },
      applicationName: 'from-env',
      poolSize: 2,
    });
    try {
      expect(database.dialect).toBe('postgres');
      const { rows } =
        await sql`SELECT current_database() AS name, current_setting('application_name') AS app`.execute(
          database.db,
        );
      expect(rows).toEqual([{ name: testDatabase.name, app: 'from-env' }]);
    } finally {
      await database.close();
    }
  });
});
