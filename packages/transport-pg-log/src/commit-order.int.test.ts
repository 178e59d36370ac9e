import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { PgLogTransport } from './pg-log-transport.js';
import { partitionFor } from '@eventmart/eventing';
import { pause, recorder, waitUntil } from './test-support.js';

type OpenTransaction = Awaited<
  ReturnType<ReturnType<SqlDatabase['db']['startTransaction']>['execute']>
>;

// Sequence values are taken at insert time but become visible at commit, so a reader that
// simply moved past the highest seq it saw would skip a smaller seq that commits later.
describeWithPostgres('PgLogTransport on PostgreSQL: transactions that commit out of order', () => {
  let server: TestDatabase;
  let writers: SqlDatabase;
  let log: PgLogTransport;
  const transactions: OpenTransaction[] = [];

  beforeAll(async () => {
    server = await createTestDatabase('pg_log_commit_order');
    log = await PgLogTransport.open({ url: server.url, poolSize: 3 }, { pollIntervalMs: 10 });
    writers = await openDatabase({ url: server.url, poolSize: 24 });
  });
  afterAll(async () => {
    // A failed case leaves transactions open; the pool cannot close while they hold connections.
    for (const tx of transactions)
      if (!tx.isCommitted && !tx.isRolledBack) await tx.rollback().execute();
    await log.close();
    await writers.close();
    await server.drop();
  });

  /** A transaction on its own connection, left open, that has inserted one log row. */
  async function openWith(topic: string, key: string, value: string): Promise<OpenTransaction> {
    const tx = await writers.db.startTransaction().execute();
    transactions.push(tx);
    await sql`
      INSERT INTO eventlog.messages (topic, partition, message_key, headers, payload)
      VALUES (${topic}, ${partitionFor(key, 8)}, ${key}, '{}'::jsonb, ${value});
      `.execute(tx);
    await sql`SELECT pg_notify('eventlog', ${topic})`.execute(tx);
    return tx;
  }

  it('delivers an earlier row that commits last, and never a rolled-back one', async () => {
    const { values, handler } = recorder();
    await log.subscribe({ group: 'reader', topics: ['t1'] }, handler);

    // One key, so one partition: seq order a < b < c, opened in that order.
    const a = await openWith('t1', 'k', 'a');
    const b = await openWith('t1', 'k', 'b');
    const c = await openWith('t1', 'k', 'c');
    await c.commit().execute();
    await log.publish([{ topic: 't1', key: 'k', headers: {}, value: 'd' }]);
    // c and d are committed, but a is still open: the consumer polls every 10 ms meanwhile
    // and must not pass them, or it would never see a.
    await pause(300);
    expect(values()).toEqual([]);
    await b.rollback().execute();
    await pause(100);
    expect(values()).toEqual([]);
    await a.commit().execute();
    await waitUntil('a, c and d delivered', () => values().length === 3);
    await pause(200);
    expect(values()).toEqual(['a', 'c', 'd']);
  });

  it('gets exactly the committed rows of many transactions finishing in reverse order', async () => {
    const { values, handler } = recorder();
    await log.subscribe({ group: 'reader', topics: ['t2'] }, handler);
    const open = [];
    for (let i = 0; i < 20; i += 1)
      open.push({ value: String(i), tx: await openWith('t2', `k${i % 3}`, String(i)) });
    // Reverse order of seq, with a fixed pattern of rollbacks; publishes keep arriving meanwhile.
    const committed: string[] = [];
    for (const [index, { value, tx }] of [...open].reverse().entries()) {
      if (index % 4 === 1) {
        await tx.rollback().execute();
      } else {
        await tx.commit().execute();
        committed.push(value);
      }
      await log.publish([{ topic: 't2', key: `k${index % 3}`, headers: {}, value: `p${index}` }]);
      committed.push(`p${index}`);
      await pause(15);
    }
    await waitUntil('every committed row delivered', () => values().length >= committed.length);
    await pause(200);
    expect(values().sort()).toEqual(committed.sort());
  });
});
