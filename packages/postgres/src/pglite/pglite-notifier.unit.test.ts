import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SqlDatabase } from '../database.js';
import { openDatabase } from '../open-database.js';

describe('PgliteNotifier', () => {
  let database: SqlDatabase;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => database.close());

  it('does not LISTEN inside a transaction in progress, where the rollback would undo it', async () => {
    const received: string[] = [];
    let listening: Promise<() => Promise<void>> | undefined;
    const rolledBack = database.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      listening = database.notifier.listen('after_rollback', (p) => received.push(p));
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
    const stop = await listening!;
    await sql`SELECT pg_notify('after_rollback', 'still listening')`.execute(database.db);
    await vi.waitFor(() => expect(received).toEqual(['still listening']));
    await stop();
  });

  it('stops dispatching when the database is closed', async () => {
    const other = await openDatabase({ dataDir: 'memory://' });
    const received: string[] = [];
    await other.notifier.listen('closing', (p) => received.push(p));
    await other.close();
    await expect(sql`SELECT pg_notify('closing', 'x')`.execute(other.db)).rejects.toThrow();
    expect(received).toEqual([]);
  });
});
