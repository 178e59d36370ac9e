import { OrderCancelled, OrderPlaced, OrderShipped } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  InventoryHarness,
  orderCancelled,
  orderPlaced,
  orderShipped,
} from '../testing/inventory-harness.fixture.js';

describe('inventory on order.shipped', () => {
  let database: SqlDatabase;
  let inventory: InventoryHarness;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    inventory = await InventoryHarness.start(database);
    await inventory.catalogue.upsert([
      { sku: 'LAMP', name: 'Lamp', unitPrice: 3_500, currency: 'EUR', stock: 5 },
    ]);
  });
  afterEach(async () => expect(await inventory.deadLetters()).toEqual([]));
  afterAll(async () => {
    await inventory.close();
    await database.close();
  });

  it('turns the reserved units into sold ones, once', async () => {
    await inventory.send(OrderPlaced, orderPlaced('o-1', [{ sku: 'LAMP', quantity: 2 }]), 'o-1');
    await inventory.settle();
    const shipped = await inventory.send(OrderShipped, orderShipped('o-1'), 'o-1');
    await inventory.settle();
    expect(await inventory.product('LAMP')).toMatchObject({
      total: 5,
      available: 3,
      reserved: 0,
      sold: 2,
    });

    await inventory.deliver([shipped], OrderShipped.topic);
    await inventory.send(OrderShipped, orderShipped('o-1'), 'o-1');
    await inventory.settle();
    expect(await inventory.product('LAMP')).toMatchObject({ available: 3, reserved: 0, sold: 2 });
    // Nobody needs to hear about it: order.shipped already told the saga.
    expect((await inventory.published('o-1')).map((e) => e.type)).toEqual(['stock.reserved']);
  });

  it('keeps sold units sold when a cancellation comes after shipping', async () => {
    await inventory.send(OrderPlaced, orderPlaced('o-2', [{ sku: 'LAMP', quantity: 1 }]), 'o-2');
    await inventory.settle();
    await inventory.send(OrderShipped, orderShipped('o-2'), 'o-2');
    await inventory.settle();
    await inventory.send(OrderCancelled, orderCancelled('o-2', 'CUSTOMER_REQUEST'), 'o-2');
    await inventory.settle();

    expect(await inventory.product('LAMP')).toMatchObject({ available: 2, reserved: 0, sold: 3 });
    expect((await inventory.published('o-2')).map((e) => e.type)).toEqual(['stock.reserved']);
  });

  it('sells nothing for an order that holds no stock', async () => {
    await inventory.send(OrderPlaced, orderPlaced('o-3', [{ sku: 'LAMP', quantity: 9 }]), 'o-3');
    await inventory.settle();
    await inventory.send(OrderShipped, orderShipped('o-3'), 'o-3');
    await inventory.settle();

    expect(await inventory.product('LAMP')).toMatchObject({ available: 2, reserved: 0, sold: 3 });
  });
});
