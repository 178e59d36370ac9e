import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage, SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { PgLogTransport, type PgLogTransportOptions } from './pg-log-transport.js';
import { partitionFor, rawRecordOf } from '@eventmart/eventing';
import { byKey, pause, recorder, waitUntil } from './test-support.js';

const message = (key: string, value: string, topic = 'orders'): OutgoingMessage => ({
  topic,
  key,
  headers: { 'ce-id': value },
  value,
});

describe('PgLogTransport on PGlite', () => {
  let database: SqlDatabase;
  let schemas = 0;
  const transports: PgLogTransport[] = [];

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => {
    await Promise.all(transports.map((transport) => transport.close()));
    await database.close();
  });

  /** A transport on a schema of its own, so every case starts with an empty log. */
  function transport(options: PgLogTransportOptions = {}): PgLogTransport {
    const created = new PgLogTransport(database, {
      schema: `log_${++schemas}`,
      pollIntervalMs: 50,
      ...options,
    });
    transports.push(created);
    return created;
  }

  it('delivers what was published with every field intact', async () => {
    const log = transport();
    const { received, handler } = recorder();
    await log.subscribe({ group: 'g', topics: ['orders'] }, handler);
    await log.publish([
      { topic: 'orders', key: 'o-1', headers: { a: '1', 'b-c': 'x y' }, value: '{"n":1}' },
    ]);
    await waitUntil('delivered', () => received.length === 1);
    expect(received[0]).toEqual({
      topic: 'orders',
      key: 'o-1',
      headers: { a: '1', 'b-c': 'x y' },
      value: '{"n":1}',
      partition: partitionFor('o-1', 8),
      offset: expect.stringMatching(/^\d+$/) as unknown,
      deliveryAttempt: 1,
      raw: rawRecordOf({ key: 'o-1', headers: { a: '1', 'b-c': 'x y' }, value: '{"n":1}' }),
    });
  });

  it('gives every group every message, in publish order per key', async () => {
    const log = transport();
    const first = recorder();
    const second = recorder();
    await log.subscribe({ group: 'billing', topics: ['orders'] }, first.handler);
    await log.subscribe({ group: 'shipping', topics: ['orders'], maxInFlight: 3 }, second.handler);
    const published = Array.from({ length: 120 }, (_, i) => message(`k${i % 7}`, String(i)));
    for (let i = 0; i < published.length; i += 40) await log.publish(published.slice(i, i + 40));
    await waitUntil(
      'both groups got everything',
      () => first.received.length === 120 && second.received.length === 120,
    );
    for (const group of [first, second]) {
      for (const [key, values] of byKey(group.received)) {
        expect(values).toEqual(published.filter((m) => m.key === key).map((m) => m.value));
      }
    }
  });

  it("starts a new group at the end of the log with startFrom 'latest'", async () => {
    const log = transport();
    await log.publish([message('a', 'before-1'), message('b', 'before-2')]);
    const { values, handler } = recorder();
    await log.subscribe({ group: 'late', topics: ['orders'], startFrom: 'latest' }, handler);
    await log.publish([message('a', 'after-1'), message('c', 'after-2')]);
    await waitUntil('new messages delivered', () => values().length === 2);
    await pause(150);
    expect(values().sort()).toEqual(['after-1', 'after-2']);
  });

  it('redelivers a rejected message and holds back later messages of its key only', async () => {
    const log = transport({ redelivery: { initialMs: 30, maxMs: 30 } });
    let failures = 0;
    const { received, values, handler } = recorder((m) => {
      if (m.value === 'a1' && failures++ < 2) throw new Error('not yet');
    });
    await log.subscribe({ group: 'g', topics: ['orders'] }, handler);
    await log.publish([message('a', 'a1'), message('a', 'a2'), message('b', 'b1')]);
    await waitUntil('all acknowledged', () => received.length === 3);
    expect(values().indexOf('a1')).toBeLessThan(values().indexOf('a2'));
    expect(received.find((m) => m.value === 'a1')?.deliveryAttempt).toBe(3);
    expect(values().indexOf('b1')).toBeLessThan(values().indexOf('a1')); // b did not wait for a
  });

  it('wakes on the notification, not the poll interval', async () => {
    const log = transport({ pollIntervalMs: 60_000 });
    const { received, handler } = recorder();
    await log.subscribe({ group: 'g', topics: ['orders'] }, handler);
    const started = Date.now();
    await log.publish([message('a', '1')]);
    await waitUntil('delivered', () => received.length === 1, 5_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('shares the partitions between the members of a group', async () => {
    const log = transport({ leaseMs: 2_000, heartbeatMs: 200 });
    const first = recorder();
    const second = recorder();
    await log.subscribe({ group: 'g', topics: ['orders'] }, first.handler);
    await log.subscribe({ group: 'g', topics: ['orders'] }, second.handler);
    const published = Array.from({ length: 80 }, (_, i) => message(`k${i}`, String(i)));
    await log.publish(published);
    await waitUntil(
      'everything delivered',
      () => first.received.length + second.received.length >= 80,
    );
    const partitionsOf = (r: typeof first): Set<number> =>
      new Set(r.received.map((m) => m.partition));
    expect(partitionsOf(first).size).toBe(4);
    expect(partitionsOf(second).size).toBe(4);
    expect([...first.values(), ...second.values()].sort()).toEqual(
      published.map((m) => m.value).sort(),
    );
  });

  it('rejects publish and subscribe once closed, and leaves a database it did not open open', async () => {
    const log = transport();
    await log.subscribe({ group: 'g', topics: ['orders'] }, async () => undefined);
    await log.close();
    await expect(log.publish([message('a', '1')])).rejects.toThrow(/closed/);
    await expect(
      log.subscribe({ group: 'g', topics: ['orders'] }, async () => undefined),
    ).rejects.toThrow(/closed/);
    await expect(sql`SELECT 1`.execute(database.db)).resolves.toBeDefined();
  });

  it('refuses a partition count other than the one the log was created with', async () => {
    const log = transport({ partitions: 4 });
    await log.publish([message('a', '1')]);
    const other = new PgLogTransport(database, { schema: log.schema, partitions: 8 });
    await expect(other.publish([message('a', '2')])).rejects.toThrow(/4 partitions/);
  });

  it('prunes only rows every group has passed', async () => {
    const log = transport({ partitions: 1 });
    const { received, handler } = recorder();
    const subscription = await log.subscribe({ group: 'g', topics: ['orders'] }, handler);
    await log.publish([message('a', '1'), message('a', '2')]);
    await waitUntil('delivered', () => received.length === 2);
    await subscription.close();
    await log.publish([message('a', '3')]);
    expect(await log.prune({ olderThan: new Date(Date.now() - 60_000) })).toBe(0); // too recent
    expect(await log.prune({ olderThan: new Date(Date.now() + 1_000) })).toBe(2); // '3' is unread
    const again = recorder();
    await log.subscribe({ group: 'g', topics: ['orders'] }, again.handler);
    await waitUntil('the unread one delivered', () => again.received.length === 1);
    expect(again.values()).toEqual(['3']);
  });
});

describe('PgLogTransport on PGlite, restarted on the same data folder', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pg-log-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const open = (): Promise<PgLogTransport> =>
    PgLogTransport.open(
      { dataDir },
      { partitions: 1, pollIntervalMs: 50, redelivery: { initialMs: 20, maxMs: 20 } },
    );

  it('keeps positions: only what was never acknowledged is delivered again', async () => {
    const published = ['a1', 'b1', 'a2', 'c1', 'b2', 'a3'].map((v) => message(v.slice(0, 1), v));

    // First run: everything is acknowledged except b2, which keeps failing.
    let log = await open();
    await log.publish(published.slice(0, 4));
    let run = recorder();
    let subscription = await log.subscribe({ group: 'g', topics: ['orders'] }, run.handler);
    await waitUntil('first four acknowledged', () => run.received.length === 4);
    await subscription.close();
    await log.close();

    // Second run: nothing is redelivered; b2 keeps failing while a3 after it is acknowledged.
    log = await open();
    run = recorder((m) => {
      if (m.value === 'b2') throw new Error('poison');
    });
    subscription = await log.subscribe({ group: 'g', topics: ['orders'] }, run.handler);
    await log.publish(published.slice(4));
    await waitUntil('a3 acknowledged', () => run.received.length === 1);
    await pause(200);
    expect(run.values()).toEqual(['a3']);
    await log.close();

    // Third run: the position stopped before b2, so b2 and what follows it come again.
    log = await open();
    run = recorder();
    await log.subscribe({ group: 'g', topics: ['orders'] }, run.handler);
    await waitUntil('b2 delivered', () => run.received.length === 2);
    await pause(200);
    expect(run.values()).toEqual(['b2', 'a3']);
    await log.close();
  });
});
