import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { afterAll } from 'vitest';
import { paymentDeadlineFeatures } from './payment-deadline.features.js';

describeWithPostgres('on the real PostgreSQL', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });
  paymentDeadlineFeatures('embedded, real PostgreSQL', async () => {
    database = await createTestDatabase('deadline');
    return database.url;
  });
});
