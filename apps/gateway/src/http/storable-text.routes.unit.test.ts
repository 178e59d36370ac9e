import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { buildOpenApiDocument } from '../openapi.js';
import { ServicesClient } from '../rpc/services.client.js';
import { startGatewayApp, type GatewayTestApp } from '../testing/gateway-app.fixture.js';
import { errorOf } from '../testing/responses.fixture.js';
import { signedIn } from '../testing/shop-state.fixture.js';

// Every text input of every route, holding what PostgreSQL cannot store: the gateway answers
// 400 naming the field, and no service hears of the request (not even the token check).

let shop: GatewayTestApp;
let customer: string;
let admin: string;
let serviceCalls: MockInstance<ServicesClient['call']>;
const http = () => request(shop.app.getHttpServer());

beforeAll(async () => {
  shop = await startGatewayApp();
  customer = signedIn(shop.state, 'ada@example.com').authorization;
  admin = signedIn(shop.state, 'root@example.com', 'admin').authorization;
  // Watches the gateway's one way to the services; the calls still go through.
  serviceCalls = vi.spyOn(shop.app.get(ServicesClient), 'call');
});
afterAll(() => shop.app.close());

type Auth = 'public' | 'customer' | 'admin';

interface RouteInput {
  readonly route: string;
  readonly auth: Auth;
  readonly field: string;
  /** The request with `bad` in `field` and valid values elsewhere. */
  readonly build: (bad: string) => { path: string; query?: object; body?: object };
}

const order = { lines: [{ sku: 'MUG', quantity: 1 }], paymentToken: 'tok_visa' };
const register = { email: 'new@example.com', password: 'password-1', name: 'New' };
const id = '7b0d3c52-64a4-4a5e-9d55-3a8f4b6b0a11';
const at = (value: string) => encodeURIComponent(value);

/** Inputs carried in a JSON body: any string JSON can spell, lone surrogates included. */
const BODY_INPUTS: RouteInput[] = [
  ...['email', 'password', 'name'].map((field) => ({
    route: 'POST /auth/register',
    auth: 'public' as const,
    field,
    build: (bad: string) => ({ path: '/auth/register', body: { ...register, [field]: bad } }),
  })),
  ...['email', 'password'].map((field) => ({
    route: 'POST /auth/login',
    auth: 'public' as const,
    field,
    build: (bad: string) => ({
      path: '/auth/login',
      body: { email: 'ada@example.com', password: 'password-1', [field]: bad },
    }),
  })),
  {
    route: 'POST /orders',
    auth: 'customer',
    field: 'lines.0.sku',
    build: (bad) => ({ path: '/orders', body: { ...order, lines: [{ sku: bad, quantity: 1 }] } }),
  },
  {
    route: 'POST /orders',
    auth: 'customer',
    field: 'paymentToken',
    build: (bad) => ({ path: '/orders', body: { ...order, paymentToken: bad } }),
  },
  {
    route: 'POST /orders/{id}/cancel',
    auth: 'customer',
    field: 'reason',
    build: (bad) => ({ path: `/orders/${id}/cancel`, body: { reason: bad } }),
  },
  ...['carrier', 'trackingNumber'].map((field) => ({
    route: 'POST /admin/orders/{id}/ship',
    auth: 'admin' as const,
    field,
    build: (bad: string) => ({ path: `/admin/orders/${id}/ship`, body: { [field]: bad } }),
  })),
  ...['replay', 'discard'].flatMap((action) =>
    ['service', 'subject', 'type', 'note', 'ids.0'].map((field) => ({
      route: `POST /admin/dead-letters/${action}`,
      auth: 'admin' as const,
      field,
      build: (bad: string) => ({
        path: `/admin/dead-letters/${action}`,
        body: field === 'ids.0' ? { ids: [bad] } : { subject: 'order-1', [field]: bad },
      }),
    })),
  ),
  ...['service', 'seq', 'subject', 'note'].map((field) => ({
    route: 'POST /admin/parked-events/retry-now',
    auth: 'admin' as const,
    field,
    build: (bad: string) => ({
      path: '/admin/parked-events/retry-now',
      body: { service: 'order', seq: '1', note: 'again', [field]: bad },
    }),
  })),
  {
    route: 'POST /auth/register',
    auth: 'public',
    field: 'nickname',
    // An unknown field is refused anyway; its text is checked first, like every other.
    build: (bad) => ({ path: '/auth/register', body: { ...register, nickname: bad } }),
  },
];

/**
 * Inputs carried in the URL. Percent-decoding is UTF-8, which cannot spell a lone surrogate
 * (the decoder refuses or keeps the escapes), so only NUL (`%00`) arrives from there.
 */
const URL_INPUTS: RouteInput[] = [
  {
    route: 'GET /orders/{id}',
    auth: 'customer',
    field: 'id',
    build: (bad) => ({ path: `/orders/${at(bad)}` }),
  },
  {
    route: 'GET /orders/{id}',
    auth: 'customer',
    field: 'asOf',
    build: (bad) => ({ path: `/orders/${id}`, query: { asOf: bad } }),
  },
  {
    route: 'POST /orders/{id}/cancel',
    auth: 'customer',
    field: 'id',
    build: (bad) => ({ path: `/orders/${at(bad)}/cancel`, body: {} }),
  },
  {
    route: 'POST /admin/orders/{id}/ship',
    auth: 'admin',
    field: 'id',
    build: (bad) => ({ path: `/admin/orders/${at(bad)}/ship`, body: {} }),
  },
  {
    route: 'GET /mailbox',
    auth: 'customer',
    field: 'limit',
    build: (bad) => ({ path: '/mailbox', query: { limit: bad } }),
  },
  ...['to', 'limit'].map((field) => ({
    route: 'GET /admin/mailbox',
    auth: 'admin' as const,
    field,
    build: (bad: string) => ({ path: '/admin/mailbox', query: { [field]: bad } }),
  })),
  ...['service', 'type', 'subject', 'consumer', 'reason', 'status', 'limit', 'offset'].map(
    (field) => ({
      route: 'GET /admin/dead-letters',
      auth: 'admin' as const,
      field,
      build: (bad: string) => ({ path: '/admin/dead-letters', query: { [field]: bad } }),
    }),
  ),
  ...['service', 'id'].map((field) => ({
    route: 'GET /admin/dead-letters/{service}/{id}',
    auth: 'admin' as const,
    field,
    build: (bad: string) => ({
      path: `/admin/dead-letters/${field === 'service' ? at(bad) : 'order'}/${field === 'id' ? at(bad) : id}`,
    }),
  })),
  ...['service', 'type', 'subject', 'consumer', 'limit', 'offset'].map((field) => ({
    route: 'GET /admin/parked-events',
    auth: 'admin' as const,
    field,
    build: (bad: string) => ({ path: '/admin/parked-events', query: { [field]: bad } }),
  })),
  ...['service', 'seq'].map((field) => ({
    route: 'GET /admin/parked-events/{service}/{seq}',
    auth: 'admin' as const,
    field,
    build: (bad: string) => ({
      path: `/admin/parked-events/${field === 'service' ? at(bad) : 'order'}/${field === 'seq' ? at(bad) : '1'}`,
    }),
  })),
  // Routes that read no query string still refuse one they could not have stored.
  ...['GET /me', 'GET /products', 'GET /orders'].map((route) => ({
    route,
    auth: 'customer' as const,
    field: 'q',
    build: (bad: string) => ({ path: route.slice(4), query: { q: bad } }),
  })),
];

const NUL = 'tok\u0000visa';
const HIGH_SURROGATE = 'Ada \uD83D';
const LOW_SURROGATE = '\uDE00Ada';

function send(input: RouteInput, bad: string) {
  const { path, query, body } = input.build(bad);
  const method = input.route.startsWith('POST') ? 'post' : 'get';
  const call = http()[method](path);
  if (input.auth !== 'public') call.set('Authorization', input.auth === 'admin' ? admin : customer);
  if (query !== undefined) call.query(query);
  return body === undefined ? call : call.send(body);
}

const cases = [
  ...BODY_INPUTS.flatMap((input) => [
    { ...input, kind: 'U+0000', bad: NUL, reason: 'contains U+0000 (NUL) at index 3' },
    { ...input, kind: 'a lone high surrogate', bad: HIGH_SURROGATE, reason: '(U+D83D) at index 4' },
    { ...input, kind: 'a lone low surrogate', bad: LOW_SURROGATE, reason: '(U+DE00) at index 0' },
  ]),
  ...URL_INPUTS.map((input) => ({
    ...input,
    kind: 'U+0000',
    bad: NUL,
    reason: 'contains U+0000 (NUL) at index 3',
  })),
];

describe('text PostgreSQL cannot store', () => {
  it.each(cases)(
    '$route: $field with $kind is a 400 naming it, and reaches no service',
    async (input) => {
      const users = shop.state.users.size;
      const orders = shop.state.orders.size;
      serviceCalls.mockClear();

      const response = await send(input, input.bad).expect(400);

      expect(errorOf(response)).toMatchObject({
        code: 'BAD_REQUEST',
        message: `invalid request: ${input.field}`,
      });
      expect(errorOf(response).details).toEqual([
        { field: input.field, message: expect.stringContaining(input.reason) as string },
      ]);
      expect(errorOf(response).details?.[0]?.message).toMatch(/cannot be stored$/);
      expect(serviceCalls).not.toHaveBeenCalled();
      expect(shop.state.users.size).toBe(users);
      expect(shop.state.orders.size).toBe(orders);
    },
  );

  it('names every such field of one request, keys included', async () => {
    const response = await http()
      .post('/orders')
      .set('Authorization', customer)
      .send({ lines: [{ sku: 'MUG\u0000', quantity: 1 }], paymentToken: '\uD800', ['x\u0000']: 1 })
      .expect(400);
    expect(errorOf(response).details?.map((detail) => detail.field)).toEqual([
      'lines.0.sku',
      'paymentToken',
      'x\\u0000',
    ]);
  });

  it('lets well-formed text through: a surrogate pair (an emoji) and other control characters', async () => {
    serviceCalls.mockClear();
    const response = await http()
      .post('/auth/register')
      .send({
        email: 'emoji@example.com',
        password: 'password-1',
        name: 'Ada \uD83D\uDE00\t\u0001',
      })
      .expect(201);
    expect(response.body).toMatchObject({ name: 'Ada \uD83D\uDE00\t\u0001' });
    expect(serviceCalls).toHaveBeenCalled();
  });

  it('refuses a path that spells a lone surrogate in UTF-8, before any service', async () => {
    serviceCalls.mockClear();
    const response = await http()
      .get('/orders/%ED%A0%80')
      .set('Authorization', customer)
      .expect(400);
    expect(errorOf(response)).toMatchObject({ code: 'BAD_REQUEST' });
    expect(errorOf(response).message).toContain('Failed to decode param');
    expect(serviceCalls).not.toHaveBeenCalled();
  });

  it('is documented as a 400 of every operation in the OpenAPI document', () => {
    interface Operation {
      responses: Record<string, { description?: string }>;
    }
    const document = buildOpenApiDocument(shop.app) as unknown as {
      paths: Record<string, Record<string, Operation>>;
    };
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
    expect(operations.length).toBeGreaterThan(10);
    for (const operation of operations) {
      expect(operation.responses['400']?.description).toContain('lone UTF-16 surrogate');
    }
  });

  it('covers every route that takes input (a new route needs its cases here)', () => {
    type Stack = { route?: { path: string; methods: Record<string, boolean> } }[];
    const express = shop.app.getHttpAdapter().getInstance() as { router: { stack: Stack } };
    const served = express.router.stack.flatMap(({ route }) =>
      route === undefined || route.path.startsWith('/docs')
        ? []
        : Object.keys(route.methods).map(
            (method) =>
              `${method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1')}`,
          ),
    );
    const tested = new Set(cases.map((input) => input.route));
    expect([...new Set(served)].filter((route) => !tested.has(route))).toEqual([]);
  });
});
