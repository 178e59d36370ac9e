import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTransport } from './open-transport.js';

describe('choosing the transport', () => {
  const url = 'postgres://db/eventmart';
  let database: SqlDatabase;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => {
    await database.close();
  });

  it('is the Postgres event log on the service database when no Kafka is set', async () => {
    const transport = await openTransport({ DATABASE_URL: url }, database, url);
    expect(transport.name).toBe('pg-log');
    await transport.close();
  });

  it('needs a database for the event log without Kafka', async () => {
    await expect(openTransport({}, database, url)).rejects.toThrow('DATABASE_URL is required');
  });

  it('is Kafka when KAFKA_BROKERS is set, configured by the KAFKA_* variables', async () => {
    await expect(openTransport({ KAFKA_BROKERS: 'not-a-broker' }, database, url)).rejects.toThrow(
      "KAFKA_BROKERS: 'not-a-broker' is not host:port",
    );
  });
});
