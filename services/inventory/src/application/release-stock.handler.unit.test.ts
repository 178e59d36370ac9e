import { OrderCancelled, OrderPlaced } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  InventoryHarness,
  orderCancelled,
  orderPlaced,
} from '../testing/inventory-harness.fixture.js';

describe('inventory on order.cancelled', () => {
  let database: SqlDatabase;
  let inventory: InventoryHarness;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    inventory = await InventoryHarness.start(database);
    await inventory.catalogue.upsert([
      { sku: 'BOOK', name: 'Book', unitPrice: 2_000, currency: 'EUR', stock: 10 },
      { sku: 'PEN', name: 'Pen', unitPrice: 150, currency: 'EUR', stock: 1 },
    ]);
  });
  afterEach(async () => expect(await inventory.deadLetters()).toEqual([]));
  afterAll(async () => {
    await inventory.close();
    await database.close();
  });

  it('returns a held reservation to available stock and publishes stock.released', async () => {
    await inventory.send(OrderPlaced, orderPlaced('o-1', [{ sku: 'BOOK', quantity: 3 }]), 'o-1');
    await inventory.settle();
    expect(await inventory.product('BOOK')).toMatchObject({ available: 7, reserved: 3 });

    await inventory.send(OrderCancelled, orderCancelled('o-1', 'CUSTOMER_REQUEST'), 'o-1');
    await inventory.settle();

    expect(await inventory.product('BOOK')).toMatchObject({ available: 10, reserved: 0, sold: 0 });
    expect((await inventory.published('o-1')).at(-1)).toEqual({
      type: 'stock.released',
      subject: 'o-1',
      data: { orderId: 'o-1', lines: [{ sku: 'BOOK', quantity: 3 }], reason: 'CUSTOMER_REQUEST' },
    });
  });

  it('releases once, however often the cancellation arrives', async () => {
    await inventory.send(OrderPlaced, orderPlaced('o-2', [{ sku: 'BOOK', quantity: 2 }]), 'o-2');
    await inventory.settle();
    const cancel = await inventory.send(OrderCancelled, orderCancelled('o-2'), 'o-2');
    await inventory.settle();
    const after = await inventory.product('BOOK');

    await inventory.deliver([cancel], OrderCancelled.topic);
    await inventory.send(OrderCancelled, orderCancelled('o-2'), 'o-2');
    await inventory.settle();

    expect(await inventory.product('BOOK')).toEqual(after);
    expect((await inventory.published('o-2')).map((e) => e.type)).toEqual([
      'stock.reserved',
      'stock.released',
    ]);
  });

  it('releases nothing for an order whose reservation failed', async () => {
    await inventory.send(OrderPlaced, orderPlaced('o-3', [{ sku: 'PEN', quantity: 2 }]), 'o-3');
    await inventory.settle();
    await inventory.send(OrderCancelled, orderCancelled('o-3', 'OUT_OF_STOCK'), 'o-3');
    await inventory.settle();

    expect(await inventory.product('PEN')).toMatchObject({ available: 1, reserved: 0 });
    expect((await inventory.published('o-3')).map((e) => e.type)).toEqual([
      'stock.reservation-failed',
    ]);
  });

  it('remembers a cancellation that overtook its order.placed, and reserves nothing later', async () => {
    await inventory.send(OrderCancelled, orderCancelled('o-4', 'CUSTOMER_REQUEST'), 'o-4');
    await inventory.settle();
    await inventory.send(OrderPlaced, orderPlaced('o-4', [{ sku: 'PEN', quantity: 1 }]), 'o-4');
    await inventory.settle();

    expect(await inventory.product('PEN')).toMatchObject({ available: 1, reserved: 0 });
    expect(await inventory.published('o-4')).toEqual([]);
  });
});
