// A paid order whose reservation expires before inventory has handled its confirmation (an
// inventory consumer far behind, as under overload). Inventory's confirmation handler is held
// back with transient failures (retried, then parked: no transaction stays open meanwhile)
// until the order service has handled stock.reservation-expired. The order must still ship:
// not cancelled, not refunded, its stock sold rather than released.
import { eventingTables } from '@eventmart/eventing';
import { InventoryStore } from '@eventmart/service-inventory';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { Api } from './support/api.js';
import {
  admin,
  eventsAbout,
  newCustomer,
  placeOrder,
  stockOf,
  waitForEvents,
  waitForStatus,
} from './support/shop.js';
import { startTestSystem, type TestSystem } from './support/system.js';

// Long enough that placing and paying finish first even on a loaded machine; the confirmation is
// held back until the expiry has been handled, so the order still meets its timer paid.
const TTL_MS = 4_000;

describeWithPostgres('a paid order whose reservation expires before inventory confirms it', () => {
  let database: TestDatabase;
  let shop: TestSystem;
  let api: Api;
  const saved = process.env.INVENTORY_RESERVATION_TTL_MS;

  beforeAll(async () => {
    // Inventory reads its TTL when it starts; the embedded config does not carry it.
    process.env.INVENTORY_RESERVATION_TTL_MS = String(TTL_MS);
    database = await createTestDatabase('expiry');
    shop = await startTestSystem({
      databaseUrl: database.url,
      env: {
        PAYMENT_TIMEOUT_MS: '5000',
        // Quick tries, so that the held-back confirmation goes through soon after it may.
        EVENTMART_RETRY_ATTEMPTS: '2',
        EVENTMART_RETRY_DELAYS_MS: '300,300,300,300,300,300,300,300,300,300,300,300',
      },
    });
    api = new Api(shop.url);
  });

  afterAll(async () => {
    await shop.stop();
    await database.drop();
    if (saved === undefined) delete process.env.INVENTORY_RESERVATION_TTL_MS;
    else process.env.INVENTORY_RESERVATION_TTL_MS = saved;
  });

  /** Whether the order service has handled the reservation's expiry of the order. */
  const expiryHandledByOrder = async (orderId: string): Promise<boolean> => {
    const rows = await sql<{ id: string }>`
      SELECT headers->>'ce_id' AS id FROM eventlog.messages
      WHERE message_key = ${orderId} AND headers->>'ce_type' = 'stock.reservation-expired'`.execute(
      shop.database.db,
    );
    const id = rows.rows[0]?.id;
    if (id === undefined) return false;
    const inbox = await eventingTables(shop.database.db, 'order')
      .selectFrom('inbox')
      .select('status')
      .where('event_id', '=', id)
      .executeTakeFirst();
    return inbox?.status === 'processed';
  };

  it('ships it: nothing cancelled, nothing refunded, the stock sold', async () => {
    const store = shop.system.app.get(InventoryStore, { strict: false });
    const lockOrder = store.lockOrder.bind(store);
    const calls = new Map<string, number>();
    const heldBack = new Set<string>();
    let held = 0;
    // The first call for an order is its reservation; the next is its confirmation, which
    // fails until the order service has handled the expiry.
    vi.spyOn(store, 'lockOrder').mockImplementation(async (tx, orderId) => {
      const call = (calls.get(orderId) ?? 0) + 1;
      calls.set(orderId, call);
      if (call > 1 && heldBack.has(orderId) && !(await expiryHandledByOrder(orderId))) {
        held += 1;
        throw new Error(`inventory is behind on order ${orderId}`);
      }
      return lockOrder(tx, orderId);
    });

    const { api: customer } = await newCustomer(api, 'Ada');
    const before = await stockOf(api, 'BOOK-EIP');
    const order = await placeOrder(customer, [{ sku: 'BOOK-EIP', quantity: 1 }]);
    heldBack.add(order.id);

    await waitForEvents(shop, order.id, ['stock.reservation-expired', 'order.confirmed']);
    await waitForStatus(customer, order.id, ['FULFILLMENT_READY']);
    const shipped = await (await admin(api)).post(`/admin/orders/${order.id}/ship`, {});
    expect(shipped.status).toBe(200);
    await waitForStatus(customer, order.id, ['SHIPPED']);
    await waitForEvents(shop, order.id, ['order.shipped']);

    // Inventory was indeed behind: its confirmation failed while the expiry was handled.
    expect(held).toBeGreaterThan(0);
    const events = await eventsAbout(shop, order.id);
    expect(events).not.toContain('order.cancelled');
    expect(events).not.toContain('stock.released');
    expect(events).not.toContain('payment.refunded');
    expect(events.indexOf('stock.reservation-expired')).toBeLessThan(
      events.indexOf('order.shipped'),
    );
    // Sold, not given back: one unit fewer on the shelf for good.
    await expect.poll(() => stockOf(api, 'BOOK-EIP'), { timeout: 10_000 }).toBe(before - 1);
    const sold = await sql<{ sold: number }>`
      SELECT sold FROM inventory.products WHERE sku = 'BOOK-EIP'`.execute(shop.database.db);
    expect(sold.rows[0]?.sold).toBeGreaterThanOrEqual(1);
  });
});
