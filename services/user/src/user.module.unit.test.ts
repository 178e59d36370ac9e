import { Rpc, UserRegistered, UserView } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAccounts, UserModule, UserRpcController } from './index.js';
import { JoseAccessTokens } from './infrastructure/jose-access-tokens.js';
import { rpcErrorOf } from '@eventmart/service-testing';
import { ServiceHarness, eventually, settle } from '@eventmart/service-testing';

const jwtSecret = 'user-module-test-secret-of-32-bytes-or-more';

describe('UserModule', () => {
  let database: SqlDatabase;
  let harness: ServiceHarness;
  let rpc: UserRpcController;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    harness = await ServiceHarness.start(
      UserModule.forRoot({ jwtSecret, tokenTtlSeconds: 600 }),
      database,
      [UserRegistered],
    );
    rpc = harness.app.get(UserRpcController);
  });

  afterAll(async () => {
    await harness.close();
    await database.close();
  });

  const registered = (email: string) =>
    harness.published(UserRegistered).filter((event) => event.data.email === email);

  describe('register', () => {
    it('creates a customer and publishes user.registered for it', async () => {
      const user = await rpc.onRegister({
        email: 'ada@example.org',
        password: 'analytical-engine',
        name: 'Ada Lovelace',
      });
      expect(UserView.parse(user)).toMatchObject({
        email: 'ada@example.org',
        name: 'Ada Lovelace',
        role: 'customer',
      });
      const [event] = await eventually(
        () => registered('ada@example.org').length === 1 && registered('ada@example.org'),
      );
      expect(event).toMatchObject({
        source: 'user',
        subject: user.id,
        data: { userId: user.id, email: 'ada@example.org', name: 'Ada Lovelace' },
      });
    });

    it('keeps a slow hash, never the password', async () => {
      const row = await database.db
        .withSchema('user')
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', 'ada@example.org')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('refuses an e-mail that has an account in any letter case, publishing nothing', async () => {
      const error = await rpcErrorOf(() =>
        rpc.onRegister({ email: 'ADA@Example.ORG', password: 'another-password', name: 'Ada' }),
      );
      expect(error).toEqual({
        code: 'CONFLICT',
        message: 'an account with this email already exists',
      });
      await settle();
      expect(harness.published(UserRegistered).map((e) => e.data.email)).not.toContain(
        'ADA@Example.ORG',
      );
    });

    it('answers BAD_REQUEST naming the fields for a short password or a bad address', async () => {
      const error = await rpcErrorOf(() =>
        rpc.onRegister({ email: 'not-an-address', password: 'short', name: 'X' }),
      );
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.details?.map((d) => d.field).sort()).toEqual(['email', 'password']);
    });
  });

  describe('login and verify-token', () => {
    beforeAll(async () => {
      await rpc.onRegister({
        email: 'grace@example.org',
        password: 'cobol-forever',
        name: 'Grace Hopper',
      });
    });

    it('answers a signed token for the right password, whatever the e-mail case', async () => {
      const { accessToken, user } = await rpc.onLogin({
        email: 'Grace@Example.org',
        password: 'cobol-forever',
      });
      expect(user).toMatchObject({ email: 'grace@example.org', role: 'customer' });
      const claims = decodeJwt(accessToken);
      expect(claims).toMatchObject({ sub: user.id, role: 'customer' });
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(600);
      await expect(rpc.onVerifyToken({ token: accessToken })).resolves.toEqual(user);
    });

    it('gives one answer for a wrong password and an unknown e-mail', async () => {
      const wrongPassword = await rpcErrorOf(() =>
        rpc.onLogin({ email: 'grace@example.org', password: 'fortran-forever' }),
      );
      const unknownEmail = await rpcErrorOf(() =>
        rpc.onLogin({ email: 'nobody@example.org', password: 'cobol-forever' }),
      );
      expect(wrongPassword).toEqual({ code: 'UNAUTHORIZED', message: 'wrong email or password' });
      expect(unknownEmail).toEqual(wrongPassword);
    });

    it('refuses a garbled, expired or foreign token', async () => {
      const { user } = await rpc.onLogin({ email: 'grace@example.org', password: 'cobol-forever' });
      const anHourAgo = () => new Date(Date.now() - 3_600_000);
      const expired = await new JoseAccessTokens({
        secret: jwtSecret,
        ttlSeconds: 600,
        now: anHourAgo,
      }).issue({ userId: user.id, role: 'customer' });
      const foreign = await new JoseAccessTokens({
        secret: 'somebody-elses-secret-also-32-bytes-long',
        ttlSeconds: 600,
      }).issue({ userId: user.id, role: 'admin' });
      for (const token of ['garbled', expired, foreign]) {
        await expect(rpcErrorOf(() => rpc.onVerifyToken({ token }))).resolves.toEqual({
          code: 'UNAUTHORIZED',
          message: 'the access token is invalid or expired',
        });
      }
    });

    it('refuses a valid token whose user does not exist', async () => {
      const token = await new JoseAccessTokens({ secret: jwtSecret, ttlSeconds: 600 }).issue({
        userId: '0190a7f0-0000-7000-8000-00000000dead',
        role: 'admin',
      });
      await expect(rpcErrorOf(() => rpc.onVerifyToken({ token }))).resolves.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    });
  });

  describe('get-user', () => {
    it('answers the user view by id', async () => {
      const created = await rpc.onRegister({
        email: 'alan@example.org',
        password: 'enigma-machine',
        name: 'Alan',
      });
      await expect(rpc.onGetUser({ userId: created.id })).resolves.toEqual(created);
    });

    it('answers NOT_FOUND for an unknown id, UUID or not', async () => {
      for (const userId of ['0190a7f0-0000-7000-8000-00000000beef', 'no-such-user']) {
        await expect(rpcErrorOf(() => rpc.onGetUser({ userId }))).resolves.toEqual({
          code: 'NOT_FOUND',
          message: `user ${userId} not found`,
        });
      }
    });

    it('validates the request', async () => {
      await expect(rpcErrorOf(() => rpc.onGetUser({}))).resolves.toMatchObject({
        code: 'BAD_REQUEST',
      });
    });
  });

  describe('ensureAdmin', () => {
    it('creates the admin once, however often it is called', async () => {
      const admins = harness.app.get(AdminAccounts);
      const first = await admins.ensureAdmin('admin@eventmart.local', 'admin-password', 'Admin');
      const again = await admins.ensureAdmin('Admin@Eventmart.local', 'admin-password', 'Admin');
      expect(first.role).toBe('admin');
      expect(again.id).toBe(first.id);
      await eventually(() => registered('admin@eventmart.local').length === 1);
      await settle();
      expect(registered('admin@eventmart.local')).toHaveLength(1);
      const { accessToken } = await rpc.onLogin({
        email: 'admin@eventmart.local',
        password: 'admin-password',
      });
      expect(decodeJwt(accessToken).role).toBe('admin');
    });

    it('promotes an existing account only when the password matches', async () => {
      const admins = harness.app.get(AdminAccounts);
      const customer = await rpc.onRegister({
        email: 'boss@example.org',
        password: 'boss-password',
        name: 'Boss',
      });
      await expect(
        admins.ensureAdmin('boss@example.org', 'other-password', 'Boss'),
      ).rejects.toThrow(/already exists with another password/);
      await expect(rpc.onGetUser({ userId: customer.id })).resolves.toMatchObject({
        role: 'customer',
      });
      const promoted = await admins.ensureAdmin('boss@example.org', 'boss-password', 'Boss');
      expect(promoted).toMatchObject({ id: customer.id, role: 'admin' });
      await expect(rpc.onGetUser({ userId: customer.id })).resolves.toMatchObject({
        role: 'admin',
      });
    });

    it('refuses settings the registration would refuse', async () => {
      await expect(
        harness.app.get(AdminAccounts).ensureAdmin('admin', 'short', 'A'),
      ).rejects.toThrow(/invalid admin account settings/);
    });
  });

  it('checks its answers against the contract', async () => {
    const { accessToken, user } = await rpc.onLogin({
      email: 'grace@example.org',
      password: 'cobol-forever',
    });
    expect(Rpc.login.response.safeParse({ accessToken, user }).success).toBe(true);
  });
});
