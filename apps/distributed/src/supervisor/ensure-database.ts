import { openDatabase, quoteIdentifier } from '@eventmart/postgres';
import { sql } from 'kysely';

/**
 * Creates the database `url` names unless it exists, connecting to the server's `postgres`
 * database to do so. Answers whether it was created. Two starts racing may both try: the
 * loser's "already exists" counts as success.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (name === '') throw new Error(`the database URL names no database: ${redact(url)}`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = await openDatabase({
    url: server.toString(),
    poolSize: 1,
    applicationName: 'eventmart-start',
  });
  try {
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
  } finally {
    await admin.close();
  }
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
