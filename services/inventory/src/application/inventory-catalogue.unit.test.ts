import { OrderPlaced } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryHarness, orderPlaced } from '../testing/inventory-harness.fixture.js';

describe('inventory catalogue', () => {
  let database: SqlDatabase;
  let inventory: InventoryHarness;
  const mug = { sku: 'MUG', name: 'Mug', unitPrice: 900, currency: 'EUR', stock: 5 };

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    inventory = await InventoryHarness.start(database);
  });
  afterAll(async () => {
    await inventory.close();
    await database.close();
  });

  it('adds new products with their stock available', async () => {
    await inventory.catalogue.upsert([mug]);
    expect(await inventory.product('MUG')).toEqual({
      sku: 'MUG',
      name: 'Mug',
      unitPrice: 900,
      currency: 'EUR',
      total: 5,
      available: 5,
      reserved: 0,
      sold: 0,
    });
  });

  it('seeded again, updates name and price but keeps the stock and its reservations', async () => {
    await inventory.send(OrderPlaced, orderPlaced('o-1', [{ sku: 'MUG', quantity: 2 }]), 'o-1');
    await inventory.settle();

    await inventory.catalogue.upsert([{ ...mug, name: 'Big mug', unitPrice: 1_100, stock: 50 }]);

    expect(await inventory.product('MUG')).toMatchObject({
      name: 'Big mug',
      unitPrice: 1_100,
      total: 5,
      available: 3,
      reserved: 2,
    });
  });

  it('sets the available units, moving the total and leaving reservations alone', async () => {
    await inventory.catalogue.setStock('MUG', 10);
    expect(await inventory.product('MUG')).toMatchObject({ total: 12, available: 10, reserved: 2 });
  });

  it('rejects an invalid catalogue, an unknown SKU and a negative count', async () => {
    await expect(inventory.catalogue.upsert([{ ...mug, unitPrice: 9.99 }])).rejects.toThrow(
      'expected int',
    );
    await expect(inventory.catalogue.upsert([mug, mug])).rejects.toThrow('a SKU appears twice');
    await expect(inventory.catalogue.setStock('NOPE', 1)).rejects.toThrow('unknown SKU NOPE');
    await expect(inventory.catalogue.setStock('MUG', -1)).rejects.toThrow('available must be');
    expect(await inventory.product('MUG')).toMatchObject({ total: 12, available: 10 });
  });
});
