import pg from 'pg';
import { pgTestUrl } from './pg-test-url.js';

export type PostgresProbe = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Connects to `url` (default pgTestUrl()) and runs one query, within timeoutMs. */
export async function probePostgres(url = pgTestUrl(), timeoutMs = 2_000): Promise<PostgresProbe> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the test server answers (see probePostgres). */
export async function postgresAvailable(url = pgTestUrl()): Promise<boolean> {
  return (await probePostgres(url)).ok;
}
