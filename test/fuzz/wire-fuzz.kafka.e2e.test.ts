import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DistributedShop,
  KAFKA_MOCK_SETTINGS,
  settledOnKafka,
  startKafkaMock,
} from '@eventmart/chaos';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { describeWithKafkaMock } from '@eventmart/transport-kafka/testing';
import { afterAll } from 'vitest';
import { DISTRIBUTED_START_TIMEOUT_MS } from '../distributed/support/distributed-shop.js';
import { KafkaRawWire } from './kafka-raw-wire.js';
import { wireFuzzFeatures } from './wire-fuzz.features.js';

// Distributed mode (a process per service) on the real PostgreSQL and a librdkafka mock
// cluster of three brokers; the fuzzer produces with a kafkajs client of its own.
describeWithPostgres('wire fuzz on Kafka (distributed, mock cluster)', () => {
  describeWithKafkaMock('three mock brokers', () => {
    let database: TestDatabase | undefined;
    afterAll(async () => {
      await database?.drop();
    });
    wireFuzzFeatures('kafka', {
      startTimeoutMs: DISTRIBUTED_START_TIMEOUT_MS,
      start: async () => {
        database = await createTestDatabase('fuzz_kafka');
        const cluster = await startKafkaMock();
        try {
          const logFile = join(tmpdir(), `eventmart-fuzz-kafka-${String(Date.now())}.log`);
          const log = createWriteStream(logFile);
          console.info(`the services' output: ${logFile}`);
          const shop = await DistributedShop.start({
            databaseUrl: database.url,
            env: {
              ...KAFKA_MOCK_SETTINGS,
              KAFKA_BROKERS: cluster.brokers.join(','),
              PAYMENT_TIMEOUT_MS: '10000',
            },
            write: (line) => log.write(`${line}\n`),
          });
          const wire = new KafkaRawWire(cluster.brokers);
          return {
            url: shop.url,
            database: shop.database,
            wire,
            settled: () => settledOnKafka(shop.database, cluster.brokers, { timeoutMs: 60_000 }),
            stop: async () => {
              await wire.close();
              await shop.stop();
              await cluster.stop();
              log.end();
            },
          };
        } catch (error) {
          await cluster.stop();
          throw error;
        }
      },
    });
  });
});
