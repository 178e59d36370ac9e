import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OutgoingMessage, ReceivedMessage, SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { PgLogTransport, type PgLogTransportOptions } from './pg-log-transport.js';
import { waitUntil } from './test-support.js';

const options: PgLogTransportOptions = { pollIntervalMs: 50, leaseMs: 1_500, heartbeatMs: 250 };

/** One member: its own pool (as a separate process would have), recording what it handled. */
interface Process {
  readonly database: SqlDatabase;
  readonly transport: PgLogTransport;
  readonly received: ReceivedMessage[];
  alive: boolean;
}

describeWithPostgres('PgLogTransport on PostgreSQL: one group across processes', () => {
  let server: TestDatabase;
  let admin: SqlDatabase;
  let publisher: PgLogTransport;
  const processes: Process[] = [];
  const published: OutgoingMessage[] = [];

  beforeAll(async () => {
    server = await createTestDatabase('pg_log_group');
    admin = await openDatabase({ url: server.url, poolSize: 2 });
    publisher = new PgLogTransport(admin, options);
  });
  afterAll(async () => {
    for (const process of processes) {
      await process.transport.close();
      await process.database.close();
    }
    await publisher.close();
    await admin.close();
    await server.drop();
  });

  async function start(): Promise<Process> {
    const database = await openDatabase({ url: server.url, poolSize: 3 });
    const process: Process = {
      database,
      transport: new PgLogTransport(database, options),
      received: [],
      alive: true,
    };
    processes.push(process);
    await process.transport.subscribe(
      { group: 'g', topics: ['orders'], maxInFlight: 4 },
      async (message) => {
        // A dead process handles nothing more; its partitions must be redelivered elsewhere.
        if (!process.alive) throw new Error('dead');
        process.received.push(message);
      },
    );
    return process;
  }

  async function publish(count: number): Promise<void> {
    const batch = Array.from({ length: count }, (_, i) => {
      const n = published.length + i;
      return { topic: 'orders', key: `k${n % 13}`, headers: {}, value: String(n) };
    });
    published.push(...batch);
    for (let i = 0; i < batch.length; i += 25) await publisher.publish(batch.slice(i, i + 25));
  }

  /** Owners of the group's partitions, as stored (live leases only). */
  async function owners(): Promise<Map<string, number>> {
    const { rows } = await sql<{ owner: string; n: string }>`
      SELECT owner, count(*)::text AS n FROM eventlog.group_partitions
      WHERE group_name = 'g' AND owner IS NOT NULL AND lease_until > now() GROUP BY owner`.execute(
      admin.db,
    );
    return new Map(rows.map((row) => [row.owner, Number(row.n)]));
  }

  /** Every published message was handled, and each key's first deliveries are in publish order. */
  function expectEverythingInOrder(): void {
    const firstSeen: ReceivedMessage[] = [];
    const seen = new Set<string>();
    const all = processes
      .flatMap((p) => p.received)
      .sort((a, b) => Number(a.offset) - Number(b.offset));
    for (const message of all) {
      if (!seen.has(message.value)) firstSeen.push(message);
      seen.add(message.value);
    }
    expect([...seen].sort()).toEqual(published.map((m) => m.value).sort());
    for (const process of processes) {
      const perKey = new Map<string, number>();
      for (const message of process.received) {
        const previous = perKey.get(message.key) ?? -1;
        // Within one process a key only moves forward (a takeover may repeat, never reorder).
        expect(Number(message.value)).toBeGreaterThan(previous);
        perKey.set(message.key, Number(message.value));
      }
    }
  }

  const handled = (): number =>
    new Set(processes.flatMap((p) => p.received.map((m) => m.value))).size;

  it('shares the partitions among members and delivers everything in key order', async () => {
    await start();
    await publish(100);
    await start();
    await start();
    await publish(200);
    await waitUntil('three members share the eight partitions', async () => {
      const counts = [...(await owners()).values()].sort();
      return counts.join() === '2,3,3';
    });
    await publish(100);
    await waitUntil('everything handled', () => handled() === published.length);
    expectEverythingInOrder();
    expect(processes.every((p) => p.received.length > 0)).toBe(true);
  });

  it('moves the partitions of a member that leaves', async () => {
    const leaving = processes[0];
    if (leaving === undefined) throw new Error('no member');
    await leaving.transport.close();
    leaving.alive = false;
    await waitUntil('two members hold all eight partitions', async () => {
      const counts = [...(await owners()).values()].sort();
      return counts.join() === '4,4';
    });
    await publish(150);
    await waitUntil('everything handled', () => handled() === published.length);
    expectEverythingInOrder();
  });

  it('moves the partitions of a member that dies once its lease expires', async () => {
    const dying = processes[1];
    if (dying === undefined) throw new Error('no member');
    await publish(100);
    // The process stops handling and loses its database connections, without leaving.
    dying.alive = false;
    await dying.database.close();
    const diedAt = Date.now();
    await publish(150);
    await waitUntil(
      'the survivor holds all eight partitions',
      async () => [...(await owners()).values()].join() === '8',
    );
    expect(Date.now() - diedAt).toBeGreaterThan(500);
    await waitUntil('everything handled', () => handled() === published.length);
    expectEverythingInOrder();
  });
});
