import { OrderPlaced, parkedEventPatterns, type EventOf } from '@eventmart/contracts';
import { silentLogger, type HandlerContext, type Logger } from '@eventmart/eventing';
import { callRpc, RpcCallRejected, type InProcessRpcClient } from '@eventmart/nest-rpc';
import { Injectable, Module } from '@nestjs/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventingModule, OnEvent } from '../index.js';
import {
  ordersTable,
  publishOrderPlaced,
  startOperatorRpcApp,
  type OperatorRpcApp,
} from '../operator-rpc.fixture.js';

/** Records each order, unless the database of record is "down"; then the order is parked. */
@Injectable()
class RecordOrder {
  broken = true;

  @OnEvent(OrderPlaced, {
    name: 'record-order',
    retry: { maxAttempts: 1, delaysMs: [60_000, 60_000] },
  })
  async onOrderPlaced(event: EventOf<typeof OrderPlaced>, { tx }: HandlerContext): Promise<void> {
    if (this.broken) throw new Error('database of record is down');
    await tx
      .insertInto('orders')
      .values({ id: event.data.orderId, customer_id: event.data.customerId, status: 'recorded' })
      .execute();
  }
}

@Module({
  imports: [
    EventingModule.forFeature({ service: 'shop', schema: 'shop', migrations: [ordersTable] }),
  ],
  providers: [RecordOrder],
})
class ShopModule {}

@Module({ imports: [EventingModule.forFeature({ service: 'quiet', schema: 'quiet' })] })
class QuietModule {}

const shop = parkedEventPatterns('shop');
const actor = 'ops@example.com';

describe('the parked-event request/response handlers of each service', () => {
  let app: OperatorRpcApp;
  let client: InProcessRpcClient;
  const logged: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  const logger: Logger = {
    ...silentLogger,
    warn: (message, fields) => logged.push({ message, fields }),
  };

  /** Publishes an order.placed keyed `subject`; answers once `count` events of it are parked. */
  async function place(subject: string, orderId: string, count: number) {
    await publishOrderPlaced(app.transport, orderId, subject);
    for (;;) {
      const { items } = await callRpc(client, shop.list, { subject });
      if (items.length >= count) return items;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async function recorded(): Promise<string[]> {
    const rows = await sql<{ id: string }>`SELECT id FROM shop.orders ORDER BY id`.execute(
      app.database.db,
    );
    return rows.rows.map((row) => row.id);
  }

  beforeAll(async () => {
    app = await startOperatorRpcApp([ShopModule, QuietModule], { logger });
    client = app.client;
  });

  afterAll(() => app.close());

  it('lists what is parked, the first of a key with its error and next try, the next behind it', async () => {
    const before = Date.now();
    const [first] = await place('o-1', 'o-1a', 1);
    const [, second] = await place('o-1', 'o-1b', 2);
    expect(first).toMatchObject({
      service: 'shop',
      consumer: 'shop.record-order',
      handler: 'record-order',
      eventType: 'order.placed',
      subject: 'o-1',
      topic: OrderPlaced.topic,
      attempts: 1,
      delayedAttempts: 0,
      error: 'database of record is down',
      blockedBy: null,
    });
    // The first delay, shortened by up to a fifth.
    expect(Date.parse(first?.retryAt ?? '')).toBeGreaterThanOrEqual(before + 48_000);
    expect(first?.firstFailedAt).toEqual(expect.any(String));
    expect(second).toMatchObject({
      attempts: 0,
      firstFailedAt: null,
      error: null,
      blockedBy: first?.seq,
    });
    expect(Number(second?.seq)).toBeGreaterThan(Number(first?.seq));

    expect(await callRpc(client, shop.list, { eventType: 'order.shipped' })).toEqual({
      items: [],
      total: 0,
    });
    const page = await callRpc(client, shop.list, { consumer: 'shop.record-order', limit: 1 });
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.items).toHaveLength(1);
    expect(await callRpc(client, parkedEventPatterns('quiet').list, {})).toEqual({
      items: [],
      total: 0,
    });
  });

  it('shows one with its message, error and stack; NOT_FOUND for a number it does not have', async () => {
    const [parked] = await place('o-2', 'o-2a', 1);
    const details = await callRpc(client, shop.get, { seq: parked?.seq ?? '' });
    expect(details).toMatchObject({ seq: parked?.seq, error: 'database of record is down' });
    expect(details.errorStack).toContain('database of record is down');
    expect(details.headers).toMatchObject({ ce_type: 'order.placed' });
    expect(JSON.parse(details.payload)).toMatchObject({ orderId: 'o-2a' });

    const missing = callRpc(client, shop.get, { seq: '999999' });
    await expect(missing).rejects.toBeInstanceOf(RpcCallRejected);
    await expect(missing).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
  });

  it('retries the first event of a key now, never one behind it, and logs who asked', async () => {
    await place('o-3', 'o-3a', 1);
    const [first, second] = await place('o-3', 'o-3b', 2);
    const behind = await callRpc(client, shop.retryNow, {
      selection: { seq: second?.seq ?? '' },
      actor,
    });
    expect(behind).toEqual({
      service: 'shop',
      results: [
        expect.objectContaining({ seq: second?.seq, outcome: 'behind', blockedBy: first?.seq }),
      ],
    });

    app.server.get(RecordOrder).broken = false;
    const asked = Date.now();
    const report = await callRpc(client, shop.retryNow, {
      selection: { subject: 'o-3' },
      actor,
      note: 'database back',
    });
    expect(report.results).toEqual([
      expect.objectContaining({ seq: first?.seq, outcome: 'due-now', blockedBy: null }),
    ]);
    expect(Date.parse(report.results[0]?.retryAt ?? '')).toBeGreaterThanOrEqual(asked - 1);

    // Both run, the second once the first left the lot, long before the minute it had to wait.
    for (;;) {
      if ((await callRpc(client, shop.list, { subject: 'o-3' })).total === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await recorded()).toEqual(['o-3a', 'o-3b']);
    expect(logged.filter((line) => line.message.startsWith('parked events: retry now'))).toEqual([
      expect.objectContaining({
        fields: expect.objectContaining({
          service: 'shop',
          actor,
          note: null,
          results: [{ seq: second?.seq, outcome: 'behind' }],
        }) as unknown,
      }),
      expect.objectContaining({
        fields: expect.objectContaining({
          actor,
          note: 'database back',
          selection: { subject: 'o-3' },
          results: [{ seq: first?.seq, outcome: 'due-now' }],
        }) as unknown,
      }),
    ]);
    app.server.get(RecordOrder).broken = true;
  });

  it('reports an event already due as such, and answers NOT_FOUND for retrying an unknown one', async () => {
    const [parked] = await place('o-4', 'o-4a', 1);
    await sql`UPDATE shop.parked_events SET retry_at = now() + interval '1 hour' WHERE seq = ${parked?.seq ?? ''}`.execute(
      app.database.db,
    );
    // Made due, tried at once, failed again: its next try is a delay away again.
    const report = await callRpc(client, shop.retryNow, { selection: { subject: 'o-4' }, actor });
    expect(report.results.map((result) => result.outcome)).toEqual(['due-now']);
    for (;;) {
      const [again] = (await callRpc(client, shop.list, { subject: 'o-4' })).items;
      if (again?.attempts === 2) {
        expect(again).toMatchObject({ delayedAttempts: 1, error: 'database of record is down' });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await sql`UPDATE shop.parked_events SET retry_at = now() - interval '1 second' WHERE seq = ${parked?.seq ?? ''}`.execute(
      app.database.db,
    );
    const nothing = await callRpc(client, shop.retryNow, {
      selection: { seq: parked?.seq ?? '' },
      actor,
    });
    expect(nothing.results.map((result) => result.outcome)).toEqual(['already-due']);
    expect(
      await callRpc(client, shop.retryNow, { selection: { subject: 'nobody' }, actor }),
    ).toEqual({
      service: 'shop',
      results: [],
    });
    await expect(
      callRpc(client, shop.retryNow, { selection: { seq: '999999' }, actor }),
    ).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
  });

  it('refuses a request without one selection, an actor, or with a bad number or page as BAD_REQUEST', async () => {
    for (const call of [
      callRpc(client, shop.retryNow, { selection: {}, actor }),
      callRpc(client, shop.retryNow, { selection: { seq: '1', subject: 'o-1' }, actor }),
      callRpc(client, shop.retryNow, { selection: { seq: '1' }, actor: '' }),
      callRpc(client, shop.retryNow, { selection: { seq: '0' }, actor }),
      callRpc(client, shop.get, { seq: 'x' }),
      callRpc(client, shop.list, { limit: 0 }),
    ]) {
      await expect(call).rejects.toMatchObject({ body: { code: 'BAD_REQUEST' } });
    }
  });
});
