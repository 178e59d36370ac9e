import {
  createTestDatabase,
  describeWithPostgres,
  pgTestUrl,
  type TestDatabase,
} from '@eventmart/testing';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { SqlDatabase } from '../database.js';
import { openDatabase } from '../open-database.js';
import { PgNotifier } from './pg-notifier.js';

describeWithPostgres('PgNotifier', () => {
  let testDatabase: TestDatabase;
  let database: SqlDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('notifier');
    database = await openDatabase({ url: testDatabase.url });
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  async function listenBackends(applicationName: string): Promise<number[]> {
    const { rows } = await sql<{ pid: number }>`
      SELECT pid FROM pg_stat_activity WHERE application_name = ${applicationName}`.execute(
      database.db,
    );
    return rows.map((row) => row.pid);
  }

  it('reconnects after its connection is killed, LISTENs again and delivers', async () => {
    const warn = vi.fn();
    const notifier = new PgNotifier({
      url: testDatabase.url,
      applicationName: 'killed-listener',
      logger: { warn },
      reconnect: { initialMs: 50, maxMs: 200 },
    });
    const received: string[] = [];
    await notifier.listen('orders', (p) => received.push(p));
    await notifier.listen('Payments', (p) => received.push(p));
    const [killed] = await listenBackends('killed-listener');

    await sql`SELECT pg_terminate_backend(${killed})`.execute(database.db);
    await vi.waitFor(
      async () => {
        const [current] = await listenBackends('killed-listener');
        expect(current).toBeDefined();
        expect(current).not.toBe(killed);
        await sql`SELECT pg_notify('Payments', 'after reconnect')`.execute(database.db);
        expect(received).toContain('after reconnect');
      },
      { timeout: 10_000, interval: 100 },
    );
    await sql`SELECT pg_notify('orders', 'still there')`.execute(database.db);
    await vi.waitFor(() => expect(received).toContain('still there'));
    expect(warn).toHaveBeenCalledWith(
      'Lost the LISTEN connection, reconnecting',
      expect.anything(),
    );

    await notifier.close();
    expect(await listenBackends('killed-listener')).toEqual([]);
  });

  it('keeps retrying while the server refuses, then subscribes what was asked meanwhile', async () => {
    const warn = vi.fn();
    const notifier = new PgNotifier({
      url: testDatabase.url,
      applicationName: 'blocked-listener',
      logger: { warn },
      reconnect: { initialMs: 50, maxMs: 100 },
    });
    const received: string[] = [];
    await notifier.listen('first', (p) => received.push(p));
    // A database cannot refuse connections to itself: switch it from the server's admin one.
    const admin = new pg.Client({ connectionString: pgTestUrl() });
    await admin.connect();
    const allowConnections = (allow: boolean) =>
      admin.query(`ALTER DATABASE "${testDatabase.name}" ALLOW_CONNECTIONS ${allow}`);
    try {
      await allowConnections(false);
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'blocked-listener'",
      );
      await vi.waitFor(async () => expect(await listenBackends('blocked-listener')).toEqual([]));
      await notifier.listen('second', (p) => received.push(p));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await listenBackends('blocked-listener')).toEqual([]);
      expect(warn).toHaveBeenCalledWith(
        'Reconnecting the LISTEN connection failed',
        expect.objectContaining({ attempt: 1 }),
      );
    } finally {
      await allowConnections(true);
      await admin.end();
    }
    await vi.waitFor(
      async () => {
        await sql`SELECT pg_notify('second', 'late subscriber')`.execute(database.db);
        expect(received).toContain('late subscriber');
      },
      { timeout: 10_000, interval: 100 },
    );
    await notifier.close();
  });
});
