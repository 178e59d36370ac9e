import { Logger } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGatewayApp, type GatewayTestApp } from '../../testing/gateway-app.fixture.js';
import { bodyOf, errorOf, fieldsOf } from '../../testing/responses.fixture.js';
import { signedIn } from '../../testing/shop-state.fixture.js';

interface ListBody {
  items: { seq: string; service: string; subject: string; blockedBy: string | null }[];
  total: number;
  unavailable: { service: string; code: string }[];
}
interface RetryBody {
  actor: string;
  results: { service: string; seq: string; outcome: string; blockedBy: string | null }[];
  unavailable: { service: string; code: string }[];
}

let shop: GatewayTestApp;
let admin: ReturnType<typeof signedIn>;
let customer: ReturnType<typeof signedIn>;
const http = () => request(shop.app.getHttpServer());
const asAdmin = {
  get: (path: string) => http().get(path).set('Authorization', admin.authorization),
  post: (path: string, body: object) =>
    http().post(path).set('Authorization', admin.authorization).send(body),
};

beforeAll(async () => {
  // Payment is down: the routes over every service must still answer, naming it.
  shop = await startGatewayApp({ absent: ['payment'], rpcTimeoutMs: 500 });
  admin = signedIn(shop.state, 'ops@example.com', 'admin');
  customer = signedIn(shop.state, 'cy@example.com');
});
afterAll(() => shop.app.close());
beforeEach(() => {
  shop.parked.events.splice(0);
  shop.parked.requests.splice(0);
  vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
});

describe('the parked-event routes', () => {
  it('answer 403 to a customer and 401 without a token, on every route', async () => {
    const routes = [
      () => http().get('/admin/parked-events'),
      () => http().get('/admin/parked-events/order/1'),
      () => http().post('/admin/parked-events/retry-now').send({ subject: 'order-1' }),
    ];
    for (const route of routes) {
      expect(
        errorOf(await route().set('Authorization', customer.authorization).expect(403)).code,
      ).toBe('FORBIDDEN');
      await route().expect(401);
    }
    expect(shop.parked.requests).toEqual([]);
  });

  it('list the parked events of every service, oldest first, naming those that did not answer', async () => {
    const older = shop.parked.add('inventory');
    const newer = shop.parked.add('order');
    const behind = shop.parked.add('inventory', { blockedBy: older.seq, attempts: 0 });

    const response = await asAdmin.get('/admin/parked-events').expect(200);

    const body = bodyOf<ListBody>(response);
    expect(body.items.map((item) => [item.service, item.seq, item.blockedBy])).toEqual([
      ['inventory', older.seq, null],
      ['order', newer.seq, null],
      ['inventory', behind.seq, older.seq],
    ]);
    expect(body.total).toBe(3);
    expect(body.unavailable).toEqual([
      expect.objectContaining({ service: 'payment', code: 'SERVICE_UNAVAILABLE' }),
    ]);
  });

  it('pass the filters on, and page across services', async () => {
    for (const service of ['order', 'inventory', 'order'] as const) shop.parked.add(service);
    const filtered = await asAdmin
      .get(
        '/admin/parked-events?service=order&type=order.placed&subject=order-2&consumer=order.handler',
      )
      .expect(200);
    expect(bodyOf<ListBody>(filtered)).toMatchObject({ items: [], total: 0, unavailable: [] });
    expect(shop.parked.requests).toEqual([
      {
        pattern: 'order.parked-events.list',
        payload: {
          eventType: 'order.placed',
          subject: 'order-2',
          consumer: 'order.handler',
          limit: 50,
          offset: 0,
        },
      },
    ]);
    const page = await asAdmin.get('/admin/parked-events?limit=1&offset=1').expect(200);
    expect(bodyOf<ListBody>(page).items.map((item) => item.service)).toEqual(['inventory']);
    expect(bodyOf<ListBody>(page).total).toBe(3);
  });

  it('refuse an unknown service, a bad page or one too deep to merge with 400', async () => {
    for (const [query, field] of [
      ['service=shipping', 'service'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=500&offset=1', 'offset'],
      ['status=open', 'status'],
    ]) {
      const response = await asAdmin.get(`/admin/parked-events?${query}`).expect(400);
      expect(fieldsOf(response), query).toEqual([field]);
    }
  });

  it('answer 503 when the one service asked is down', async () => {
    const response = await asAdmin.get('/admin/parked-events?service=payment').expect(503);
    expect(errorOf(response).message).toBe('the payment service is unavailable');
  });

  it('inspect one parked event; 404 for an unknown number or service, 400 for no number', async () => {
    const event = shop.parked.add('inventory');
    const found = await asAdmin.get(`/admin/parked-events/inventory/${event.seq}`).expect(200);
    expect(found.body).toMatchObject({ seq: event.seq, error: 'boom', errorStack: 'Error: boom' });
    await asAdmin.get(`/admin/parked-events/order/${event.seq}`).expect(404);
    await asAdmin.get(`/admin/parked-events/shipping/${event.seq}`).expect(404);
    const bad = await asAdmin.get('/admin/parked-events/inventory/first').expect(400);
    expect(fieldsOf(bad)).toEqual(['seq']);
  });

  it('retry a subject now in every service, as the administrator', async () => {
    const first = shop.parked.add('inventory', { subject: 'order-7' });
    shop.parked.add('inventory', { subject: 'order-7', blockedBy: first.seq });
    const other = shop.parked.add('notification', { subject: 'order-7' });
    shop.parked.add('order', { subject: 'order-8' });

    const response = await asAdmin
      .post('/admin/parked-events/retry-now', { subject: 'order-7', note: 'stock table back' })
      .expect(200);

    const body = bodyOf<RetryBody>(response);
    expect(body).toMatchObject({
      actor: `ops@example.com (${admin.user.id})`,
      unavailable: [{ service: 'payment', code: 'SERVICE_UNAVAILABLE' }],
    });
    expect(body.results.map((r) => [r.service, r.seq, r.outcome])).toEqual([
      ['inventory', first.seq, 'due-now'],
      ['notification', other.seq, 'due-now'],
    ]);
    const asked = shop.parked.requests.find(
      (r) => r.pattern === 'inventory.parked-events.retry-now',
    );
    expect(asked?.payload).toEqual({
      selection: { subject: 'order-7' },
      actor: `ops@example.com (${admin.user.id})`,
      note: 'stock table back',
    });
  });

  it('retry one event of one service; report one behind another; 404 for one not parked', async () => {
    const first = shop.parked.add('order');
    const second = shop.parked.add('order', { blockedBy: first.seq });

    const due = await asAdmin
      .post('/admin/parked-events/retry-now', { service: 'order', seq: first.seq })
      .expect(200);
    expect(bodyOf<RetryBody>(due)).toMatchObject({
      results: [{ service: 'order', seq: first.seq, outcome: 'due-now' }],
      unavailable: [],
    });
    const behind = await asAdmin
      .post('/admin/parked-events/retry-now', { service: 'order', seq: second.seq })
      .expect(200);
    expect(bodyOf<RetryBody>(behind).results).toEqual([
      expect.objectContaining({ outcome: 'behind', blockedBy: first.seq }),
    ]);
    const missing = await asAdmin
      .post('/admin/parked-events/retry-now', { service: 'inventory', seq: first.seq })
      .expect(404);
    expect(errorOf(missing).code).toBe('NOT_FOUND');
  });

  it('refuse a body that selects nothing, both, or a number without its service, with 400', async () => {
    for (const [body, reason] of [
      [{}, 'select by seq (with service) or by subject'],
      [{ note: 'x' }, 'select by seq (with service) or by subject'],
      [{ service: 'order', seq: '1', subject: 'order-1' }, 'not both'],
      [{ seq: '1' }, 'name the service'],
    ] as const) {
      const response = await asAdmin.post('/admin/parked-events/retry-now', body).expect(400);
      expect(errorOf(response).message, JSON.stringify(body)).toContain(reason);
    }
    for (const [body, field] of [
      [{ service: 'order', seq: 'one' }, 'seq'],
      [{ service: 'order', seq: '0' }, 'seq'],
      [{ service: 'shipping', subject: 'order-1' }, 'service'],
      [{ subject: 'order-1', all: true }, 'all'],
    ] as const) {
      const response = await asAdmin.post('/admin/parked-events/retry-now', body).expect(400);
      expect(fieldsOf(response), JSON.stringify(body)).toEqual([field]);
    }
    expect(shop.parked.requests).toEqual([]);
  });
});
