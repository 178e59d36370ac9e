import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { afterAll } from 'vitest';
import { sagaFeatures } from '../e2e/saga.features.js';
import { DISTRIBUTED_START_TIMEOUT_MS, startDistributedShop } from './support/distributed-shop.js';

describeWithPostgres('distributed, on the real PostgreSQL', () => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });
  sagaFeatures('distributed: a process per service, Postgres event log', {
    start: async () => {
      database = await createTestDatabase('dist_saga');
      return startDistributedShop({ databaseUrl: database.url });
    },
    startTimeoutMs: DISTRIBUTED_START_TIMEOUT_MS,
  });
});
