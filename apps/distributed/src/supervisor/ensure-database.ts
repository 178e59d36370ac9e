import { openDatabase, quoteIdentifier, type SqlDatabase } from '@eventmart/postgres';
import { sql } from 'kysely';

/** The database name a URL points at; it must name one. */
function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (name === '') throw new Error(`the database URL names no database: ${redact(url)}`);
  return name;
}

/** Runs `work` on the server's `postgres` database, as one must to create or drop another. */
async function onServer<T>(url: string, work: (admin: SqlDatabase) => Promise<T>): Promise<T> {
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = await openDatabase({
    url: server.toString(),
    poolSize: 1,
    applicationName: 'eventmart-start',
  });
  try {
    return await work(admin);
  } finally {
    await admin.close();
  }
}

/**
 * Creates the database `url` names unless it exists, connecting to the server's `postgres`
 * database to do so. Answers whether it was created. Two starts racing may both try: the
 * loser's "already exists" counts as success.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  return await onServer(url, async (admin) => {
    const found = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM pg_database WHERE datname = ${name}`.execute(admin.db);
    if ((found.rows[0]?.n ?? 0) > 0) return false;
    try {
      await sql.raw(`CREATE DATABASE ${quoteIdentifier(name)}`).execute(admin.db);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') return false; // duplicate_database
      throw error;
    }
  });
}

/** Drops the database `url` names if it exists, disconnecting whoever is still on it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await onServer(url, async (admin) => {
    await sql
      .raw(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)
      .execute(admin.db);
  });
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}
