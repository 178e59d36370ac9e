import { deadLetterPatterns, parkedEventPatterns, Topics } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { callRpc } from '@eventmart/nest-rpc';
import { openDatabase } from '@eventmart/postgres';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import type { LoggerService } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadServiceConfig } from '../config/service-config.js';
import { openTransport } from './open-transport.js';
import type { RunningProcess } from './running-process.js';
import { startService } from './start-service.js';

const quiet: LoggerService = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

// The payment process as distributed mode runs it, asked over TCP as the gateway asks it.
describeWithPostgres('the payment process of distributed mode', () => {
  let database: TestDatabase;
  let payment: RunningProcess;
  let client: ClientProxy;
  let own: SqlDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('dist_payment_rpc');
    const env = { DATABASE_URL: database.url, PAYMENT_RPC_PORT: '0' };
    payment = await startService(loadServiceConfig('payment', env), quiet);
    const port = Number(/^rpc tcp:\/\/127\.0\.0\.1:(\d+)$/.exec(payment.serves)?.[1]);
    client = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port },
    });
    own = await openDatabase({ url: database.url, poolSize: 2 });
    // A record no producer of ours would write: payment keeps it as a dead letter.
    const transport = await openTransport(env, own, database.url);
    await transport.publish([
      { topic: Topics.StockReserved, key: 'order-1', headers: {}, value: 'not json' },
    ]);
    await transport.close();
  }, 60_000);

  afterAll(async () => {
    await client.close();
    await payment.close();
    await own.close();
    await database.drop();
  });

  it('serves its dead letters and parked events on its RPC port', async () => {
    const patterns = deadLetterPatterns('payment');
    const deadline = Date.now() + 20_000;
    let page = await callRpc(client, patterns.list, {});
    while (page.total === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      page = await callRpc(client, patterns.list, {});
    }
    expect(page.items).toMatchObject([
      { service: 'payment', topic: Topics.StockReserved, status: 'open' },
    ]);
    const parked = await callRpc(client, parkedEventPatterns('payment').list, {});
    expect(parked).toEqual({ items: [], total: 0 });
  });
});
