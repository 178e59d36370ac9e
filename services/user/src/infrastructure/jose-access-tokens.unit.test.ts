import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { JoseAccessTokens } from './jose-access-tokens.js';

const secret = 'a-test-secret-that-is-long-enough-for-hs256';
const claims = { userId: '0190a7f0-0000-7000-8000-000000000001', role: 'admin' } as const;
const at = (iso: string) => () => new Date(iso);

describe('JoseAccessTokens', () => {
  it('signs an HS256 token naming the user and role, and reads it back', async () => {
    const tokens = new JoseAccessTokens({ secret, ttlSeconds: 3_600 });
    const token = await tokens.issue(claims);
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({ sub: claims.userId, role: 'admin' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3_600);
    await expect(tokens.verify(token)).resolves.toEqual(claims);
  });

  it('accepts a token until its lifetime ends, and not after', async () => {
    const issuer = new JoseAccessTokens({
      secret,
      ttlSeconds: 60,
      now: at('2025-05-01T10:00:00Z'),
    });
    const token = await issuer.issue(claims);
    const checkAt = (iso: string) =>
      new JoseAccessTokens({ secret, ttlSeconds: 60, now: at(iso) }).verify(token);
    await expect(checkAt('2025-05-01T10:00:59Z')).resolves.toEqual(claims);
    await expect(checkAt('2025-05-01T10:01:00Z')).resolves.toBeUndefined();
  });

  it('rejects a token signed with another secret', async () => {
    const forged = await new JoseAccessTokens({
      secret: 'another-secret-of-the-same-length-as-ours!',
      ttlSeconds: 60,
    }).issue(claims);
    await expect(
      new JoseAccessTokens({ secret, ttlSeconds: 60 }).verify(forged),
    ).resolves.toBeUndefined();
  });

  it('rejects an unsigned token (alg none) and an altered one', async () => {
    const tokens = new JoseAccessTokens({ secret, ttlSeconds: 60 });
    const [header, payload, signature] = (
      await tokens.issue({ ...claims, role: 'customer' })
    ).split('.');
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const raised = encode({ ...decodeJwt(`${header}.${payload}.${signature}`), role: 'admin' });
    await expect(tokens.verify(`${header}.${raised}.${signature}`)).resolves.toBeUndefined();
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${raised}.`;
    await expect(tokens.verify(unsigned)).resolves.toBeUndefined();
  });

  it('answers undefined, not a throw, for something that is no token', async () => {
    const tokens = new JoseAccessTokens({ secret, ttlSeconds: 60 });
    await expect(tokens.verify('garbage')).resolves.toBeUndefined();
    await expect(tokens.verify('')).resolves.toBeUndefined();
  });
});
