import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { RpcException } from '@nestjs/microservices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from '../demo-catalogue.js';
import { InventoryHarness } from '../testing/inventory-harness.fixture.js';
import { InventoryRpcController } from './inventory.rpc-controller.js';

async function rpcError(call: Promise<unknown>): Promise<unknown> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof RpcException))
    throw new Error(`expected an RpcException, got ${String(error)}`);
  return error.getError();
}

describe('inventory request/response', () => {
  let database: SqlDatabase;
  let inventory: InventoryHarness;
  let rpc: InventoryRpcController;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    inventory = await InventoryHarness.start(database);
    await inventory.catalogue.upsert(DEMO_CATALOGUE);
    rpc = inventory.app.get(InventoryRpcController);
  });
  afterAll(async () => {
    await inventory.close();
    await database.close();
  });

  it('lists every product with what is available, in SKU order', async () => {
    const products = await rpc.listProducts({});
    expect(products.map((p) => p.sku)).toEqual(DEMO_CATALOGUE.map((p) => p.sku).sort());
    expect(products.find((p) => p.sku === 'MUG-OUTBOX')).toEqual({
      sku: 'MUG-OUTBOX',
      name: 'Mug "I put it in the outbox"',
      unitPrice: 1_290,
      currency: 'EUR',
      available: 60,
    });
  });

  it('answers the products asked for, in the order asked', async () => {
    const products = await rpc.getProducts({
      skus: ['STICKER-KAFKA', 'BOOK-DDD', 'STICKER-KAFKA'],
    });
    expect(products.map((p) => p.sku)).toEqual(['STICKER-KAFKA', 'BOOK-DDD']);
  });

  it('fails with NOT_FOUND naming every unknown SKU', async () => {
    expect(await rpcError(rpc.getProducts({ skus: ['BOOK-DDD', 'NOPE-1', 'NOPE-2'] }))).toEqual({
      code: 'NOT_FOUND',
      message: 'unknown SKU: NOPE-1, NOPE-2',
    });
  });

  it('fails with BAD_REQUEST on an invalid request', async () => {
    expect(await rpcError(rpc.getProducts({ skus: [] }))).toMatchObject({
      code: 'BAD_REQUEST',
      details: [{ field: 'skus' }],
    });
  });

  it('shows a stock count at once', async () => {
    await inventory.catalogue.setStock('POSTER-LAST-ONE', 4);
    const [poster] = await rpc.getProducts({ skus: ['POSTER-LAST-ONE'] });
    expect(poster?.available).toBe(4);
  });
});
