import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTING_TRANSPORT } from '@eventmart/nestjs';
import type { Transport } from '@eventmart/eventing';
import { Api } from './support/api.js';
import {
  admin,
  newCustomer,
  placeOrder,
  waitForConsumersToCatchUp,
  waitForStatus,
} from './support/shop.js';
import { startTestSystem, type TestSystem } from './support/system.js';

/** What a customer, the warehouse and the accountant would see of the shop. */
async function observable(shop: TestSystem, customers: Api[], api: Api): Promise<unknown> {
  const orders = await Promise.all(customers.map(async (c) => (await c.get('/orders')).body));
  const products = (await api.get('/products')).body;
  const mails = await Promise.all(
    customers.map(async (c) => (await c.get<unknown[]>('/mailbox')).body.length),
  );
  const eventIds = await sql<{
    n: string;
  }>`SELECT count(DISTINCT headers->>'ce_id') AS n FROM eventlog.messages`.execute(
    shop.database.db,
  );
  const deadLetters = await sql<{ n: string }>`
    SELECT (SELECT count(*) FROM "order".dead_letters) + (SELECT count(*) FROM inventory.dead_letters)
         + (SELECT count(*) FROM payment.dead_letters) + (SELECT count(*) FROM notification.dead_letters)
         + (SELECT count(*) FROM fulfillment.dead_letters) AS n`.execute(shop.database.db);
  return {
    orders,
    products,
    mails,
    events: eventIds.rows[0]?.n,
    deadLetters: deadLetters.rows[0]?.n,
  };
}

describe('a duplicate delivery of every event changes nothing (embedded)', () => {
  let shop: TestSystem;
  let api: Api;

  beforeAll(async () => {
    shop = await startTestSystem();
    api = new Api(shop.url);
  });

  afterAll(async () => {
    await shop.stop();
  });

  it('re-publishing the whole event log leaves orders, stock, e-mails and events as they were', async () => {
    const { api: customer } = await newCustomer(api, 'Grace');
    const shipped = await placeOrder(customer, [{ sku: 'BOOK-DDD', quantity: 1 }]);
    const declined = await placeOrder(
      customer,
      [{ sku: 'MUG-OUTBOX', quantity: 1 }],
      'tok_chargeDeclined',
    );
    const unstocked = await placeOrder(customer, [{ sku: 'BOOK-EIP', quantity: 1_000 }]);
    const cancelled = await placeOrder(customer, [{ sku: 'TSHIRT-SAGA-M', quantity: 1 }]);
    await waitForStatus(customer, shipped.id, ['FULFILLMENT_READY']);
    await (await admin(api)).post(`/admin/orders/${shipped.id}/ship`, {});
    await waitForStatus(customer, cancelled.id, ['FULFILLMENT_READY']);
    await customer.post(`/orders/${cancelled.id}/cancel`, {});
    for (const order of [declined, unstocked, cancelled])
      await waitForStatus(customer, order.id, ['CANCELLED']);
    await waitForStatus(customer, shipped.id, ['SHIPPED']);
    await waitForConsumersToCatchUp(shop);
    const before = await observable(shop, [customer], api);

    const log = await sql<{
      topic: string;
      message_key: string;
      headers: Record<string, string>;
      payload: string;
    }>`
      SELECT topic, message_key, headers, payload FROM eventlog.messages ORDER BY tx_id, seq`.execute(
      shop.database.db,
    );
    const types = new Set(log.rows.map((row) => row.headers.ce_type));
    for (const type of [
      'user.registered',
      'order.placed',
      'stock.reserved',
      'stock.reservation-failed',
      'stock.released',
      'payment.succeeded',
      'payment.failed',
      'payment.refunded',
      'order.confirmed',
      'order.cancelled',
      'fulfillment.ready',
      'order.shipped',
      'email.sent',
    ]) {
      expect(types, `the log has a ${type} to duplicate`).toContain(type);
    }
    const transport = shop.system.app.get<Transport>(EVENTING_TRANSPORT);
    await transport.publish(
      log.rows.map((row) => ({
        topic: row.topic,
        key: row.message_key,
        headers: row.headers,
        value: row.payload,
      })),
    );
    await waitForConsumersToCatchUp(shop);

    expect(await observable(shop, [customer], api)).toEqual(before);
  });
});
