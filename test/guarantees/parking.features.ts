import { OrderPlaced, type Envelope } from '@eventmart/contracts';
import {
  ConsumerRunner,
  encodeEnvelope,
  eventHandler,
  InMemoryTransport,
  newEnvelope,
  PermanentError,
  type OutgoingMessage,
  type RetryPolicy,
  type SqlDatabase,
} from '@eventmart/eventing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createStore,
  migrateService,
  orderPlaced,
  SCHEMA,
  waitFor,
  type Store,
  type StoreKind,
} from './fixtures/harness.js';

/** Two quick tries in place, then delayed tries 100 ms apart (many: nothing dead-letters). */
const PARKING: RetryPolicy = {
  maxAttempts: 2,
  backoff: { initialMs: 5, maxMs: 10, jitter: 'none' },
  delaysMs: Array<number>(50).fill(100),
};

interface Published {
  readonly envelope: Envelope;
  readonly message: OutgoingMessage;
}

/** An order.placed for `subject`, labelled so the test can tell events of one key apart. */
function event(subject: string, label: string): Published {
  const envelope = newEnvelope(OrderPlaced, orderPlaced(label), { subject, source: 'order' });
  return { envelope, message: encodeEnvelope(envelope, OrderPlaced.topic) };
}

export function parkingFeatures(kind: StoreKind): void {
  describe(`delayed retries that keep per-key order, on ${kind}`, () => {
    let store: Store;
    let database: SqlDatabase;
    let transport: InMemoryTransport;
    const stoppers: (() => Promise<void>)[] = [];
    /** Subjects (or order ids) whose handler fails while they are in the set. */
    let broken: Set<string>;
    let permanent: Set<string>;

    beforeEach(async () => {
      store = await createStore(kind);
      database = await store.open();
      await migrateService(database);
      transport = new InMemoryTransport();
      broken = new Set();
      permanent = new Set();
    });

    afterEach(async () => {
      for (const stop of stoppers.splice(0).reverse()) await stop();
      await transport.close();
      await database.close();
      await store.drop();
    });

    /** The handler: an effect row labelled with the order id, unless its subject is broken. */
    const recorder = eventHandler({
      name: 'record',
      event: OrderPlaced,
      handle: async (placed, { tx }) => {
        await sql`INSERT INTO ${sql.table(`${SCHEMA}.effects`)} (event_id, handler) VALUES (${placed.id}, ${placed.data.orderId})`.execute(
          tx,
        );
        if (permanent.has(placed.subject)) throw new PermanentError(`${placed.subject} is refused`);
        if (broken.has(placed.subject) || broken.has(placed.data.orderId))
          throw new Error(`${placed.data.orderId} failed`);
      },
    });

    async function startConsumer(
      retry: RetryPolicy = PARKING,
      db: SqlDatabase = database,
    ): Promise<ConsumerRunner> {
      const runner = new ConsumerRunner({
        service: 'inventory',
        schema: SCHEMA,
        db: db.db,
        transport,
        handlers: [recorder],
        retry,
        parkingPollIntervalMs: 20,
      });
      await runner.start();
      stoppers.push(() => runner.stop());
      return runner;
    }

    /** The labels of the applied effects, in the order they committed. */
    async function applied(): Promise<string[]> {
      const rows = await sql<{ handler: string }>`
        SELECT handler FROM ${sql.table(`${SCHEMA}.effects`)} ORDER BY id`.execute(database.db);
      return rows.rows.map((row) => row.handler);
    }

    async function parked(): Promise<{ key: string; label: string; attempts: number }[]> {
      const rows = await sql<{ ordering_key: string; payload: string; attempts: number }>`
        SELECT ordering_key, convert_from(record_value, 'UTF8') AS payload, attempts
        FROM ${sql.table(`${SCHEMA}.parked_events`)}
        ORDER BY seq`.execute(database.db);
      return rows.rows.map((row) => ({
        key: row.ordering_key,
        label: (JSON.parse(row.payload) as { orderId: string }).orderId,
        attempts: row.attempts,
      }));
    }

    it('parks a failing event, lets other keys flow, parks later events of its key behind it and releases them in order', async () => {
      broken.add('k');
      const runner = await startConsumer();
      await transport.publish(
        [
          event('k', 'k1'),
          event('a', 'a1'),
          event('k', 'k2'),
          event('b', 'b1'),
          event('k', 'k3'),
          event('a', 'a2'),
        ].map((e) => e.message),
      );
      await waitFor(
        () => runner.stats.get('parked') === 1 && runner.stats.get('parkedBehind') === 2,
        'k1 parked and k2, k3 behind it',
      );
      await waitFor(async () => (await applied()).length === 3, 'the other keys applied');
      // Keys run side by side: only the order within a key is fixed.
      const others = await applied();
      expect([...others].sort()).toEqual(['a1', 'a2', 'b1']);
      expect(others.filter((label) => label.startsWith('a'))).toEqual(['a1', 'a2']);
      // Every message is acknowledged: nothing is held by the transport any more.
      await waitFor(() => runner.stats.get('received') === 6, 'all six delivered');
      const lot = await parked();
      expect(lot.map((row) => [row.key, row.label])).toEqual([
        ['k', 'k1'],
        ['k', 'k2'],
        ['k', 'k3'],
      ]);
      expect(lot[0]?.attempts).toBeGreaterThanOrEqual(PARKING.maxAttempts);
      expect(lot.slice(1).map((row) => row.attempts)).toEqual([0, 0]);
      // Later deliveries of another key still flow while k waits.
      await transport.publish([event('a', 'a3').message]);
      await waitFor(async () => (await applied()).includes('a3'), 'a3 applied');

      broken.delete('k');
      await waitFor(async () => (await parked()).length === 0, 'the lot emptied');
      const order = await applied();
      expect(order.filter((label) => label.startsWith('k'))).toEqual(['k1', 'k2', 'k3']);
      expect(runner.stats.get('released')).toBe(3);
      expect(runner.stats.get('deadLettered')).toBe(0);
    });

    it('keeps parked events through a restart and releases them in order, without redelivery', async () => {
      broken.add('k');
      const first = await startConsumer();
      await transport.publish([event('k', 'k1'), event('k', 'k2')].map((e) => e.message));
      await waitFor(() => first.stats.get('parkedBehind') === 1, 'k2 parked behind k1');
      await first.stop();
      expect((await parked()).map((row) => row.label)).toEqual(['k1', 'k2']);

      broken.delete('k');
      const second = await startConsumer();
      await waitFor(async () => (await parked()).length === 0, 'the lot emptied after restart');
      expect(await applied()).toEqual(['k1', 'k2']);
      // They came from the lot, not from the transport: it had them acknowledged.
      expect(second.stats.get('received')).toBe(0);
      expect(second.stats.get('released')).toBe(2);
    });

    it('dead-letters an event whose delayed tries all failed, counting every try, then releases the events behind it', async () => {
      broken.add('k1');
      const runner = await startConsumer({ ...PARKING, delaysMs: [200, 200] });
      const [k1, k2] = [event('k', 'k1'), event('k', 'k2')];
      await transport.publish([k1.message]);
      await waitFor(() => runner.stats.get('parked') === 1, 'k1 parked');
      await transport.publish([k2.message]);
      await waitFor(() => runner.stats.get('parkedBehind') === 1, 'k2 behind k1');
      await waitFor(() => runner.stats.get('deadLettered') === 1, 'k1 dead-lettered');
      await waitFor(async () => (await parked()).length === 0, 'k2 released');

      const letters = await sql<{ event_id: string; reason: string; attempts: number }>`
        SELECT event_id, reason, attempts FROM ${sql.table(`${SCHEMA}.dead_letters`)}`.execute(
        database.db,
      );
      // Two in place and two delayed tries for k1; k2 waited behind it and then applied.
      expect(letters.rows).toEqual([
        { event_id: k1.envelope.id, reason: 'retries-exhausted', attempts: 4 },
      ]);
      expect(await applied()).toEqual(['k2']);
      const inbox = await sql<{ event_id: string; status: string }>`
        SELECT event_id, status FROM ${sql.table(`${SCHEMA}.inbox`)}`.execute(database.db);
      expect(new Map(inbox.rows.map((row) => [row.event_id, row.status]))).toEqual(
        new Map([
          [k1.envelope.id, 'dead-lettered'],
          [k2.envelope.id, 'processed'],
        ]),
      );
    });

    it('sends an event that fails permanently on a delayed try to dead letters at once', async () => {
      broken.add('k');
      const runner = await startConsumer();
      await transport.publish([event('k', 'k1').message]);
      await waitFor(() => runner.stats.get('parked') === 1, 'k1 parked');
      permanent.add('k');
      await waitFor(() => runner.stats.get('deadLettered') === 1, 'k1 dead-lettered');
      const letters = await sql<{ reason: string }>`
        SELECT reason FROM ${sql.table(`${SCHEMA}.dead_letters`)}`.execute(database.db);
      expect(letters.rows).toEqual([{ reason: 'permanent-error' }]);
      expect(await parked()).toEqual([]);
    });

    it('parks a redelivered event once and applies it once', async () => {
      broken.add('k');
      const runner = await startConsumer();
      const k1 = event('k', 'k1');
      await transport.publish([k1.message]);
      await waitFor(() => runner.stats.get('parked') === 1, 'k1 parked');
      await transport.publish([k1.message, k1.message]);
      await waitFor(() => runner.stats.get('received') === 3, 'both copies delivered');
      expect(await parked()).toHaveLength(1);
      broken.delete('k');
      await waitFor(async () => (await parked()).length === 0, 'k1 released');
      await transport.publish([k1.message]);
      await waitFor(() => runner.stats.get('duplicates') === 1, 'a late copy seen as duplicate');
      expect(await applied()).toEqual(['k1']);
    });

    it('with two replicas on one schema, applies each parked event once and in order', async () => {
      const other = await store.openAnother(database);
      stoppers.push(() => other.close());
      broken.add('k');
      const one = await startConsumer();
      const two = await startConsumer(PARKING, other);
      const labels = Array.from({ length: 8 }, (_, i) => `k${String(i + 1)}`);
      const events = labels.map((label) => event('k', label));
      await transport.publish(events.map((e) => e.message));
      await waitFor(async () => (await parked()).length === 8, 'all eight parked');
      broken.delete('k');
      await waitFor(async () => (await parked()).length === 0, 'the lot emptied');
      expect(await applied()).toEqual(labels);
      expect(one.stats.get('released') + two.stats.get('released')).toBe(8);
    });

    it('with no delayed tier, dead-letters after the in-place tries as before', async () => {
      broken.add('k');
      const runner = await startConsumer({ ...PARKING, delaysMs: [] });
      await transport.publish([event('k', 'k1').message, event('k', 'k2').message]);
      await waitFor(() => runner.stats.get('deadLettered') === 2, 'both dead-lettered');
      expect(await parked()).toEqual([]);
    });
  });
}
