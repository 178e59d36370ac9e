import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localSecrets } from './local-secrets.js';

describe('local secrets', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('makes up a JWT secret and an admin password once, and keeps them for the next start', async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventmart-secrets-'));
    const first = localSecrets({}, dir);
    expect(first.adminPasswordCreated).toBe(true);
    expect(first.jwtSecret).toHaveLength(64);
    const again = localSecrets({}, dir);
    expect(again).toEqual({ ...first, adminPasswordCreated: false });
    expect((await stat(join(dir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
  });

  it('takes JWT_SECRET and ADMIN_PASSWORD from the environment', async () => {
    dir = await mkdtemp(join(tmpdir(), 'eventmart-secrets-'));
    const secrets = localSecrets({ JWT_SECRET: 's', ADMIN_PASSWORD: 'p' }, dir);
    expect(secrets).toEqual({ jwtSecret: 's', adminPassword: 'p', adminPasswordCreated: false });
  });
});
