// What RetryLaterError promises: a handler that did not try (its dependency is known to be
// down) makes its event wait and come back, without using up its attempts, in key order.
import { OrderPlaced } from '@eventmart/contracts';
import {
  ConsumerRunner,
  encodeEnvelope,
  eventHandler,
  InMemoryTransport,
  newEnvelope,
  RetryLaterError,
  type EventHandler,
  type SqlDatabase,
} from '@eventmart/eventing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countRows,
  createStore,
  effectsPerEvent,
  migrateService,
  orderPlaced,
  SCHEMA,
  waitFor,
  type Store,
  type StoreKind,
} from '../guarantees/fixtures/harness.js';

const fastRetry = { maxAttempts: 3, backoff: { initialMs: 5, maxMs: 20 }, delaysMs: [] };

function placed(subject: string) {
  return encodeEnvelope(
    newEnvelope(OrderPlaced, orderPlaced(subject), { subject, source: 'order' }),
    OrderPlaced.topic,
  );
}

export function retryLaterFeatures(kind: StoreKind): void {
  describe(`RetryLaterError in the consumer on ${kind}`, () => {
    let store: Store;
    let database: SqlDatabase;
    let transport: InMemoryTransport;
    const stoppers: (() => Promise<void>)[] = [];

    beforeEach(async () => {
      store = await createStore(kind);
      database = await store.open();
      await migrateService(database);
      transport = new InMemoryTransport();
    });

    afterEach(async () => {
      for (const stop of stoppers.splice(0).reverse()) await stop();
      await transport.close();
      await database.close();
      await store.drop();
    });

    async function startConsumer(handlers: EventHandler[]): Promise<ConsumerRunner> {
      const runner = new ConsumerRunner({
        service: 'inventory',
        schema: SCHEMA,
        db: database.db,
        transport,
        handlers,
        retry: fastRetry,
      });
      await runner.start();
      stoppers.push(() => runner.stop());
      return runner;
    }

    /** Records its effect, then fails as `behaviour` says for the (n)th call. */
    function recording(behaviour: (call: number, attempt: number) => void): {
      handler: EventHandler;
      calls: { at: number; attempt: number }[];
    } {
      const calls: { at: number; attempt: number }[] = [];
      const handler = eventHandler({
        name: 'guarded',
        event: OrderPlaced,
        handle: async (event, { tx, attempt }) => {
          calls.push({ at: Date.now(), attempt });
          await sql`INSERT INTO ${sql.table(`${SCHEMA}.effects`)} (event_id, handler) VALUES (${event.id}, 'guarded')`.execute(
            tx,
          );
          behaviour(calls.length, attempt);
        },
      });
      return { handler, calls };
    }

    it('waits and tries again for as long as asked, beyond maxAttempts, then applies once', async () => {
      // Seven times "the dependency is down", more than the 3 attempts allowed, then it works.
      const { handler, calls } = recording((call) => {
        if (call <= 7) throw new RetryLaterError(30, 'circuit open');
      });
      const runner = await startConsumer([handler]);
      await transport.publish([placed('o-wait')]);
      await waitFor(() => runner.stats.get('processed') === 1, 'the event to be applied');

      expect(calls).toHaveLength(8);
      // Each wait lasted about what was asked (timers may fire a millisecond early).
      for (let i = 1; i < calls.length; i += 1) {
        expect((calls[i]?.at ?? 0) - (calls[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(28);
      }
      // None of them was an attempt: the handler still sees its first.
      expect(calls.every((call) => call.attempt === 1)).toBe(true);
      expect(runner.stats.get('retries')).toBe(0);
      expect(await countRows(database, 'dead_letters')).toBe(0);
      expect([...(await effectsPerEvent(database)).values()]).toEqual([1]);
    });

    it('counts only the real failures toward maxAttempts', async () => {
      // Fail, wait, wait, fail, wait, then succeed: 3 attempts, the last one allowed.
      const script = ['fail', 'later', 'later', 'fail', 'later', 'ok'];
      const { handler, calls } = recording((call) => {
        const step = script[call - 1];
        if (step === 'later') throw new RetryLaterError(10);
        if (step === 'fail') throw new Error(`transient failure ${String(call)}`);
      });
      const runner = await startConsumer([handler]);
      await transport.publish([placed('o-mixed')]);
      await waitFor(() => runner.stats.get('processed') === 1, 'the third attempt to succeed');

      expect(calls.map((call) => call.attempt)).toEqual([1, 2, 2, 2, 3, 3]);
      expect(runner.stats.get('retries')).toBe(2);
      expect(await countRows(database, 'dead_letters')).toBe(0);
    });

    it("keeps the key's order: later events of the key wait, other keys flow", async () => {
      const order: string[] = [];
      let held = true;
      const handler = eventHandler({
        name: 'ordered',
        event: OrderPlaced,
        handle: (event) => {
          if (event.data.orderId === 'first' && held) {
            return Promise.reject(new RetryLaterError(40, 'dependency down'));
          }
          order.push(event.data.orderId);
          return Promise.resolve();
        },
      });
      await startConsumer([handler]);
      const key = (orderId: string, subject: string) =>
        encodeEnvelope(
          newEnvelope(OrderPlaced, orderPlaced(orderId), { subject, source: 'order' }),
          OrderPlaced.topic,
        );
      await transport.publish([key('first', 'k-1'), key('second', 'k-1'), key('other', 'k-2')]);
      await waitFor(() => order.includes('other'), 'the other key to flow');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(order).toEqual(['other']);
      held = false;
      await waitFor(() => order.length === 3, 'the waiting key to go on');
      expect(order).toEqual(['other', 'first', 'second']);
    });

    it('stops without waiting out the delay, leaving the event for redelivery', async () => {
      const { handler } = recording(() => {
        throw new RetryLaterError(60_000, 'circuit open for a minute');
      });
      const runner = await startConsumer([handler]);
      await transport.publish([placed('o-stop')]);
      await waitFor(async () => {
        // The first call rolled back; the runner is now waiting out its minute.
        return (await countRows(database, 'effects')) === 0 && runner.stats.get('received') === 1;
      }, 'the event to wait');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      await runner.stop();
      expect(Date.now() - started).toBeLessThan(5_000);

      const redelivered: string[] = [];
      await startConsumer([
        eventHandler({
          name: 'guarded',
          event: OrderPlaced,
          handle: (event) => {
            redelivered.push(event.subject);
            return Promise.resolve();
          },
        }),
      ]);
      await waitFor(() => redelivered.includes('o-stop'), 'the unacknowledged event to come back');
      expect(await countRows(database, 'dead_letters')).toBe(0);
    });
  });
}
