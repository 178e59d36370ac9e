import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import { quoteIdentifier } from '../support/identifiers.js';
import { MigrationFileError } from './migration-error.js';

/**
 * The `.sql` files of a folder as Kysely migrations, named by file name (run in name order).
 * Each runs inside the migration's transaction with the target schema first on the
 * search_path, so a file names its tables unqualified and serves any schema.
 */
export class SqlFileMigrationProvider implements MigrationProvider {
  constructor(
    private readonly directory: string,
    private readonly schema: string,
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.directory)).filter((name) => name.endsWith('.sql')).sort();
    const entries = await Promise.all(
      files.map(async (file): Promise<[string, Migration]> => {
        const text = await readFile(join(this.directory, file), 'utf8');
        return [file, { up: (db) => this.#run(db, file, text) }];
      }),
    );
    return Object.fromEntries(entries);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are untyped SQL
  async #run(db: Kysely<any>, file: string, text: string): Promise<void> {
    await sql`SET LOCAL search_path TO ${sql.raw(quoteIdentifier(this.schema))}, public`.execute(
      db,
    );
    try {
      await sql.raw(text).execute(db);
    } catch (error) {
      throw new MigrationFileError(join(this.directory, file), text, error);
    }
  }
}
