import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { describeWithKafkaMock } from '@eventmart/transport-kafka/testing';
import { afterAll } from 'vitest';
import { sagaFeatures } from '../e2e/saga.features.js';
import { DISTRIBUTED_START_TIMEOUT_MS } from './support/distributed-shop.js';
import { startKafkaShop } from './support/kafka-shop.js';

describeWithPostgres('distributed, on the real PostgreSQL', () => {
  describeWithKafkaMock('and a mock Kafka cluster of three brokers', () => {
    let database: TestDatabase | undefined;
    afterAll(async () => {
      await database?.drop();
    });
    sagaFeatures('distributed: a process per service, Kafka', {
      start: async () => {
        database = await createTestDatabase('dist_kafka');
        return startKafkaShop(database.url);
      },
      startTimeoutMs: DISTRIBUTED_START_TIMEOUT_MS,
    });
  });
});
