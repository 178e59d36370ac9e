import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { retryPolicyFromEnv, type RetryPolicy } from '@eventmart/eventing';

export interface EmbeddedConfig {
  readonly port: number;
  readonly host: string;
  /** Where PGlite keeps its files (unless DATABASE_URL is set) and the generated secrets. */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly jwtSecret: string;
  readonly admin: {
    readonly email: string;
    readonly password: string;
    readonly generated: boolean;
  };
  readonly smtpUrl: string | undefined;
  readonly paymentTimeoutMs: number;
  readonly seedCatalogue: boolean;
  /** EVENTMART_RETRY_ATTEMPTS and EVENTMART_RETRY_DELAYS_MS; unset: the services' defaults. */
  readonly retry: Partial<RetryPolicy> | undefined;
}

/** Reads a value persisted in the data folder, creating it once, so restarts keep it. */
function persisted(
  dataDir: string,
  name: string,
  create: () => string,
): { value: string; created: boolean } {
  const file = join(dataDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  const value = create();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, created: true };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** Every setting of the one-process mode, from the environment (see docs/configuration.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EmbeddedConfig {
  const dataDir = resolve(env.EVENTMART_DATA_DIR ?? '.eventmart-data');
  mkdirSync(dataDir, { recursive: true });
  const jwtSecret =
    env.JWT_SECRET ?? persisted(dataDir, 'jwt-secret', () => randomBytes(32).toString('hex')).value;
  const adminEmail = env.ADMIN_EMAIL ?? 'admin@eventmart.local';
  let adminPassword = env.ADMIN_PASSWORD;
  let generated = false;
  if (adminPassword === undefined) {
    const stored = persisted(dataDir, 'admin-password', () =>
      randomBytes(12).toString('base64url'),
    );
    adminPassword = stored.value;
    generated = stored.created;
  }
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
    jwtSecret,
    admin: { email: adminEmail, password: adminPassword, generated },
    smtpUrl: env.SMTP_URL === '' ? undefined : env.SMTP_URL,
    paymentTimeoutMs: integer(env, 'PAYMENT_TIMEOUT_MS', 5_000),
    seedCatalogue: env.SEED_CATALOGUE !== 'false',
    retry: retryPolicyFromEnv(env),
  };
}
