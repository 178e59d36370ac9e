import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { afterAll } from 'vitest';
import { sagaFeatures } from './saga.features.js';

describeWithPostgres('on the real PostgreSQL', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });
  sagaFeatures('embedded, real PostgreSQL', async () => {
    database = await createTestDatabase('saga');
    return database.url;
  });
});
