import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { describeWithKafkaMock } from '@eventmart/transport-kafka/testing';
import { afterAll } from 'vitest';
import { crashFeatures } from './crash.features.js';
import { startKafkaShop } from './support/kafka-shop.js';

describeWithPostgres('distributed, on the real PostgreSQL', () => {
  describeWithKafkaMock('and a mock Kafka cluster of three brokers', () => {
    const databases: TestDatabase[] = [];
    afterAll(async () => {
      await Promise.all(databases.map((database) => database.drop()));
    });
    const onFreshDatabase = async () => {
      const database = await createTestDatabase('dist_kcrash');
      databases.push(database);
      return startKafkaShop(database.url);
    };
    crashFeatures('Kafka', 'inventory', onFreshDatabase);
    crashFeatures('Kafka', 'payment', onFreshDatabase);
  });
});
