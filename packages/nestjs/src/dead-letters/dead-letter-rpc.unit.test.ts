import { deadLetterPatterns, OrderPlaced, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
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

/** Records each order, unless the database of record is "down". */
@Injectable()
class RecordOrder {
  broken = true;

  @OnEvent(OrderPlaced, { name: 'record-order', retry: { maxAttempts: 1, delaysMs: [] } })
  async onOrderPlaced(event: EventOf<typeof OrderPlaced>, { tx }: HandlerContext): Promise<void> {
    if (this.broken) throw new Error('database of record is down');
    // Unqualified: the transaction is scoped to the service's schema, on replay too.
    await tx
      .insertInto('orders')
      .values({ id: event.data.orderId, customer_id: event.data.customerId, status: 'recorded' })
      .execute();
  }
}

const shopEventing = EventingModule.forFeature({
  service: 'shop',
  schema: 'shop',
  migrations: [ordersTable],
});

@Module({ imports: [shopEventing], providers: [RecordOrder] })
class ShopModule {}

/** The same feature module imported twice: one service, one set of patterns (it boots). */
@Module({ imports: [shopEventing] })
class ShopReportsModule {}

@Module({ imports: [EventingModule.forFeature({ service: 'quiet', schema: 'quiet' })] })
class QuietModule {}

const shop = deadLetterPatterns('shop');
const actor = 'ops@example.com';

describe('the dead-letter request/response handlers of each service', () => {
  let app: OperatorRpcApp;
  let client: InProcessRpcClient;

  async function deadLetter(orderId: string): Promise<string> {
    await publishOrderPlaced(app.transport, orderId, orderId);
    for (;;) {
      const { items } = await callRpc(client, shop.list, { subject: orderId });
      if (items[0] !== undefined) return items[0].id;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  beforeAll(async () => {
    app = await startOperatorRpcApp([ShopModule, ShopReportsModule, QuietModule]);
    client = app.client;
  });

  afterAll(() => app.close());

  it("answers under the service's own name, about its own dead letters only", async () => {
    const id = await deadLetter('o-1');
    const listed = await callRpc(client, shop.list, {});
    expect(listed).toMatchObject({
      total: 1,
      items: [
        {
          id,
          service: 'shop',
          consumer: 'shop.record-order',
          handler: 'record-order',
          reason: 'retries-exhausted',
          status: 'open',
          eventType: 'order.placed',
          subject: 'o-1',
          error: 'database of record is down',
          attempts: 1,
          resolvedAt: null,
        },
      ],
    });
    expect(await callRpc(client, deadLetterPatterns('quiet').list, {})).toEqual({
      items: [],
      total: 0,
    });
    await expect(callRpc(client, deadLetterPatterns('nobody').list, {})).rejects.toMatchObject({
      kind: 'NO_HANDLER',
    });
  });

  it('inspects one, and answers NOT_FOUND for an id it does not have', async () => {
    const id = await deadLetter('o-2');
    const details = await callRpc(client, shop.get, { id });
    expect(details).toMatchObject({ id, replayable: true, audit: [] });
    expect(details.errorStack).toContain('database of record is down');
    expect(JSON.parse(details.payload)).toMatchObject({ orderId: 'o-2' });
    const missing = callRpc(client, shop.get, { id: '01936f3e-7a9b-7c3d-8e4f-0000000000ff' });
    await expect(missing).rejects.toBeInstanceOf(RpcCallRejected);
    await expect(missing).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
  });

  it('replays through the service handler once fixed, in its schema, and audits each try', async () => {
    const id = await deadLetter('o-3');
    const selection = { ids: [id] };
    const dry = await callRpc(client, shop.replay, { selection, actor, dryRun: true });
    expect(dry.results).toEqual([
      expect.objectContaining({ outcome: 'would-replay', handlers: ['record-order'] }),
    ]);
    const failed = await callRpc(client, shop.replay, { selection, actor });
    expect(failed.results).toEqual([expect.objectContaining({ outcome: 'failed', attempts: 2 })]);

    app.server.get(RecordOrder).broken = false;
    const replayed = await callRpc(client, shop.replay, { selection, actor, note: 'db back' });

    expect(replayed.results).toEqual([expect.objectContaining({ outcome: 'replayed' })]);
    const rows = await sql<{ id: string }>`SELECT id FROM shop.orders`.execute(app.database.db);
    expect(rows.rows).toEqual([{ id: 'o-3' }]);
    const details = await callRpc(client, shop.get, { id });
    expect(details).toMatchObject({ status: 'replayed', resolvedBy: actor });
    expect(details.audit.map((entry) => [entry.outcome, entry.actor, entry.note])).toEqual([
      ['failed', actor, null],
      ['replayed', actor, 'db back'],
    ]);
    app.server.get(RecordOrder).broken = true;
  });

  it('discards by subject', async () => {
    const id = await deadLetter('o-4');
    const report = await callRpc(client, shop.discard, {
      selection: { subject: 'o-4' },
      actor,
      note: 'order cancelled by hand',
    });
    expect(report).toMatchObject({
      service: 'shop',
      action: 'discard',
      dryRun: false,
      results: [{ id, outcome: 'discarded' }],
      missing: [],
    });
    expect(report.operationId).toEqual(expect.any(String));
  });

  it('refuses a request without a selection, an actor, or with a bad page as BAD_REQUEST', async () => {
    for (const call of [
      callRpc(client, shop.replay, { selection: {}, actor }),
      callRpc(client, shop.discard, { selection: { all: true, subject: 'x' }, actor }),
      callRpc(client, shop.discard, { selection: { all: true }, actor: '' } as never),
      callRpc(client, shop.list, { limit: 0 }),
    ]) {
      await expect(call).rejects.toMatchObject({ body: { code: 'BAD_REQUEST' } });
    }
  });
});
