import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrate, openDatabase } from './index.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const thisFile = fileURLToPath(import.meta.url);

/** The lines between `// #region name` and `// #endregion` of this file, dedented. */
async function region(name: string): Promise<string> {
  const text = await readFile(thisFile, 'utf8');
  const body = text.split(`// #region ${name}\n`)[1]?.split('// #endregion')[0] ?? '';
  const lines = body.trimEnd().split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

it('runs the README example, which the README shows verbatim', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'eventmart-readme-'));
  const received: string[] = [];
  try {
    const migrationSql = 'CREATE TABLE orders (id text PRIMARY KEY, total numeric NOT NULL);\n';
    await writeFile(join(directory, '001_orders.sql'), migrationSql);
    expect(await readFile(readme, 'utf8')).toContain(migrationSql);

    // #region example
    const database = await openDatabase({ dataDir: 'memory://' }); // or { url: 'postgres://…' }
    await migrate(database.db, { schema: 'orders', sets: [{ name: 'orders', directory }] });

    const stop = await database.notifier.listen('orders_changed', (id) => received.push(id));
    const orders = database.db.withSchema('orders');
    await orders.transaction().execute(async (trx) => {
      await trx.insertInto('orders').values({ id: 'o-1', total: '12.50' }).execute();
      await sql`SELECT pg_notify('orders_changed', 'o-1')`.execute(trx);
    });
    const row = await orders.selectFrom('orders').selectAll().executeTakeFirst();
    // row is { id: 'o-1', total: '12.50' }: numeric (and int8) come back as strings

    await stop();
    await database.close();
    // #endregion

    expect(row).toEqual({ id: 'o-1', total: '12.50' });
    expect(received).toEqual(['o-1']);
    expect(await readFile(readme, 'utf8')).toContain(await region('example'));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
