import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pgTestUrl } from './pg-test-url.js';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, disconnecting whoever is still on it. Safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates an empty database `em_<prefix>_<time>_<random>` on the server at pgTestUrl(), so
 * every test run starts clean and runs never see each other. Drop it when done (afterAll).
 */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const server = pgTestUrl();
  const tag = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 20);
  const name = `em_${tag}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await onServer(server, `CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: url.toString(),
    drop: () => (dropped ??= onServer(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
