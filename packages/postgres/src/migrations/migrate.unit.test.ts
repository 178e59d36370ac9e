import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../database.js';
import { openDatabase } from '../open-database.js';
import { migrate } from './migrate.js';

describe('migrate (PGlite)', () => {
  let root: string;
  let database: SqlDatabase;
  let folders = 0;

  async function folder(files: Record<string, string>): Promise<string> {
    const directory = join(root, `set-${++folders}`);
    await mkdir(directory);
    for (const [name, text] of Object.entries(files)) await writeFile(join(directory, name), text);
    return directory;
  }

  async function tablesOf(schema: string): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = ${schema} ORDER BY table_name`.execute(database.db);
    return rows.map((row) => row.name);
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'eventmart-migrations-'));
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => {
    await database.close();
    await rm(root, { recursive: true, force: true });
  });

  it('runs the files in name order, once, into the schema it creates', async () => {
    const directory = await folder({
      '002_items.sql': 'CREATE TABLE item (id int REFERENCES box (id));',
      '001_boxes.sql': 'CREATE TABLE box (id int PRIMARY KEY);\nINSERT INTO box VALUES (1);',
      'notes.txt': 'not a migration',
    });
    const sets = [{ name: 'core', directory }];
    expect(await migrate(database.db, { schema: 'shop', sets })).toEqual([
      { set: 'core', file: '001_boxes.sql' },
      { set: 'core', file: '002_items.sql' },
    ]);
    expect(await migrate(database.db, { schema: 'shop', sets })).toEqual([]);
    expect(await tablesOf('shop')).toEqual([
      '_migrations_core',
      '_migrations_core_lock',
      'box',
      'item',
    ]);
    expect(await tablesOf('public')).toEqual([]);
  });

  it('applies the same files to another schema, and only new files later', async () => {
    const directory = await folder({ '001_a.sql': 'CREATE TABLE a (n int);' });
    const sets = [{ name: 'core', directory }];
    await migrate(database.db, { schema: 'Billing', sets });
    await migrate(database.db, { schema: 'orders', sets });
    await writeFile(join(directory, '002_b.sql'), 'CREATE TABLE b (n int);');
    expect(await migrate(database.db, { schema: 'orders', sets })).toEqual([
      { set: 'core', file: '002_b.sql' },
    ]);
    expect(await tablesOf('Billing')).toEqual(['_migrations_core', '_migrations_core_lock', 'a']);
    expect(await tablesOf('orders')).toEqual([
      '_migrations_core',
      '_migrations_core_lock',
      'a',
      'b',
    ]);
  });

  it('keeps one bookkeeping table per set', async () => {
    const eventing = await folder({ '001_outbox.sql': 'CREATE TABLE outbox (id int);' });
    const service = await folder({ '001_orders.sql': 'CREATE TABLE orders (id int);' });
    const applied = await migrate(database.db, {
      schema: 'sets',
      sets: [
        { name: 'eventing', directory: eventing },
        { name: 'service', directory: service },
      ],
    });
    expect(applied.map((m) => `${m.set}/${m.file}`)).toEqual([
      'eventing/001_outbox.sql',
      'service/001_orders.sql',
    ]);
    expect(await tablesOf('sets')).toEqual([
      '_migrations_eventing',
      '_migrations_eventing_lock',
      '_migrations_service',
      '_migrations_service_lock',
      'orders',
      'outbox',
    ]);
  });

  it('names the failing file and line, and applies none of the pending files', async () => {
    const directory = await folder({
      '001_ok.sql': 'CREATE TABLE ok (n int);',
      '002_broken.sql': 'CREATE TABLE half (n int);\n\nINSERT INTO missing VALUES (1);',
      '003_later.sql': 'CREATE TABLE later (n int);',
    });
    const sets = [{ name: 'core', directory }];
    await expect(migrate(database.db, { schema: 'broken', sets })).rejects.toThrow(
      `Migration core failed in ${join(directory, '002_broken.sql')}, line 3: relation "missing" does not exist`,
    );
    expect(await tablesOf('broken')).toEqual(['_migrations_core', '_migrations_core_lock']);

    await writeFile(join(directory, '002_broken.sql'), 'CREATE TABLE half (n int);');
    expect(await migrate(database.db, { schema: 'broken', sets })).toHaveLength(3);
    expect(await tablesOf('broken')).toEqual([
      '_migrations_core',
      '_migrations_core_lock',
      'half',
      'later',
      'ok',
    ]);
  });

  it('refuses a set name that would make an odd table name', async () => {
    const sets = [{ name: 'Bad-Name', directory: root }];
    await expect(migrate(database.db, { schema: 's', sets })).rejects.toThrow('[a-z0-9_]');
  });

  it('says which set failed when a run file went missing', async () => {
    const directory = await folder({ '001_a.sql': 'CREATE TABLE a (n int);' });
    await migrate(database.db, { schema: 'lost', sets: [{ name: 'core', directory }] });
    await rm(join(directory, '001_a.sql'));
    await expect(
      migrate(database.db, { schema: 'lost', sets: [{ name: 'core', directory }] }),
    ).rejects.toThrow(/Migration core .* into schema "lost" failed: .*001_a\.sql is missing/);
  });
});
