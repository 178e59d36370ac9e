import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, openDatabaseFromEnv } from '../open-database.js';

describe('PGlite on a data folder', () => {
  const folders: string[] = [];
  const newFolder = async (): Promise<string> => {
    const folder = await mkdtemp(join(tmpdir(), 'eventmart-pglite-'));
    folders.push(folder);
    return folder;
  };
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
  });

  it('keeps committed data across close and reopen', async () => {
    const dataDir = join(await newFolder(), 'nested', 'db');
    const first = await openDatabase({ dataDir });
    expect(first.dialect).toBe('pglite');
    await sql`CREATE TABLE kept (note text)`.execute(first.db);
    await first.db.insertInto('kept').values({ note: 'survives' }).execute();
    await first.close();

    const second = await openDatabase({ dataDir });
    expect(await second.db.selectFrom('kept').select('note').execute()).toEqual([
      { note: 'survives' },
    ]);
    await second.close();
  });

  it('opens PGlite from the environment when DATABASE_URL is missing or empty', async () => {
    for (const env of [{}, { DATABASE_URL: '' }]) {
      const database = await openDatabaseFromEnv({ env, dataDir: await newFolder() });
      expect(database.dialect).toBe('pglite');
      await database.close();
    }
  });

  it('starts empty in memory every time', async () => {
    const first = await openDatabase({ dataDir: 'memory://' });
    await sql`CREATE TABLE gone (n int)`.execute(first.db);
    await first.close();
    const second = await openDatabase({ dataDir: 'memory://' });
    const { rows } = await sql`SELECT to_regclass('gone') AS t`.execute(second.db);
    expect(rows).toEqual([{ t: null }]);
    await second.close();
  });

  it('asks for a url or a dataDir', async () => {
    await expect(openDatabase({})).rejects.toThrow('needs a `url`');
  });

  it('closes once, however often close is called', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    await Promise.all([database.close(), database.close()]);
    await database.close();
  });
});
