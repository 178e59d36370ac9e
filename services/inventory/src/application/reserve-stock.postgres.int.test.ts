// On PGlite handlers run one at a time; on PostgreSQL they run at once, and the row locks
// (the order's record first, then products in SKU order) are what keeps stock right.
import { OrderCancelled, OrderPlaced } from '@eventmart/contracts';
import { newEnvelope, type SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  InventoryHarness,
  orderCancelled,
  orderPlaced,
} from '../testing/inventory-harness.fixture.js';

describeWithPostgres('inventory under concurrent handlers on PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: SqlDatabase;
  let inventory: InventoryHarness;
  const SKUS = ['A', 'B', 'C'];

  beforeAll(async () => {
    testDatabase = await createTestDatabase('inventory');
    database = await openDatabase({ url: testDatabase.url, poolSize: 10 });
    inventory = await InventoryHarness.start(database);
    await inventory.catalogue.upsert(
      SKUS.map((sku) => ({ sku, name: sku, unitPrice: 100, currency: 'EUR', stock: 6 })),
    );
  });
  afterAll(async () => {
    await inventory.close();
    await database.close();
    await testDatabase.drop();
  });

  it('oversells nothing and deadlocks never when orders share SKUs in any line order', async () => {
    const orders = Array.from({ length: 40 }, (_, i) => {
      const id = `o-${String(i)}`;
      // Lines in rotating order: locked in that order, these orders would deadlock each other.
      const skus = [...SKUS.slice(i % 3), ...SKUS.slice(0, i % 3)];
      return newEnvelope(
        OrderPlaced,
        orderPlaced(
          id,
          skus.map((sku) => ({ sku, quantity: 1 })),
        ),
        { subject: id, source: 'test' },
      );
    });
    await inventory.deliver(orders, OrderPlaced.topic);
    await inventory.settle(30_000);

    const outcomes = (await inventory.published()).map((event) => event.type);
    expect(outcomes.filter((type) => type === 'stock.reserved')).toHaveLength(6);
    expect(outcomes.filter((type) => type === 'stock.reservation-failed')).toHaveLength(34);
    for (const sku of SKUS) {
      expect(await inventory.product(sku)).toMatchObject({ total: 6, available: 0, reserved: 6 });
    }
    expect(inventory.stats.get('retries')).toBe(0);
    expect(await inventory.deadLetters()).toEqual([]);
  });

  it('ends with nothing held when placed and cancelled race for the same orders', async () => {
    await inventory.catalogue.upsert([
      { sku: 'R', name: 'Race', unitPrice: 100, currency: 'EUR', stock: 100 },
    ]);
    const ids = Array.from({ length: 30 }, (_, i) => `race-${String(i)}`);
    const placed = ids.map((id) =>
      newEnvelope(OrderPlaced, orderPlaced(id, [{ sku: 'R', quantity: 2 }]), {
        subject: id,
        source: 'test',
      }),
    );
    const cancelled = ids.map((id) =>
      newEnvelope(OrderCancelled, orderCancelled(id), { subject: id, source: 'test' }),
    );
    // Half the cancellations go out first; each pair then reaches its handlers at once.
    const half = ids.length / 2;
    await inventory.deliver(cancelled.slice(0, half), OrderCancelled.topic);
    await inventory.deliver(placed, OrderPlaced.topic);
    await inventory.deliver(cancelled.slice(half), OrderCancelled.topic);
    await inventory.settle(30_000);

    expect(await inventory.product('R')).toMatchObject({ total: 100, available: 100, reserved: 0 });
    for (const id of ids) {
      const types = (await inventory.published(id)).map((event) => event.type);
      // Cancelled first: nothing at all. Placed first: reserved, then released.
      expect([[], ['stock.reserved', 'stock.released']]).toContainEqual(types);
    }
    expect(await inventory.deadLetters()).toEqual([]);
  });
});
