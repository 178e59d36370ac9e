import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OrderPlaced, StockReserved } from '@eventmart/contracts';
import {
  ConsumerRunner,
  encodeEnvelope,
  EventPublisher,
  eventHandler,
  InMemoryTransport,
  newEnvelope,
  OutboxRelay,
  PermanentError,
  type EventHandler,
  type ReceivedMessage,
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
} from './fixtures/harness.js';

// In place only: these cases are about what happens when the in-place tries run out.
const fastRetry = { maxAttempts: 3, backoff: { initialMs: 5, maxMs: 20 }, delaysMs: [] };

/** A handler whose effect is a row in `effects`, optionally failing first. */
function recordingHandler(
  name: string,
  behaviour: (attempt: number) => void = () => undefined,
): EventHandler {
  return eventHandler({
    name,
    event: OrderPlaced,
    handle: async (event, { tx, attempt }) => {
      await sql`INSERT INTO ${sql.table(`${SCHEMA}.effects`)} (event_id, handler) VALUES (${event.id}, ${name})`.execute(
        tx,
      );
      behaviour(attempt);
    },
  });
}

function collect(
  transport: InMemoryTransport,
  topic: string,
  group = 'observer',
): ReceivedMessage[] {
  const received: ReceivedMessage[] = [];
  void transport.subscribe({ group, topics: [topic] }, (message) => {
    received.push(message);
    return Promise.resolve();
  });
  return received;
}

export function outboxInboxFeatures(kind: StoreKind): void {
  describe(`outbox and inbox guarantees on ${kind}`, () => {
    let store: Store;
    let database: SqlDatabase;
    let transport: InMemoryTransport;
    let publisher: EventPublisher;
    const stoppers: (() => Promise<void>)[] = [];

    beforeEach(async () => {
      store = await createStore(kind);
      database = await store.open();
      await migrateService(database);
      transport = new InMemoryTransport();
      publisher = new EventPublisher({ service: 'order', schema: SCHEMA, db: database.db });
    });

    afterEach(async () => {
      for (const stop of stoppers.splice(0).reverse()) await stop();
      await transport.close();
      await database.close();
      await store.drop();
    });

    async function startRelay(db = database): Promise<OutboxRelay> {
      const relay = new OutboxRelay({
        db: db.db,
        schema: SCHEMA,
        transport,
        notifier: db.notifier,
        pollIntervalMs: 50,
      });
      await relay.start();
      stoppers.push(() => relay.stop());
      return relay;
    }

    async function startConsumer(
      handlers: EventHandler[],
      db = database,
      on = transport,
    ): Promise<ConsumerRunner> {
      const runner = new ConsumerRunner({
        service: 'inventory',
        schema: SCHEMA,
        db: db.db,
        transport: on,
        handlers,
        retry: fastRetry,
      });
      await runner.start();
      stoppers.push(() => runner.stop());
      return runner;
    }

    it('sends nothing for a transaction that rolled back', async () => {
      const received = collect(transport, OrderPlaced.topic);
      await startRelay();
      await expect(
        publisher.unitOfWork(async (_tx, context) => {
          await publisher.publish(OrderPlaced, orderPlaced('o-rolled-back'), {
            subject: 'o-rolled-back',
            context,
          });
          throw new Error('the state change failed');
        }),
      ).rejects.toThrow('the state change failed');
      await publisher.unitOfWork(async (_tx, context) => {
        await publisher.publish(OrderPlaced, orderPlaced('o-committed'), {
          subject: 'o-committed',
          context,
        });
      });
      await waitFor(() => received.length === 1, 'the committed event');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(received.map((m) => m.key)).toEqual(['o-committed']);
      expect(await countRows(database, 'outbox')).toBe(1);
    });

    it('refuses to publish outside a transaction', async () => {
      await expect(
        // @ts-expect-error the context (its transaction) is required: there is no implicit one.
        publisher.publish(OrderPlaced, orderPlaced('o-1'), { subject: 'o-1' }),
      ).rejects.toThrow(TypeError);
      expect(await countRows(database, 'outbox')).toBe(0);
    });

    it('delivers after restart what committed before the process was killed (SIGKILL)', async () => {
      await database.close();
      const child = spawn(
        process.execPath,
        [
          '--conditions=@eventmart/source',
          '--import',
          'tsx',
          fileURLToPath(new URL('./fixtures/commit-then-hang.ts', import.meta.url)),
          JSON.stringify(store.location),
          '5',
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('committed')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`child exited early with ${String(code)}`)));
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      database = await store.open();
      const received = collect(transport, OrderPlaced.topic);
      await startRelay();
      await waitFor(() => received.length === 5, 'the 5 events committed before the kill');
      expect(received.map((m) => m.key).sort()).toEqual([
        'crash-0',
        'crash-1',
        'crash-2',
        'crash-3',
        'crash-4',
      ]);
    });

    it('applies an event delivered twice only once', async () => {
      await startConsumer([recordingHandler('reserve')]);
      const envelope = newEnvelope(OrderPlaced, orderPlaced('o-dup'), {
        subject: 'o-dup',
        source: 'order',
      });
      const message = encodeEnvelope(envelope, OrderPlaced.topic);
      await transport.publish([message, message]);
      await transport.publish([message]);
      await waitFor(async () => (await countRows(database, 'inbox')) === 1, 'the inbox row');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await effectsPerEvent(database)).toEqual(new Map([[envelope.id, 1]]));
    });

    it('applies an event delivered concurrently to two members of one group only once', async () => {
      const second = await store.openAnother(database);
      stoppers.push(() => second.close());
      const otherTransport = new InMemoryTransport();
      stoppers.push(() => otherTransport.close());
      const slow = (): EventHandler =>
        eventHandler({
          name: 'reserve',
          event: OrderPlaced,
          handle: async (event, { tx }) => {
            await sql`INSERT INTO ${sql.table(`${SCHEMA}.effects`)} (event_id, handler) VALUES (${event.id}, 'reserve')`.execute(
              tx,
            );
            await new Promise((resolve) => setTimeout(resolve, 50));
          },
        });
      const one = await startConsumer([slow()], database, transport);
      const two = await startConsumer([slow()], second, otherTransport);
      const envelopes = Array.from({ length: 20 }, (_, i) =>
        newEnvelope(OrderPlaced, orderPlaced(`o-${String(i)}`), {
          subject: `o-${String(i)}`,
          source: 'order',
        }),
      );
      const messages = envelopes.map((e) => encodeEnvelope(e, OrderPlaced.topic));
      await Promise.all([transport.publish(messages), otherTransport.publish(messages)]);
      await waitFor(
        () =>
          one.stats.get('processed') +
            one.stats.get('duplicates') +
            two.stats.get('processed') +
            two.stats.get('duplicates') ===
          40,
        'both members to handle all 20 events',
      );
      const effects = await effectsPerEvent(database);
      expect(effects.size).toBe(20);
      expect([...effects.values()].every((n) => n === 1)).toBe(true);
      expect(one.stats.get('processed') + two.stats.get('processed')).toBe(20);
    });

    it('commits what a handler publishes with its effect, carrying correlation and causation', async () => {
      const received = collect(transport, StockReserved.topic);
      await startRelay();
      const inventoryPublisher = new EventPublisher({
        service: 'inventory',
        schema: SCHEMA,
        db: database.db,
      });
      let failFirst = true;
      await startConsumer([
        eventHandler({
          name: 'reserve',
          event: OrderPlaced,
          handle: async (event, context) => {
            await inventoryPublisher.publish(
              StockReserved,
              { orderId: event.data.orderId, lines: [{ sku: 'SKU-1', quantity: 1 }] },
              { subject: event.subject, context },
            );
            if (failFirst) {
              failFirst = false;
              throw new Error('fails after publishing: the publish must roll back');
            }
          },
        }),
      ]);
      const placed = await publisher.unitOfWork(
        (_tx, context) =>
          publisher.publish(OrderPlaced, orderPlaced('o-cause'), { subject: 'o-cause', context }),
        { correlationId: 'request-42' },
      );
      await waitFor(() => received.length === 1, 'stock.reserved');
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(received).toHaveLength(1);
      const headers = received[0]?.headers ?? {};
      expect(headers.ce_causationid).toBe(placed.id);
      expect(headers.ce_correlationid).toBe('request-42');
      expect(placed.correlationId).toBe('request-42');
    });

    it('retries a failing handler with backoff, then succeeds once', async () => {
      const runner = await startConsumer([
        recordingHandler('flaky', (attempt) => {
          if (attempt < 3) throw new Error(`transient failure ${String(attempt)}`);
        }),
      ]);
      const envelope = newEnvelope(OrderPlaced, orderPlaced('o-flaky'), {
        subject: 'o-flaky',
        source: 'order',
      });
      await transport.publish([encodeEnvelope(envelope, OrderPlaced.topic)]);
      await waitFor(() => runner.stats.get('processed') === 1, 'the third attempt to succeed');
      expect(runner.stats.get('retries')).toBe(2);
      expect(await effectsPerEvent(database)).toEqual(new Map([[envelope.id, 1]]));
      expect(await countRows(database, 'dead_letters')).toBe(0);
    });

    it('dead-letters after the last attempt with error, attempts, handler and topic, and keeps going', async () => {
      const runner = await startConsumer([
        recordingHandler('broken', () => {
          throw new Error('warehouse API is down');
        }),
      ]);
      const envelope = newEnvelope(OrderPlaced, orderPlaced('o-broken'), {
        subject: 'o-broken',
        source: 'order',
      });
      await transport.publish([encodeEnvelope(envelope, OrderPlaced.topic)]);
      await waitFor(() => runner.stats.get('deadLettered') === 1, 'the dead letter');
      const rows = await sql<
        Record<string, unknown>
      >`SELECT * FROM ${sql.table(`${SCHEMA}.dead_letters`)}`.execute(database.db);
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({
        consumer: 'inventory.broken',
        handler: 'broken',
        reason: 'retries-exhausted',
        event_id: envelope.id,
        event_type: 'order.placed',
        topic: OrderPlaced.topic,
        attempts: 3,
        error: 'warehouse API is down',
      });
      expect(await countRows(database, 'effects')).toBe(0);
      // The dead-lettered event is not applied again when it is redelivered.
      await transport.publish([encodeEnvelope(envelope, OrderPlaced.topic)]);
      await waitFor(() => runner.stats.get('received') === 2, 'the redelivery');
      expect(runner.stats.get('deadLettered')).toBe(1);
    });

    it('dead-letters a permanent error at once, and invalid events without calling the handler', async () => {
      const runner = await startConsumer([
        recordingHandler('strict', () => {
          throw new PermanentError('order total does not match its lines');
        }),
      ]);
      const valid = newEnvelope(OrderPlaced, orderPlaced('o-perm'), {
        subject: 'o-perm',
        source: 'order',
      });
      const good = encodeEnvelope(valid, OrderPlaced.topic);
      const invalidData = {
        ...good,
        key: 'o-bad',
        value: JSON.stringify({ orderId: 'o-bad' }),
        headers: { ...good.headers, ce_id: '01936f3e-7a9b-7c3d-8e4f-000000000001' },
      };
      const malformed = {
        ...good,
        key: 'o-json',
        value: '{not json',
        headers: { ...good.headers, ce_id: '01936f3e-7a9b-7c3d-8e4f-000000000002' },
      };
      const unknown = {
        ...good,
        key: 'o-unknown',
        headers: {
          ...good.headers,
          ce_type: 'order.teleported',
          ce_id: '01936f3e-7a9b-7c3d-8e4f-000000000003',
        },
      };
      await transport.publish([good, invalidData, malformed, unknown]);
      await waitFor(() => runner.stats.get('deadLettered') === 4, 'four dead letters');
      const rows = await sql<{
        reason: string;
        attempts: number;
        message_key: string;
        error: string;
      }>`
        SELECT reason, attempts, message_key, error FROM ${sql.table(`${SCHEMA}.dead_letters`)} ORDER BY message_key`.execute(
        database.db,
      );
      expect(rows.rows.map((r) => [r.message_key, r.reason, r.attempts])).toEqual([
        ['o-bad', 'invalid-data', 1],
        ['o-json', 'malformed-json', 1],
        ['o-perm', 'permanent-error', 1],
        ['o-unknown', 'unknown-event', 1],
      ]);
      expect(rows.rows.find((r) => r.message_key === 'o-bad')?.error).toContain('customerId');
      // The handler ran once for the valid event, and its effect rolled back with the error.
      expect(await countRows(database, 'effects')).toBe(0);
    });

    it('keeps other subjects flowing while one subject waits for its retries', async () => {
      const order: string[] = [];
      const runner = await startConsumer([
        eventHandler({
          name: 'track',
          event: OrderPlaced,
          retry: {
            maxAttempts: 2,
            backoff: { initialMs: 300, maxMs: 300, jitter: 'none' },
            delaysMs: [],
          },
          handle: (event) => {
            if (event.subject === 'stuck') throw new Error('stuck fails');
            order.push(event.subject);
            return Promise.resolve();
          },
        }),
      ]);
      const messages = ['stuck', 'a', 'b', 'c'].map((s) =>
        encodeEnvelope(
          newEnvelope(OrderPlaced, orderPlaced(s), { subject: s, source: 'order' }),
          OrderPlaced.topic,
        ),
      );
      await transport.publish(messages);
      await waitFor(() => order.length === 3, 'the other subjects');
      expect(runner.stats.get('deadLettered')).toBe(0);
      await waitFor(
        () => runner.stats.get('deadLettered') === 1,
        'the stuck subject to be dead-lettered',
      );
    });

    it('lets two relay replicas run without sending any row twice', async () => {
      const second = await store.openAnother(database);
      stoppers.push(() => second.close());
      const received = collect(transport, OrderPlaced.topic);
      await startRelay(database);
      await startRelay(second);
      for (let batch = 0; batch < 10; batch += 1) {
        await publisher.unitOfWork(async (_tx, context) => {
          for (let i = 0; i < 30; i += 1) {
            const id = `o-${String(batch)}-${String(i)}`;
            await publisher.publish(OrderPlaced, orderPlaced(id), { subject: id, context });
          }
        });
      }
      await waitFor(() => received.length >= 300, 'all 300 events');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(received).toHaveLength(300);
      expect(new Set(received.map((m) => m.headers.ce_id)).size).toBe(300);
    });

    it('on stop lets the handler in flight commit and leaves an event waiting on a retry unacknowledged', async () => {
      let release: () => void = () => undefined;
      const inFlight = new Promise<void>((resolve) => (release = resolve));
      let started = 0;
      const runner = await startConsumer([
        eventHandler({
          name: 'stoppable',
          event: OrderPlaced,
          retry: {
            maxAttempts: 5,
            backoff: { initialMs: 10_000, maxMs: 10_000, jitter: 'none' },
            delaysMs: [],
          },
          handle: async (event, { tx }) => {
            if (event.subject === 'retrying') throw new Error('needs a retry');
            started += 1;
            await inFlight;
            await sql`INSERT INTO ${sql.table(`${SCHEMA}.effects`)} (event_id, handler) VALUES (${event.id}, 'stoppable')`.execute(
              tx,
            );
          },
        }),
      ]);
      const [slow, retrying] = ['slow', 'retrying'].map((s) =>
        encodeEnvelope(
          newEnvelope(OrderPlaced, orderPlaced(s), { subject: s, source: 'order' }),
          OrderPlaced.topic,
        ),
      );
      // First an event that fails and waits on its backoff, then one that stays in flight.
      await transport.publish([retrying!]);
      await waitFor(() => runner.stats.get('retries') === 1, 'the first event to wait for a retry');
      await transport.publish([slow!]);
      await waitFor(() => started === 1, 'the second event in flight');
      const stopping = runner.stop();
      release();
      await stopping;
      expect(await countRows(database, 'effects')).toBe(1);
      // A new member of the group gets the unacknowledged event again.
      const redelivered: string[] = [];
      await startConsumer([
        eventHandler({
          name: 'stoppable',
          event: OrderPlaced,
          handle: (event) => {
            redelivered.push(event.subject);
            return Promise.resolve();
          },
        }),
      ]);
      await waitFor(
        () => redelivered.includes('retrying'),
        'the unacknowledged event to come back',
      );
      expect(redelivered).not.toContain('slow');
    });
  });
}
