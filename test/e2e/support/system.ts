import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, startEmbedded, type RunningSystem } from '@eventmart/embedded';
import { EVENTING_DATABASE } from '@eventmart/nestjs';
import type { SqlDatabase } from '@eventmart/eventing';

/**
 * What the saga features drive, however it runs: a shop serving HTTP at `url` whose events
 * can be read.
 */
export interface ShopUnderTest {
  readonly url: string;
  /** The event types published about a subject, in the order they happened. */
  eventsAbout(subject: string): Promise<string[]>;
  /**
   * Resolves once every event published so far has been handled by every service that
   * consumes it: what the services know has caught up with what happened.
   */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestSystem {
  readonly system: RunningSystem;
  readonly url: string;
  readonly database: SqlDatabase;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/**
 * The whole embedded system on a free port, with its own data: a fresh PGlite folder, or a
 * fresh PostgreSQL database when `databaseUrl` is given.
 */
export async function startTestSystem(
  options: { databaseUrl?: string; env?: Record<string, string> } = {},
): Promise<TestSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'eventmart-e2e-'));
  const config = loadConfig({
    EVENTMART_DATA_DIR: dataDir,
    PORT: '0',
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: 'admin-password-1',
    PAYMENT_TIMEOUT_MS: '300',
    JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-0123456789',
    ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
    ...options.env,
  });
  const system = await startEmbedded(config);
  return {
    system,
    url: system.url,
    database: system.app.get<SqlDatabase>(EVENTING_DATABASE),
    dataDir,
    stop: async () => {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
