import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { afterAll, beforeAll } from 'vitest';
import { databaseFeatures } from '../database.features.js';
import { openDatabase } from '../open-database.js';

describeWithPostgres('PostgreSQL', () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('features');
  });
  afterAll(() => testDatabase.drop());

  databaseFeatures(() => openDatabase({ url: testDatabase.url, applicationName: 'features' }));
});
