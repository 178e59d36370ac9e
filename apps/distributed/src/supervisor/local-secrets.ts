import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LocalSecrets {
  readonly jwtSecret: string;
  readonly adminPassword: string;
  /** The admin password was made up now: show it once. */
  readonly adminPasswordCreated: boolean;
}

/**
 * For a local run only: JWT_SECRET and ADMIN_PASSWORD from the environment, else made up once
 * and kept (mode 600) in `dataDir`, so tokens and the admin login survive restarts. A real
 * deployment sets both: every process of the user service needs the same secret.
 */
export function localSecrets(env: NodeJS.ProcessEnv, dataDir: string): LocalSecrets {
  mkdirSync(dataDir, { recursive: true });
  const kept = (name: string, make: () => string): { value: string; created: boolean } => {
    const file = join(dataDir, name);
    if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
    const value = make();
    writeFileSync(file, `${value}\n`, { mode: 0o600 });
    return { value, created: true };
  };
  const jwtSecret =
    nonEmpty(env.JWT_SECRET) ?? kept('jwt-secret', () => randomBytes(32).toString('hex')).value;
  const given = nonEmpty(env.ADMIN_PASSWORD);
  const admin =
    given === undefined
      ? kept('admin-password', () => randomBytes(12).toString('base64url'))
      : undefined;
  return {
    jwtSecret,
    adminPassword: given ?? admin?.value ?? '',
    adminPasswordCreated: admin?.created ?? false,
  };
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value === undefined || value === '' ? undefined : value;
