import { OrderPlaced, toFailedMessage } from '@eventmart/contracts';
import {
  ConsumerRunner,
  DeadLetterStore,
  eventHandler,
  type RawRecord,
  type SqlDatabase,
  type Transport,
} from '@eventmart/eventing';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA, waitFor } from './fixtures/harness.js';
import { comparable, POISON_CASES, validRecord, type Needs } from './fixtures/poison-records.js';

/** A bus with a consumer's database, and a way to write records onto it as any producer could. */
export interface PoisonBus {
  readonly transport: Transport;
  /** The consuming service's database, its schema migrated. */
  readonly database: SqlDatabase;
  /** What the bus can carry exactly; cases needing more are left out on it. */
  readonly carries: readonly Needs[];
  /** Appends the records, in this order, to partition 0 of the topic. */
  produce(topic: string, records: readonly RawRecord[]): Promise<void>;
  /** Whether the group's stored position in partition 0 is at the end of the topic. */
  consumedToEnd(group: string, topic: string): Promise<boolean>;
  close(): Promise<void>;
}

const SERVICE = 'poison';

/**
 * Any bytes on the wire end as a dead letter with its reason and the record's exact bytes, or
 * as a normal delivery when they make a valid event; the consumer never stops, later records
 * of the partition are delivered and the group's position reaches the end.
 */
export function poisonRecordFeatures(name: string, open: () => Promise<PoisonBus>): void {
  describe(`records of any bytes on ${name}`, () => {
    let bus: PoisonBus;
    let runner: ConsumerRunner;
    const cases = () => POISON_CASES.filter((c) => c.needs.every((n) => bus.carries.includes(n)));

    const handled = eventHandler({
      name: 'record',
      event: OrderPlaced,
      handle: async (placed, { tx }) => {
        await sql`INSERT INTO ${sql.table(`${SCHEMA}.effects`)} (event_id, handler) VALUES (${placed.id}, ${placed.data.orderId})`.execute(
          tx,
        );
      },
    });

    beforeEach(async () => {
      bus = await open();
      runner = new ConsumerRunner({
        service: SERVICE,
        schema: SCHEMA,
        db: bus.database.db,
        transport: bus.transport,
        handlers: [handled],
      });
    });

    afterEach(async () => {
      await runner.stop();
      await bus.close();
    });

    async function effects(): Promise<string[]> {
      const rows = await sql<{ handler: string }>`
        SELECT handler FROM ${sql.table(`${SCHEMA}.effects`)} ORDER BY id`.execute(bus.database.db);
      return rows.rows.map((row) => row.handler);
    }

    it('dead-letters each poison record with its reason and bytes, delivers the valid ones, and keeps going', async () => {
      const chosen = cases();
      const tail = validRecord('tail');
      await runner.start();
      await bus.produce(OrderPlaced.topic, [...chosen.map((c) => c.record), tail]);
      await waitFor(async () => (await effects()).includes('tail'), 'the record after the poison');
      await waitFor(
        () => bus.consumedToEnd(SERVICE, OrderPlaced.topic),
        'the group position at the end of the partition',
      );

      const delivered = chosen.filter((c) => c.outcome === 'delivered');
      expect(new Set(await effects())).toEqual(
        new Set([...delivered.map((c) => labelOf(c.record)), 'tail']),
      );

      const store = new DeadLetterStore({
        service: SERVICE,
        schema: SCHEMA,
        db: bus.database.db,
        handlers: [handled],
      });
      const { items } = await store.list({}, { limit: 500 });
      const letters = [...items].sort((a, b) =>
        Number(BigInt(a.offset ?? 0) - BigInt(b.offset ?? 0)),
      );
      const poisoned = chosen.filter((c) => c.outcome !== 'delivered');
      expect(letters.map((letter) => [letter.reason])).toEqual(poisoned.map((c) => [c.outcome]));
      for (const [index, letter] of letters.entries()) {
        const expected = poisoned[index];
        const details = await store.inspect(letter.id);
        expect(details, expected?.name).toBeDefined();
        if (details === undefined || expected === undefined) continue;
        expect(comparable(details.raw), expected.name).toEqual(comparable(expected.record));
        // What the API shows holds the same bytes, base64-exact, and breaks no JSON.
        const shown = JSON.parse(JSON.stringify(toFailedMessage(details.raw, null))) as ReturnType<
          typeof toFailedMessage
        >;
        const body =
          shown.raw.value === null ? null : [...Buffer.from(shown.raw.value.base64, 'base64')];
        expect(body, expected.name).toEqual(comparable(expected.record).value);
        expect(details.replayable, expected.name).toBe(
          expected.outcome === 'invalid-data' || expected.outcome === 'unknown-event',
        );
      }
    });

    it('refuses to replay a dead letter whose bytes are no event, with the reason, and keeps it open', async () => {
      const poison = cases().filter(
        (c) => c.outcome === 'malformed-json' || c.outcome === 'empty-body',
      );
      await runner.start();
      await bus.produce(OrderPlaced.topic, [...poison.map((c) => c.record), validRecord('tail')]);
      await waitFor(async () => (await effects()).includes('tail'), 'the record after the poison');
      const store = new DeadLetterStore({
        service: SERVICE,
        schema: SCHEMA,
        db: bus.database.db,
        handlers: [handled],
      });
      const { items } = await store.list();
      expect(items).toHaveLength(poison.length);
      const report = await store.replay({ ids: items.map((item) => item.id) }, { actor: 'ops' });
      for (const result of report.results) {
        expect(result.outcome).toBe('not-replayable');
        expect(result.error).toMatch(
          /^(malformed-json|empty-body): .*cannot be replayed, only discarded$/,
        );
      }
      expect((await store.list({ status: 'open' })).total).toBe(poison.length);
    });
  });
}

/** The order id a valid record carries, which the handler records as its effect. */
function labelOf(record: RawRecord): string {
  const body = new TextDecoder().decode(record.value ?? new Uint8Array());
  return (JSON.parse(body) as { orderId: string }).orderId;
}
