import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type { DatabaseLogger, Db, SqlDatabase } from '../database.js';
import { useNodePostgresParsers } from './node-postgres-parsers.js';
import { PgliteNotifier } from './pglite-notifier.js';
import { PglitePool } from './pglite-pool.js';

export interface PgliteOptions {
  /** A folder (created if missing, kept across restarts) or 'memory://' for a throwaway one. */
  readonly dataDir: string;
  readonly logger?: DatabaseLogger;
}

/** PGlite (PostgreSQL in WebAssembly, in this process) under Kysely. */
export async function openPglite(options: PgliteOptions): Promise<SqlDatabase> {
  const inMemory = options.dataDir.startsWith('memory://');
  const dataDir = inMemory ? options.dataDir : resolve(options.dataDir);
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  try {
    await useNodePostgresParsers(pglite);
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const pool = new PglitePool(pglite);
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  const notifier = new PgliteNotifier(pglite, pool, options.logger);
  let closed: Promise<void> | undefined;
  return {
    db,
    notifier,
    dialect: 'pglite',
    close: () =>
      (closed ??= (async () => {
        notifier.close();
        await db.destroy();
        // Kysely ends the pool only if it ever used it; ending waits for the lease in use.
        await pool.end();
        await pglite.close();
      })()),
  };
}
