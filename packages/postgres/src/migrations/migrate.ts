import { inspect } from 'node:util';
import { Migrator } from 'kysely';
import type { Db } from '../database.js';
import { isConnectionLost } from '../support/connection-lost.js';
import { assertIdentifier } from '../support/identifiers.js';
import { MigrationFileError } from './migration-error.js';
import { SqlFileMigrationProvider } from './sql-file-provider.js';

export interface MigrationSet {
  /** Names the set's bookkeeping table `<schema>._migrations_<name>`: [a-z0-9_], 1-40 chars. */
  readonly name: string;
  /** A folder of `.sql` files, run in name order, each once. */
  readonly directory: string;
}

export interface MigrateOptions {
  /** Created if missing; the files' unqualified names resolve into it. */
  readonly schema: string;
  /** Run one after the other, in this order. */
  readonly sets: readonly MigrationSet[];
  /** Tries of a set whose connection is lost while it migrates. Default 5. */
  readonly attempts?: number;
}

export interface AppliedMigration {
  readonly set: string;
  readonly file: string;
}

/**
 * Brings the schema up to date and returns what this call applied (nothing if it already
 * was). The pending files of a set run in one transaction (Kysely's Migrator), each recorded
 * in it: if one fails, none of them is applied, and the error names the file. Callers in
 * other processes wait for each other (Kysely holds a PostgreSQL advisory lock while it
 * migrates), so a file never runs twice. Files cannot use statements that refuse to run in a
 * transaction (CREATE INDEX CONCURRENTLY, VACUUM). A set whose connection is lost meanwhile
 * (a failover, pg_terminate_backend while a service starts) was rolled back by the server,
 * its lock released with the connection: it is tried again, after a short wait.
 */
export async function migrate(db: Db, options: MigrateOptions): Promise<AppliedMigration[]> {
  assertIdentifier(options.schema);
  const applied: AppliedMigration[] = [];
  for (const set of options.sets) {
    if (!/^[a-z0-9_]{1,40}$/.test(set.name)) {
      throw new Error(`Migration set name "${set.name}" must match [a-z0-9_]{1,40}`);
    }
    const migrator = new Migrator({
      db,
      provider: new SqlFileMigrationProvider(set.directory, options.schema),
      migrationTableSchema: options.schema,
      migrationTableName: `_migrations_${set.name}`,
      migrationLockTableName: `_migrations_${set.name}_lock`,
    });
    let outcome = await migrator.migrateToLatest();
    for (let attempt = 2; attempt <= (options.attempts ?? 5); attempt += 1) {
      if (!isConnectionLost(outcome.error)) break;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      outcome = await migrator.migrateToLatest();
    }
    const { error, results = [] } = outcome;
    if (error !== undefined) {
      if (error instanceof MigrationFileError) {
        throw new Error(`Migration ${set.name} failed in ${error.message}`, { cause: error });
      }
      const reason = error instanceof Error ? error.message : inspect(error);
      throw new Error(
        `Migration ${set.name} (${set.directory}) into schema "${options.schema}" failed: ${reason}`,
        { cause: error },
      );
    }
    for (const result of results) applied.push({ set: set.name, file: result.migrationName });
  }
  return applied;
}
