import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { afterAll } from 'vitest';
import { crashFeatures } from './crash.features.js';
import { startDistributedShop } from './support/distributed-shop.js';

describeWithPostgres('distributed, on the real PostgreSQL and its event log', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });
  const onFreshDatabase = async () => {
    const database = await createTestDatabase('dist_crash');
    databases.push(database);
    return startDistributedShop({ databaseUrl: database.url });
  };
  crashFeatures('Postgres event log', 'inventory', onFreshDatabase);
  crashFeatures('Postgres event log', 'payment', onFreshDatabase);
});
