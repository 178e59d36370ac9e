import { Logger } from '@nestjs/common';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGatewayApp, type GatewayTestApp } from '../testing/gateway-app.fixture.js';
import { errorOf, fieldsOf } from '../testing/responses.fixture.js';
import { signedIn } from '../testing/shop-state.fixture.js';

let shop: GatewayTestApp;
const http = () => request(shop.app.getHttpServer());

beforeAll(async () => {
  shop = await startGatewayApp({ absent: ['notification'], rpcTimeoutMs: 200 });
});
afterAll(() => shop.app.close());
afterEach(() => {
  shop.state.catalogueFault = undefined;
  vi.restoreAllMocks();
});

describe('bodies the gateway refuses before any service hears of them', () => {
  it('answers 400, not 500, to malformed JSON', async () => {
    const response = await http()
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "ada@example.com",')
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
    expect(errorOf(response).correlationId).toEqual(expect.any(String));
  });

  it('answers 413 to a body over 100 kB', async () => {
    const response = await http()
      .post('/auth/register')
      .send({ email: 'big@example.com', password: 'password-1', name: 'x'.repeat(110_000) })
      .expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 400 to a JSON array where an object is expected', async () => {
    await http().post('/auth/login').send([1, 2]).expect(400);
  });

  it('answers 400 naming the fields when the body is not JSON at all', async () => {
    const response = await http()
      .post('/auth/login')
      .set('Content-Type', 'text/plain')
      .send('email=ada')
      .expect(400);
    expect(fieldsOf(response)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('answers 404 in the same shape for a route that does not exist', async () => {
    const response = await http().get('/nowhere').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});

describe('correlation id', () => {
  it("echoes the caller's X-Request-Id", async () => {
    const response = await http().get('/products').set('X-Request-Id', 'req-42').expect(200);
    expect(response.headers['x-request-id']).toBe('req-42');
  });

  it('generates one when absent, or when the given one is not a plain token', async () => {
    const absent = await http().get('/products').expect(200);
    const hostile = await http().get('/products').set('X-Request-Id', 'a b\tc').expect(200);
    for (const response of [absent, hostile]) {
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('is in the header and the body of an error, even one refused before routing', async () => {
    const response = await http()
      .post('/auth/login')
      .set('X-Request-Id', 'req-broken-json')
      .set('Content-Type', 'application/json')
      .send('{')
      .expect(400);
    expect(response.headers['x-request-id']).toBe('req-broken-json');
    expect(errorOf(response).correlationId).toBe('req-broken-json');
  });
});

describe('a service that fails', () => {
  it('answers 500 with the correlation id, and logs the cause under it', async () => {
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    shop.state.catalogueFault = 'crash';
    const response = await http().get('/products').set('X-Request-Id', 'req-crash').expect(500);
    expect(response.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: 'unexpected error',
      correlationId: 'req-crash',
    });
    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => line.includes('req-crash') && line.includes('GET /products'))).toBe(
      true,
    );
  });

  it('answers 500 when a service answers outside its contract', async () => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    shop.state.catalogueFault = 'garbage';
    const response = await http().get('/products').expect(500);
    expect(JSON.stringify(response.body)).not.toContain('unitPrice');
  });

  it('answers 504 when a service does not answer in time', async () => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    shop.state.catalogueFault = 'hang';
    const response = await http().get('/products').expect(504);
    expect(response.body).toMatchObject({
      code: 'GATEWAY_TIMEOUT',
      message: 'the inventory service did not answer in time',
    });
  });

  it('answers 503 when no service handles the call', async () => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { authorization } = signedIn(shop.state, 'mailless@example.com');
    const response = await http().get('/mailbox').set('Authorization', authorization).expect(503);
    expect(response.body).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'the notification service is unavailable',
    });
  });
});
