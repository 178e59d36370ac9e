// What durable timers promise: an event published once at (or after) its due time, through the
// outbox, unless cancelled first; kept across restarts; never fired twice by two pollers.
import { OrderPlaced, type Envelope } from '@eventmart/contracts';
import {
  cancelTimer,
  decodeEnvelope,
  EventPublisher,
  eventHandler,
  InMemoryTransport,
  scheduleTimer,
  ServiceEventing,
  TimerPoller,
  timerTables,
  type SqlDatabase,
  type TimerRequest,
} from '@eventmart/eventing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createStore,
  migrateService,
  orderPlaced,
  SCHEMA,
  waitFor,
  type Store,
  type StoreKind,
} from '../guarantees/fixtures/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A timer that fires an order.placed about `subject` in `inMs`. */
function timer(id: string, inMs: number, subject = id): TimerRequest<typeof OrderPlaced> {
  return {
    id,
    subject,
    dueAt: new Date(Date.now() + inMs),
    event: OrderPlaced,
    data: orderPlaced(subject),
  };
}

export function timerFeatures(kind: StoreKind): void {
  describe(`durable timers on ${kind}`, () => {
    let store: Store;
    let database: SqlDatabase;
    let publisher: EventPublisher;
    const stoppers: (() => Promise<void>)[] = [];

    beforeEach(async () => {
      store = await createStore(kind);
      database = await store.open();
      await migrateService(database);
      publisher = new EventPublisher({ service: 'order', schema: SCHEMA, db: database.db });
    });

    afterEach(async () => {
      for (const stop of stoppers.splice(0).reverse()) await stop();
      await database.close();
      await store.drop();
    });

    async function startPoller(db = database, pollIntervalMs = 1_000): Promise<TimerPoller> {
      const poller = new TimerPoller({
        db: db.db,
        schema: SCHEMA,
        service: 'order',
        notifier: db.notifier,
        pollIntervalMs,
      });
      await poller.start();
      stoppers.push(() => poller.stop());
      return poller;
    }

    /** The events in the outbox, decoded, in outbox order. */
    async function outbox(db = database): Promise<Envelope[]> {
      const rows = await db.db
        .withSchema(SCHEMA)
        .selectFrom('outbox')
        .select(['headers', 'payload'])
        .orderBy('seq')
        .execute();
      return rows.map((row: { headers: Record<string, string>; payload: string }) => {
        const decoded = decodeEnvelope({ headers: row.headers, value: row.payload });
        if (!decoded.ok) throw new Error(decoded.error);
        return decoded.envelope;
      });
    }

    const statusOf = async (id: string) =>
      (
        await timerTables(database.db, SCHEMA)
          .selectFrom('timers')
          .select(['status', 'event_id'])
          .where('id', '=', id)
          .executeTakeFirst()
      )?.status;

    it('fires at its due time, not before, in the saga that scheduled it', async () => {
      await startPoller();
      const scheduledAt = Date.now();
      await publisher.unitOfWork(
        (_tx, context) => scheduleTimer(context, SCHEMA, timer('t-due', 400)),
        {
          correlationId: 'request-7',
        },
      );
      await sleep(250);
      expect(await outbox()).toEqual([]);
      await waitFor(async () => (await outbox()).length === 1, 'the timer to fire');
      expect(Date.now() - scheduledAt).toBeGreaterThanOrEqual(400);

      const [fired] = await outbox();
      expect(fired).toMatchObject({
        type: 'order.placed',
        version: 1,
        source: 'order',
        subject: 't-due',
        correlationId: 'request-7',
        causationId: null,
        data: orderPlaced('t-due'),
      });
      const row = await timerTables(database.db, SCHEMA)
        .selectFrom('timers')
        .selectAll()
        .where('id', '=', 't-due')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'fired', event_id: fired?.id });
      expect(row.fired_at?.getTime()).toBeGreaterThanOrEqual(row.due_at.getTime());
    });

    it('never fires a cancelled timer, and cancels only what is still pending', async () => {
      const poller = await startPoller(database, 50);
      await publisher.unitOfWork(async (_tx, context) => {
        await scheduleTimer(context, SCHEMA, timer('t-cancelled', 200));
        await scheduleTimer(context, SCHEMA, timer('t-kept', 200));
      });
      expect(await publisher.unitOfWork((tx) => cancelTimer(tx, SCHEMA, 't-cancelled'))).toBe(true);
      await waitFor(async () => (await statusOf('t-kept')) === 'fired', 'the other timer');
      await sleep(200);
      expect((await outbox()).map((event) => event.subject)).toEqual(['t-kept']);
      expect(await statusOf('t-cancelled')).toBe('cancelled');
      expect(poller.firedCount).toBe(1);
      // Too late for the fired one: its event is on its way, and the caller is told so.
      expect(await publisher.unitOfWork((tx) => cancelTimer(tx, SCHEMA, 't-kept'))).toBe(false);
      expect(await publisher.unitOfWork((tx) => cancelTimer(tx, SCHEMA, 'unknown'))).toBe(false);
    });

    it('schedules nothing when the transaction rolls back, and each id only once', async () => {
      await expect(
        publisher.unitOfWork(async (_tx, context) => {
          await scheduleTimer(context, SCHEMA, timer('t-rolled-back', 0));
          throw new Error('the state change failed');
        }),
      ).rejects.toThrow('the state change failed');
      expect(await statusOf('t-rolled-back')).toBeUndefined();

      const first = await publisher.unitOfWork((_tx, context) =>
        scheduleTimer(context, SCHEMA, timer('t-once', 0)),
      );
      const again = await publisher.unitOfWork((_tx, context) =>
        scheduleTimer(context, SCHEMA, timer('t-once', 0)),
      );
      expect([first, again]).toEqual([true, false]);
      await startPoller();
      await waitFor(async () => (await statusOf('t-once')) === 'fired', 'the timer to fire');
      // Scheduling a fired id again (a handler run twice) fires nothing more.
      await publisher.unitOfWork((_tx, context) =>
        scheduleTimer(context, SCHEMA, timer('t-once', 0)),
      );
      await sleep(200);
      expect((await outbox()).map((event) => event.subject)).toEqual(['t-once']);
    });

    it('refuses data that does not match the event, when scheduling', async () => {
      await expect(
        publisher.unitOfWork((_tx, context) =>
          scheduleTimer(context, SCHEMA, {
            ...timer('t-bad', 0),
            data: { orderId: 'o-1' } as unknown as ReturnType<typeof orderPlaced>,
          }),
        ),
      ).rejects.toThrow(/timer t-bad: invalid order.placed@1 data/);
    });

    it('survives a restart: a timer that fell due while nothing ran fires at the next start', async () => {
      await publisher.unitOfWork((_tx, context) =>
        scheduleTimer(context, SCHEMA, timer('t-restart', 200)),
      );
      await database.close();
      await sleep(400);

      database = await store.open();
      publisher = new EventPublisher({ service: 'order', schema: SCHEMA, db: database.db });
      expect(await outbox()).toEqual([]);
      await startPoller();
      await waitFor(async () => (await outbox()).length === 1, 'the overdue timer');
      await sleep(200);
      expect((await outbox()).map((event) => event.subject)).toEqual(['t-restart']);
    });

    it('lets two pollers run without firing any timer twice', async () => {
      const second = await store.openAnother(database);
      stoppers.push(() => second.close());
      await publisher.unitOfWork(async (_tx, context) => {
        for (let i = 0; i < 150; i += 1) {
          await scheduleTimer(context, SCHEMA, timer(`t-${String(i)}`, 300, `o-${String(i % 10)}`));
        }
      });
      const one = await startPoller(database, 20);
      const two = await startPoller(second, 20);
      await waitFor(() => one.firedCount + two.firedCount >= 150, 'all 150 timers', 30_000);
      await sleep(300);

      const events = await outbox();
      expect(events).toHaveLength(150);
      expect(one.firedCount + two.firedCount).toBe(150);
      expect(new Set(events.map((event) => event.id)).size).toBe(150);
      const fired = await timerTables(database.db, SCHEMA)
        .selectFrom('timers')
        .select(['status', 'event_id'])
        .execute();
      expect(fired.every((row) => row.status === 'fired')).toBe(true);
      expect(new Set(fired.map((row) => row.event_id))).toEqual(new Set(events.map((e) => e.id)));
    });

    it('reaches a handler once, through ServiceEventing (poller, outbox, relay, consumer)', async () => {
      const transport = new InMemoryTransport();
      stoppers.push(() => transport.close());
      const seen: string[] = [];
      const eventing = new ServiceEventing({
        service: 'order',
        schema: SCHEMA,
        database,
        transport,
        relay: { pollIntervalMs: 50 },
        handlers: [
          eventHandler({
            name: 'deadline',
            event: OrderPlaced,
            handle: (event) => {
              seen.push(event.subject);
              return Promise.resolve();
            },
          }),
        ],
      });
      await eventing.start();
      stoppers.push(() => eventing.stop());
      await eventing.publisher.unitOfWork((_tx, context) =>
        scheduleTimer(context, SCHEMA, timer('t-through', 200, 'o-through')),
      );
      await waitFor(() => seen.length === 1, 'the handler to get the timer event');
      await sleep(300);
      expect(seen).toEqual(['o-through']);
      expect(eventing.timers.firedCount).toBe(1);
    });
  });
}
