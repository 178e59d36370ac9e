import { OrderPlaced } from '@eventmart/contracts';
import { InvalidDeadLetterRequest } from '@eventmart/eventing';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreKind } from '../guarantees/fixtures/harness.js';
import { ACTOR, useDeadLetterShop, type DeadLetterShop } from './fixtures/dead-letter-shop.js';

export function triageFeatures(kind: StoreKind): void {
  describe(`listing, discarding and auditing dead letters on ${kind}`, () => {
    const opened = useDeadLetterShop(kind);
    let shop: DeadLetterShop;
    beforeEach(() => {
      shop = opened();
    });

    it('discards: resolved without being applied, and a redelivery stays skipped', async () => {
      const { id, eventId } = await shop.deadLetter('o-discard');
      shop.broken = undefined;

      const report = await shop.deadLetters.discard(
        { subject: 'o-discard' },
        { actor: ACTOR, note: 'customer refunded by hand' },
      );

      expect(report.results.map((r) => [r.id, r.outcome])).toEqual([[id, 'discarded']]);
      expect(await shop.row(id)).toMatchObject({ status: 'discarded', resolved_by: ACTOR });
      expect((await shop.row(id)).resolved_at).toBeInstanceOf(Date);
      expect(await shop.inboxStatus('inventory.reserve', eventId)).toBe('dead-lettered');
      const replay = await shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR });
      expect(replay.results.map((r) => r.outcome)).toEqual(['not-open']);
      expect(await shop.effects()).toBe(0);
    });

    it('changes nothing in a dry run, and says what would happen', async () => {
      const failing = await shop.deadLetter('o-dry');
      const poison = await shop.deadLetter('o-poison', {
        topic: OrderPlaced.topic,
        key: 'o-poison',
        headers: { ce_type: 'order.placed' },
        value: '{not json',
      });
      shop.broken = undefined;
      const before = await shop.snapshot();

      const replay = await shop.deadLetters.replay({ all: true }, { actor: ACTOR, dryRun: true });
      const discard = await shop.deadLetters.discard({ all: true }, { actor: ACTOR, dryRun: true });

      expect(await shop.snapshot()).toEqual(before);
      expect(replay).toMatchObject({ dryRun: true, operationId: null });
      expect(replay.results.map((r) => [r.id, r.outcome])).toEqual([
        [failing.id, 'would-replay'],
        [poison.id, 'not-replayable'],
      ]);
      expect(discard.results.map((r) => r.outcome)).toEqual(['would-discard', 'would-discard']);
    });

    it('audits every replay and discard: who, when, what was selected, and the outcome', async () => {
      const a = await shop.deadLetter('o-audit-a');
      const b = await shop.deadLetter('o-audit-b');
      shop.broken = undefined;
      const replay = await shop.deadLetters.replay(
        { eventType: 'order.placed' },
        { actor: ACTOR, note: 'fix deployed' },
      );
      await shop.deadLetters.replay({ all: true }, { actor: ACTOR, dryRun: true });
      const discard = await shop.deadLetters.discard(
        { ids: [a.id] },
        { actor: 'bo', note: 'late' },
      );

      const audit = await shop.audit();
      expect(audit.map((row) => [row.dead_letter_id, row.action, row.outcome, row.actor])).toEqual([
        [a.id, 'replay', 'replayed', ACTOR],
        [b.id, 'replay', 'replayed', ACTOR],
        [a.id, 'discard', 'not-open', 'bo'],
      ]);
      expect(audit[0]).toMatchObject({
        operation_id: replay.operationId,
        selection: { eventType: 'order.placed' },
        note: 'fix deployed',
        error: null,
      });
      expect(audit[2]).toMatchObject({
        operation_id: discard.operationId,
        selection: { ids: [a.id] },
      });
      expect(audit[0]?.at).toBeInstanceOf(Date);
      const details = await shop.deadLetters.inspect(a.id);
      expect(details?.audit.map((entry) => [entry.action, entry.outcome])).toEqual([
        ['replay', 'replayed'],
        ['discard', 'not-open'],
      ]);
    });

    it('writes the audit entry in the transaction of the action: no audit, no effect', async () => {
      const { id, eventId } = await shop.deadLetter('o-atomic');
      shop.broken = undefined;
      await sql`ALTER TABLE ${shop.table('dead_letter_audit')} RENAME TO audit_away`.execute(
        shop.database.db,
      );

      await expect(shop.deadLetters.replay({ ids: [id] }, { actor: ACTOR })).rejects.toThrow();

      await sql`ALTER TABLE ${shop.table('audit_away')} RENAME TO dead_letter_audit`.execute(
        shop.database.db,
      );
      expect(await shop.effects()).toBe(0);
      expect(await shop.row(id)).toMatchObject({ status: 'open', attempts: 2 });
      expect(await shop.inboxStatus('inventory.reserve', eventId)).toBe('dead-lettered');
    });

    it('selects by ids, by subject, by event type, or all; open ones only unless named by id', async () => {
      const placedA = await shop.deadLetter('o-a');
      const placedB = await shop.deadLetter('o-b');
      const cancelledA = await shop.cancelled('o-a');
      await shop.deadLetters.discard({ ids: [placedB.id] }, { actor: ACTOR });
      const unknown = '01936f3e-7a9b-7c3d-8e4f-0000000000ff';
      const dry = { actor: ACTOR, dryRun: true };
      const picked = async (selection: Parameters<typeof shop.deadLetters.replay>[0]) => {
        const report = await shop.deadLetters.replay(selection, dry);
        return { ids: report.results.map((r) => r.id), missing: report.missing };
      };

      expect(await picked({ ids: [placedB.id, placedA.id, unknown, 'not-a-uuid'] })).toEqual({
        ids: [placedA.id, placedB.id],
        missing: [unknown, 'not-a-uuid'],
      });
      expect(await picked({ subject: 'o-a' })).toEqual({
        ids: [placedA.id, cancelledA.id],
        missing: [],
      });
      expect(await picked({ subject: 'o-b' })).toEqual({ ids: [], missing: [] });
      expect(await picked({ eventType: 'order.cancelled' })).toEqual({
        ids: [cancelledA.id],
        missing: [],
      });
      expect(await picked({ subject: 'o-a', eventType: 'order.placed' })).toEqual({
        ids: [placedA.id],
        missing: [],
      });
      expect(await picked({ all: true })).toEqual({
        ids: [placedA.id, cancelledA.id],
        missing: [],
      });
      const byId = await shop.deadLetters.replay({ ids: [placedB.id] }, dry);
      expect(byId.results.map((r) => r.outcome)).toEqual(['not-open']);

      for (const bad of [{}, { all: true, subject: 'o-a' }, { ids: [] }, { all: false }]) {
        await expect(shop.deadLetters.replay(bad, dry), JSON.stringify(bad)).rejects.toThrow(
          InvalidDeadLetterRequest,
        );
      }
      await expect(shop.deadLetters.discard({ all: true }, { actor: ' ' })).rejects.toThrow(
        /actor/,
      );
    });

    it('lists with filters and pages, newest first, and inspects one with everything stored', async () => {
      shop.broken = 'refused: order total does not match its lines';
      const first = await shop.deadLetter('o-list-1');
      const second = await shop.deadLetter('o-list-2');
      const third = await shop.cancelled('o-list-1');
      await shop.deadLetters.discard({ ids: [second.id] }, { actor: ACTOR });
      const ids = async (filter: Parameters<typeof shop.deadLetters.list>[0], page = {}) =>
        (await shop.deadLetters.list(filter, page)).items.map((item) => item.id);

      expect(await ids({})).toEqual([third.id, second.id, first.id]);
      expect(await ids({ subject: 'o-list-1' })).toEqual([third.id, first.id]);
      expect(await ids({ eventType: 'order.cancelled' })).toEqual([third.id]);
      expect(await ids({ consumer: 'inventory.reserve' })).toEqual([second.id, first.id]);
      expect(await ids({ handler: 'release' })).toEqual([third.id]);
      expect(await ids({ reason: 'permanent-error', status: 'open' })).toEqual([
        third.id,
        first.id,
      ]);
      expect(await ids({ status: 'discarded' })).toEqual([second.id]);
      expect(await shop.deadLetters.list({}, { limit: 2, offset: 1 })).toMatchObject({
        items: [{ id: second.id }, { id: first.id }],
        total: 3,
      });
      await expect(shop.deadLetters.list({}, { limit: 0 })).rejects.toThrow(
        InvalidDeadLetterRequest,
      );

      const details = await shop.deadLetters.inspect(first.id);
      expect(details).toMatchObject({
        id: first.id,
        service: 'inventory',
        consumer: 'inventory.reserve',
        handler: 'reserve',
        reason: 'permanent-error',
        status: 'open',
        eventId: first.eventId,
        eventType: 'order.placed',
        eventVersion: 1,
        subject: 'o-list-1',
        topic: OrderPlaced.topic,
        error: 'refused: order total does not match its lines',
        attempts: 1,
        replayable: true,
        audit: [],
      });
      const ceId = details?.raw.headers.find((header) => header.name === 'ce_id')?.value;
      expect(new TextDecoder().decode(ceId ?? undefined)).toBe(first.eventId);
      const body = new TextDecoder().decode(details?.raw.value ?? undefined);
      expect(JSON.parse(body)).toMatchObject({ orderId: 'o-list-1' });
      expect(details?.errorStack).toContain('PermanentError');
      expect(
        await shop.deadLetters.inspect('01936f3e-7a9b-7c3d-8e4f-0000000000ff'),
      ).toBeUndefined();
      expect(await shop.deadLetters.inspect('nope')).toBeUndefined();
    });
  });
}
