import type { SqlDatabase, Tx } from '@eventmart/eventing';
import { migrate, openDatabase } from '@eventmart/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../application/order-event-store.port.js';
import type { OrderView } from '../application/order-read-model.port.js';
import type { OrderEvent } from '../domain/index.js';
import { ORDER_MIGRATIONS_DIR } from '../order.module.js';
import { KyselyOrderEventStore } from './kysely-order-event-store.js';
import { KyselyOrderReadModel } from './kysely-order-read-model.js';
import { orderTables } from './order.tables.js';

const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: {
    orderId: 'order-1',
    customerId: 'customer-1',
    lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 }],
    total: 3_000,
    currency: 'EUR',
  },
};
const reserved: OrderEvent = {
  type: 'StockReserved',
  data: { lines: [{ sku: 'BOOK-1', quantity: 2 }] },
};
const at = (iso: string) => ({
  recordedAt: new Date(iso),
  correlationId: 'c-1',
  causationId: null,
});

describe('the order tables', () => {
  let database: SqlDatabase;
  const store = new KyselyOrderEventStore();
  const readModel = new KyselyOrderReadModel();
  const db = () => database.db.withSchema('order');
  const inTx = <T>(work: (tx: Tx) => Promise<T>) =>
    database.db.transaction().execute((tx) => work(tx.withSchema('order')));

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database.db, {
      schema: 'order',
      sets: [{ name: 'order', directory: ORDER_MIGRATIONS_DIR }],
    });
    await inTx(async (tx) => {
      await store.append(tx, 'order-1', 0, [placed], at('2030-01-01T10:00:00.000Z'));
      await store.append(tx, 'order-1', 1, [reserved], at('2030-01-01T10:05:00.000Z'));
    });
  });
  afterAll(() => database.close());

  it('gives a stream back in version order, as stored', async () => {
    const stream = await store.load(db(), 'order-1');
    expect(stream.map(({ version, event }) => ({ version, event }))).toEqual([
      { version: 1, event: placed },
      { version: 2, event: reserved },
    ]);
    expect(stream[1]).toMatchObject({
      recordedAt: new Date('2030-01-01T10:05:00.000Z'),
      correlationId: 'c-1',
      causationId: null,
    });
    expect(await store.load(db(), 'order-unknown')).toEqual([]);
  });

  it('gives the events recorded up to a time', async () => {
    const until = (iso: string) => store.load(db(), 'order-1', { asOf: new Date(iso) });
    expect(await until('2030-01-01T09:59:59.999Z')).toEqual([]);
    expect((await until('2030-01-01T10:00:00.000Z')).map((r) => r.version)).toEqual([1]);
    expect((await until('2030-01-01T10:05:00.000Z')).map((r) => r.version)).toEqual([1, 2]);
  });

  it('refuses a version taken by another writer, and the transaction goes on', async () => {
    const kept = await inTx(async (tx) => {
      await expect(
        store.append(tx, 'order-1', 1, [reserved], at('2030-01-01T11:00:00.000Z')),
      ).rejects.toThrow(new ConcurrencyError('order-1', 1));
      // Still usable: what the handler does next commits.
      return store.append(
        tx,
        'order-1',
        2,
        [{ type: 'OrderConfirmed', data: {} }],
        at('2030-01-01T11:00:00.000Z'),
      );
    });
    expect(kept.map((r) => r.version)).toEqual([3]);
    expect((await store.load(db(), 'order-1')).map((r) => r.event.type)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'OrderConfirmed',
    ]);
  });

  it('passes any other failure on, as it is', async () => {
    await inTx(async (tx) => {
      const failure = store.append(tx, 'order-2', -1, [placed], at('2030-01-01T10:00:00.000Z'));
      await expect(failure).rejects.toThrow(/order_events_version_check/);
      await expect(failure).rejects.not.toBeInstanceOf(ConcurrencyError);
      expect(await store.load(tx, 'order-2')).toEqual([]);
    });
  });

  it('refuses to read an event type it does not know', async () => {
    await orderTables(db())
      .insertInto('order_events')
      .values({
        stream_id: 'order-3',
        version: 1,
        type: 'OrderTeleported',
        data: '{}',
        recorded_at: new Date(),
        event_id: '01900000-0000-7000-8000-000000000001',
        correlation_id: null,
        causation_id: null,
      })
      .execute();
    await expect(store.load(db(), 'order-3')).rejects.toThrow(
      'order order-3 has an event of unknown type OrderTeleported',
    );
  });

  describe('the read model', () => {
    const view = (version: number, status: OrderView['status']): OrderView => ({
      id: 'order-9',
      customerId: 'customer-9',
      status,
      lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 }],
      total: 3_000,
      currency: 'EUR',
      cancellationReason: null,
      cancellationDetail: null,
      version,
      placedAt: '2030-01-01T10:00:00.000Z',
      updatedAt: `2030-01-01T10:0${String(version)}:00.000Z`,
    });

    it('keeps the newest version of a row, whatever order the writes come in', async () => {
      await inTx((tx) => readModel.save(tx, view(1, 'PLACED')));
      await inTx((tx) => readModel.save(tx, view(3, 'CONFIRMED')));
      await inTx((tx) => readModel.save(tx, view(2, 'STOCK_RESERVED')));
      expect(await readModel.find(db(), 'order-9')).toEqual(view(3, 'CONFIRMED'));
    });

    it('reads totals beyond 32 bits back as numbers', async () => {
      const large = { ...view(1, 'PLACED'), id: 'order-10', total: 9_000_000_000 };
      await inTx((tx) => readModel.save(tx, large));
      expect(await readModel.find(db(), 'order-10')).toEqual(large);
    });
  });
});
