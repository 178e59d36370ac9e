import type { DatabaseLogger, SqlDatabase } from './database.js';
import { openPostgres } from './node-postgres/open-postgres.js';
import { openPglite } from './pglite/open-pglite.js';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL: node-postgres pool. Without it: PGlite on `dataDir`. */
  readonly url?: string;
  /** PGlite's folder (kept across restarts), or 'memory://'. Ignored with `url`. */
  readonly dataDir?: string;
  /** Most pooled connections (PostgreSQL only; PGlite is one connection). Default 10. */
  readonly poolSize?: number;
  readonly applicationName?: string;
  readonly logger?: DatabaseLogger;
}

/** Opens PostgreSQL when given `url`, PGlite on `dataDir` otherwise (one of them is needed). */
export async function openDatabase(options: OpenDatabaseOptions): Promise<SqlDatabase> {
  if (options.url !== undefined) {
    return await openPostgres({
      url: options.url,
      poolSize: options.poolSize,
      applicationName: options.applicationName,
      logger: options.logger,
    });
  }
  if (options.dataDir === undefined) {
    throw new Error(
      "openDatabase needs a `url` (PostgreSQL) or a `dataDir` (PGlite: a folder or 'memory://')",
    );
  }
  return await openPglite({ dataDir: options.dataDir, logger: options.logger });
}

export interface OpenDatabaseFromEnvOptions extends Omit<OpenDatabaseOptions, 'url'> {
  /** Default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * DATABASE_URL set (and not empty): PostgreSQL. Otherwise PGlite on `dataDir`, by default
 * './.eventmart-data/db' relative to the working directory, so data survives restarts.
 */
export function openDatabaseFromEnv(
  options: OpenDatabaseFromEnvOptions = {},
): Promise<SqlDatabase> {
  const { env = process.env, dataDir = './.eventmart-data/db', ...rest } = options;
  const url = env.DATABASE_URL;
  return url !== undefined && url !== ''
    ? openDatabase({ ...rest, url })
    : openDatabase({ ...rest, dataDir });
}
