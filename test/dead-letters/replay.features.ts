import {
  defineEvent,
  EVENT_CATALOG,
  EventCatalog,
  OrderPlaced,
  Topics,
} from '@eventmart/contracts';
import { encodeEnvelope, eventHandler, newEnvelope } from '@eventmart/eventing';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderPlaced, waitFor, type StoreKind } from '../guarantees/fixtures/harness.js';
import { ACTOR, useDeadLetterShop, type DeadLetterShop } from './fixtures/dead-letter-shop.js';

export function replayFeatures(kind: StoreKind): void {
  describe(`replaying dead letters on ${kind}`, () => {
    const opened = useDeadLetterShop(kind);
    let shop: DeadLetterShop;
    beforeEach(() => {
      shop = opened();
    });

    it('replays a dead letter once the bug is fixed: the effect and its event commit once', async () => {
      const { id, eventId } = await shop.deadLetter('o-fixed');
      expect(await shop.row(id)).toMatchObject({ status: 'open', attempts: 2 });
      shop.broken = undefined;

      const report = await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR });

      expect(report.results).toEqual([
        expect.objectContaining({ id, outcome: 'replayed', handlers: ['reserve'], error: null }),
      ]);
      expect(await shop.effects()).toBe(1);
      expect(await shop.row(id)).toMatchObject({ status: 'replayed', resolved_by: ACTOR });
      expect(await shop.inboxStatus('inventory.reserve', eventId)).toBe('processed');
      const outbox = (await shop.database.db
        .withSchema(shop.schema)
        .selectFrom('outbox')
        .select(['event_type', 'headers'])
        .execute()) as { event_type: string; headers: Record<string, string> }[];
      expect(outbox.map((row) => [row.event_type, row.headers.ce_causationid])).toEqual([
        ['stock.reserved', eventId],
      ]);
      // Neither a redelivery nor a second replay applies it again.
      await shop.transport.publish([
        encodeEnvelope(
          {
            ...newEnvelope(OrderPlaced, orderPlaced('o-fixed'), {
              subject: 'o-fixed',
              source: 'order',
            }),
            id: eventId,
          },
          OrderPlaced.topic,
        ),
      ]);
      await waitFor(
        () => shop.runner.stats.get('duplicates') === 1,
        'the redelivery to be skipped',
      );
      const again = await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR });
      expect(again.results.map((r) => r.outcome)).toEqual(['not-open']);
      expect(await shop.effects()).toBe(1);
    });

    it('does not apply twice an event the consumer meanwhile applied', async () => {
      const { id, eventId } = await shop.deadLetter('o-applied');
      // Another replica, or a hand-made fix, applied it and recorded it processed.
      await sql`UPDATE ${shop.table('inbox')} SET status = 'processed' WHERE event_id = ${eventId}`.execute(
        shop.database.db,
      );
      shop.broken = undefined;

      const dryRun = await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR, dryRun: true });
      const report = await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR });

      expect(dryRun.results.map((r) => r.outcome)).toEqual(['already-applied']);
      expect(report.results.map((r) => r.outcome)).toEqual(['already-applied']);
      expect(await shop.effects()).toBe(0);
      expect(await shop.row(id)).toMatchObject({ status: 'replayed' });
    });

    it('applies a dead letter once when two operators replay it at the same time', async () => {
      const { id } = await shop.deadLetter('o-race');
      shop.broken = undefined;
      const other = shop.storeWith(shop.handlers);
      const reports = await Promise.all([
        shop.deadLetters.replay({ ids: [id] }, { actor: 'ana' }),
        other.replay({ subject: 'o-race' }, { actor: 'bo' }),
      ]);
      const outcomes = reports.flatMap((r) => r.results.map((x) => x.outcome)).sort();
      expect(outcomes.filter((o) => o === 'replayed')).toHaveLength(1);
      expect(await shop.effects()).toBe(1);
    });

    it('keeps a dead letter whose replay fails again, one attempt more, with the new error', async () => {
      const { id, eventId } = await shop.deadLetter('o-still-broken');
      const before = await shop.row(id);
      shop.broken = 'warehouse API still down';

      const report = await shop.deadLetters.replay({ subject: 'o-still-broken' }, { actor: ACTOR });

      expect(report.results).toEqual([
        expect.objectContaining({
          outcome: 'failed',
          error: 'warehouse API still down',
          attempts: 3,
        }),
      ]);
      const after = await shop.row(id);
      expect(after).toMatchObject({
        status: 'open',
        attempts: 3,
        error: 'warehouse API still down',
      });
      expect((after.last_failed_at as Date).getTime()).toBeGreaterThan(
        (before.last_failed_at as Date).getTime(),
      );
      expect(after.first_failed_at).toEqual(before.first_failed_at);
      // The failed replay's effect, event and inbox row rolled back; the mark is back.
      expect(await shop.effects()).toBe(0);
      expect(await shop.inboxStatus('inventory.reserve', eventId)).toBe('dead-lettered');
      const outbox = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM ${shop.table('outbox')}`.execute(shop.database.db);
      expect(outbox.rows[0]?.n).toBe('0');
    });

    it('refuses to replay a message without a valid envelope, and discards it', async () => {
      const { id } = await shop.deadLetter('o-garbage', {
        topic: OrderPlaced.topic,
        key: 'o-garbage',
        headers: { ce_type: 'order.placed' },
        value: '{not json',
      });
      expect(await shop.deadLetters.inspect(id)).toMatchObject({
        reason: 'malformed-json',
        replayable: false,
      });

      const replay = await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR });
      expect(replay.results[0]).toMatchObject({ outcome: 'not-replayable' });
      expect(replay.results[0]?.error).toMatch(/cannot be replayed, only discarded/);
      expect(await shop.row(id)).toMatchObject({ status: 'open', attempts: 1 });

      const discard = await shop.deadLetters.discard({ ids: [id] }, { actor: ACTOR });
      expect(discard.results.map((r) => r.outcome)).toEqual(['discarded']);
    });

    it('replays all open dead letters oldest first, each through its own handler', async () => {
      const placed = await shop.deadLetter('o-seq');
      const cancelled = await shop.cancelled('o-seq');
      shop.broken = undefined;

      const report = await shop.deadLetters.replay({ all: true }, { actor: ACTOR });

      expect(report.results.map((r) => [r.id, r.outcome, r.handlers])).toEqual([
        [placed.id, 'replayed', ['reserve']],
        [cancelled.id, 'replayed', ['release']],
      ]);
      const effects = await sql<{ handler: string }>`
        SELECT handler FROM ${shop.table('effects')} ORDER BY id`.execute(shop.database.db);
      expect(effects.rows.map((row) => row.handler)).toEqual(['reserve', 'release']);
    });

    it('replays an event no handler knew, once a release adds one', async () => {
      const WidgetMade = defineEvent({
        type: 'widget.made',
        version: 1,
        topic: Topics.OrdersNew,
        description: 'An event from a newer release of another service.',
        schema: z.object({ widgetId: z.string() }),
      });
      const envelope = newEnvelope(
        WidgetMade,
        { widgetId: 'w-1' },
        { subject: 'w-1', source: 'factory' },
      );
      const { id } = await shop.deadLetter('w-1', encodeEnvelope(envelope, WidgetMade.topic));
      expect(await shop.row(id)).toMatchObject({
        reason: 'unknown-event',
        consumer: 'inventory',
        handler: null,
      });
      expect(
        (await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR })).results[0],
      ).toMatchObject({
        outcome: 'failed',
        error: 'unknown event type widget.made',
      });

      const made: string[] = [];
      const upgraded = shop.storeWith(
        [
          ...shop.handlers,
          eventHandler({
            name: 'count-widgets',
            event: WidgetMade,
            handle: (event) => {
              made.push(event.data.widgetId);
              return Promise.resolve();
            },
          }),
        ],
        new EventCatalog([...EVENT_CATALOG, WidgetMade]),
      );
      const report = await upgraded.replay({ ids: [id] }, { actor: ACTOR });

      expect(report.results[0]).toMatchObject({ outcome: 'replayed', handlers: ['count-widgets'] });
      expect(made).toEqual(['w-1']);
      expect(await shop.inboxStatus('inventory.count-widgets', envelope.id)).toBe('processed');
      expect(await shop.inboxStatus('inventory', envelope.id)).toBeUndefined();
    });

    it('fails the replay of data its handler still refuses, keeping the dead letter', async () => {
      const good = encodeEnvelope(
        newEnvelope(OrderPlaced, orderPlaced('o-bad-data'), {
          subject: 'o-bad-data',
          source: 'order',
        }),
        OrderPlaced.topic,
      );
      const { id } = await shop.deadLetter('o-bad-data', {
        ...good,
        value: JSON.stringify({ orderId: 'o-bad-data' }),
      });
      shop.broken = undefined;

      const dry = await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR, dryRun: true });
      const report = await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR });

      expect(dry.results[0]).toMatchObject({ outcome: 'would-fail' });
      expect(report.results[0]).toMatchObject({ outcome: 'failed', attempts: 2 });
      expect(report.results[0]?.error).toContain('customerId');
      expect(await shop.row(id)).toMatchObject({
        status: 'open',
        reason: 'invalid-data',
        error_stack: null,
      });
    });
  });
}
