import { OrderPlaced } from '@eventmart/contracts';
import { newEnvelope, type SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InventoryHarness, orderPlaced } from '../testing/inventory-harness.fixture.js';

describe('inventory on order.placed', () => {
  let database: SqlDatabase;
  let inventory: InventoryHarness;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    inventory = await InventoryHarness.start(database);
    await inventory.catalogue.upsert([
      { sku: 'BOOK', name: 'Book', unitPrice: 2_000, currency: 'EUR', stock: 10 },
      { sku: 'MUG', name: 'Mug', unitPrice: 900, currency: 'EUR', stock: 3 },
      { sku: 'LAST', name: 'Last one', unitPrice: 5_000, currency: 'EUR', stock: 1 },
    ]);
  });
  afterEach(async () => expect(await inventory.deadLetters()).toEqual([]));
  afterAll(async () => {
    await inventory.close();
    await database.close();
  });

  it('reserves every line and publishes stock.reserved', async () => {
    const lines = [
      { sku: 'MUG', quantity: 1 },
      { sku: 'BOOK', quantity: 2 },
      { sku: 'MUG', quantity: 1 },
    ];
    await inventory.send(OrderPlaced, orderPlaced('o-ok', lines), 'o-ok');
    await inventory.settle();

    expect(await inventory.published('o-ok')).toEqual([
      {
        type: 'stock.reserved',
        subject: 'o-ok',
        data: {
          orderId: 'o-ok',
          lines: [
            { sku: 'BOOK', quantity: 2 },
            { sku: 'MUG', quantity: 2 },
          ],
        },
      },
    ]);
    expect(await inventory.product('BOOK')).toMatchObject({ available: 8, reserved: 2, sold: 0 });
    expect(await inventory.product('MUG')).toMatchObject({ available: 1, reserved: 2, total: 3 });
  });

  it('reserves nothing when one line is short, naming it', async () => {
    const before = await inventory.product('BOOK');
    const lines = [
      { sku: 'BOOK', quantity: 1 },
      { sku: 'MUG', quantity: 5 },
    ];
    await inventory.send(OrderPlaced, orderPlaced('o-short', lines), 'o-short');
    await inventory.settle();

    expect(await inventory.published('o-short')).toEqual([
      {
        type: 'stock.reservation-failed',
        subject: 'o-short',
        data: {
          orderId: 'o-short',
          reason: 'INSUFFICIENT_STOCK',
          shortages: [{ sku: 'MUG', requested: 5, available: 1 }],
        },
      },
    ]);
    expect(await inventory.product('BOOK')).toEqual(before);
  });

  it('fails with UNKNOWN_SKU when a SKU does not exist', async () => {
    const lines = [
      { sku: 'BOOK', quantity: 1 },
      { sku: 'NO-SUCH-SKU', quantity: 1 },
    ];
    await inventory.send(OrderPlaced, orderPlaced('o-unknown', lines), 'o-unknown');
    await inventory.settle();

    const [failed] = await inventory.published('o-unknown');
    expect(failed?.data).toEqual({
      orderId: 'o-unknown',
      reason: 'UNKNOWN_SKU',
      shortages: [{ sku: 'NO-SUCH-SKU', requested: 1, available: 0 }],
    });
  });

  it('changes nothing on a redelivered or re-published order.placed', async () => {
    const data = orderPlaced('o-dup', [{ sku: 'BOOK', quantity: 1 }]);
    const event = await inventory.send(OrderPlaced, data, 'o-dup');
    await inventory.settle();
    const after = await inventory.product('BOOK');

    await inventory.deliver([event, event], OrderPlaced.topic);
    await inventory.send(OrderPlaced, data, 'o-dup');
    await inventory.settle();

    expect(await inventory.product('BOOK')).toEqual(after);
    expect((await inventory.published('o-dup')).map((e) => e.type)).toEqual(['stock.reserved']);
  });

  it('gives the last unit to exactly one of many concurrent orders', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `o-race-${String(i)}`);
    const events = ids.map((id) =>
      newEnvelope(OrderPlaced, orderPlaced(id, [{ sku: 'LAST', quantity: 1 }]), {
        subject: id,
        source: 'test',
      }),
    );
    await inventory.deliver(events, OrderPlaced.topic);
    await inventory.settle();

    const outcomes = (await Promise.all(ids.map((id) => inventory.published(id)))).flat();
    expect(outcomes).toHaveLength(ids.length);
    expect(outcomes.filter((e) => e.type === 'stock.reserved')).toHaveLength(1);
    expect(outcomes.filter((e) => e.type === 'stock.reservation-failed')).toHaveLength(11);
    expect(await inventory.product('LAST')).toMatchObject({ total: 1, available: 0, reserved: 1 });
  });
});
