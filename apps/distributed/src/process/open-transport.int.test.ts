import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { describeWithKafkaMock, KafkaMockCluster } from '@eventmart/transport-kafka/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTransport } from './open-transport.js';

describeWithPostgres('the transport of a service process, on PostgreSQL', () => {
  let service: TestDatabase;
  let log: TestDatabase;
  let database: SqlDatabase;

  beforeAll(async () => {
    [service, log] = await Promise.all([
      createTestDatabase('dist_svc'),
      createTestDatabase('dist_log'),
    ]);
    database = await openDatabase({ url: service.url });
  });
  afterAll(async () => {
    await database.close();
    await Promise.all([service.drop(), log.drop()]);
  });

  it('puts the event log on EVENTLOG_DATABASE_URL when it is another database', async () => {
    const env = { DATABASE_URL: service.url, EVENTLOG_DATABASE_URL: log.url };
    const transport = await openTransport(env, database, service.url);
    await transport.publish([{ topic: 'orders.new', key: 'o-1', headers: {}, value: '{}' }]);
    await transport.close();
    const elsewhere = await openDatabase({ url: log.url });
    try {
      const rows = await sql<{ n: number }>`
        SELECT count(*)::integer AS n FROM eventlog.messages`.execute(elsewhere.db);
      expect(rows.rows[0]?.n).toBe(1);
    } finally {
      await elsewhere.close();
    }
    const schemas = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM pg_namespace WHERE nspname = 'eventlog'`.execute(
      database.db,
    );
    expect(schemas.rows[0]?.n).toBe(0);
  });

  describeWithKafkaMock('with a Kafka cluster', () => {
    it('is Kafka when KAFKA_BROKERS is set', async () => {
      const cluster = await KafkaMockCluster.start({ brokers: 1 });
      try {
        // The mock cluster takes topics from its helper, and has no idempotent producer.
        await cluster.createTopic('orders.new', 2);
        const env = {
          DATABASE_URL: service.url,
          KAFKA_BROKERS: cluster.bootstrap,
          KAFKA_IDEMPOTENT: 'false',
          KAFKA_PROVISION_TOPICS: 'false',
        };
        const transport = await openTransport(env, database, service.url);
        expect(transport.name).toBe('kafka');
        await transport.publish([{ topic: 'orders.new', key: 'o-1', headers: {}, value: '{}' }]);
        await transport.close();
      } finally {
        await cluster.stop();
      }
    });
  });
});
