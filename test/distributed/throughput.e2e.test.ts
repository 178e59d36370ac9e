import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { describeWithKafkaMock } from '@eventmart/transport-kafka/testing';
import { afterAll } from 'vitest';
import { startDistributedShop } from './support/distributed-shop.js';
import { startKafkaShop } from './support/kafka-shop.js';
import { throughputFeatures } from './throughput.features.js';

describeWithPostgres('distributed, on the real PostgreSQL', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });
  const fresh = async (): Promise<string> => {
    const database = await createTestDatabase('dist_load');
    databases.push(database);
    return database.url;
  };
  throughputFeatures('Postgres event log', async () =>
    startDistributedShop({ databaseUrl: await fresh() }),
  );
  describeWithKafkaMock('and a mock Kafka cluster of three brokers', () => {
    throughputFeatures('Kafka', async () => startKafkaShop(await fresh()));
  });
});
