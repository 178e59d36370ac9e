import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayApp, type GatewayTestApp } from '../testing/gateway-app.fixture.js';
import { bodyOf, errorOf, fieldsOf, type LoginAnswer } from '../testing/responses.fixture.js';
import { ADMIN } from '../testing/shop-state.fixture.js';

let shop: GatewayTestApp;
const http = () => request(shop.app.getHttpServer());

beforeAll(async () => {
  shop = await startGatewayApp();
});
afterAll(() => shop.app.close());

describe('POST /auth/register', () => {
  it('creates the account: 201 with the user, never the password', async () => {
    const response = await http()
      .post('/auth/register')
      .send({ email: 'ada@example.com', password: 'analytical', name: 'Ada' })
      .expect(201);
    expect(response.body).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada',
      role: 'customer',
    });
    expect(JSON.stringify(response.body)).not.toContain('analytical');
  });

  it('answers 400 naming every invalid field', async () => {
    const response = await http()
      .post('/auth/register')
      .send({ email: 'not-an-email', password: 'short' })
      .expect(400);
    expect(errorOf(response).code).toBe('BAD_REQUEST');
    const fields = fieldsOf(response);
    expect(new Set(fields)).toEqual(new Set(['email', 'password', 'name']));
    expect(errorOf(response).message).toContain('email');
  });

  it('refuses unknown fields rather than ignoring them (no role: admin by the back door)', async () => {
    const response = await http()
      .post('/auth/register')
      .send({ email: 'eve@example.com', password: 'password-1', name: 'Eve', role: 'admin' })
      .expect(400);
    expect(errorOf(response).details).toEqual([
      { field: 'role', message: 'property role should not exist' },
    ]);
  });

  it("passes the service's CONFLICT on as 409", async () => {
    const response = await http()
      .post('/auth/register')
      .send({ email: ADMIN.email, password: 'password-1', name: 'Again' })
      .expect(409);
    expect(response.body).toMatchObject({ code: 'CONFLICT', message: 'e-mail already used' });
  });
});

describe('POST /auth/login and GET /me', () => {
  it('answers a token that opens /me', async () => {
    const login = await http().post('/auth/login').send(ADMIN).expect(200);
    expect(bodyOf<LoginAnswer>(login).user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    const me = await http()
      .get('/me')
      .set('Authorization', `Bearer ${bodyOf<LoginAnswer>(login).accessToken}`)
      .expect(200);
    expect(me.body).toEqual(bodyOf<LoginAnswer>(login).user);
  });

  it('answers 401 for a wrong password', async () => {
    const response = await http()
      .post('/auth/login')
      .send({ ...ADMIN, password: 'wrong-password' })
      .expect(401);
    expect(errorOf(response).code).toBe('UNAUTHORIZED');
  });

  it.each([
    ['no Authorization header', undefined],
    ['another scheme', 'Basic YWRtaW46YWRtaW4='],
    ['a token the user service does not know', 'Bearer forged'],
    ['an empty bearer token', 'Bearer '],
  ])('answers 401 to /me with %s, inviting a bearer token', async (_case, authorization) => {
    const call = http().get('/me');
    if (authorization !== undefined) call.set('Authorization', authorization);
    const response = await call.expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
  });
});
