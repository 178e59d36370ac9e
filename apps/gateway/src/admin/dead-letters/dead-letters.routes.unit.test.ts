import { Logger } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGatewayApp, type GatewayTestApp } from '../../testing/gateway-app.fixture.js';
import { bodyOf, errorOf, fieldsOf } from '../../testing/responses.fixture.js';
import { signedIn } from '../../testing/shop-state.fixture.js';

interface ListBody {
  items: { id: string; service: string; status: string }[];
  total: number;
  unavailable: { service: string; code: string }[];
}
interface ActionBody {
  action: string;
  dryRun: boolean;
  actor: string;
  results: { service: string; id: string; outcome: string }[];
  missing: string[];
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
  shop.deadLetters.letters.splice(0);
  shop.deadLetters.requests.splice(0);
  vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
});

describe('the dead-letter routes', () => {
  it('answer 403 to a customer and 401 without a token, on every route', async () => {
    const routes = [
      () => http().get('/admin/dead-letters'),
      () => http().get('/admin/dead-letters/order/00000001-0000-4000-8000-000000000000'),
      () => http().post('/admin/dead-letters/replay').send({ all: true }),
      () => http().post('/admin/dead-letters/discard').send({ all: true }),
    ];
    for (const route of routes) {
      expect(
        errorOf(await route().set('Authorization', customer.authorization).expect(403)).code,
      ).toBe('FORBIDDEN');
      await route().expect(401);
    }
    expect(shop.deadLetters.requests).toEqual([]);
  });

  it('list the dead letters of every service, newest first, naming those that did not answer', async () => {
    const older = shop.deadLetters.add('inventory');
    const newer = shop.deadLetters.add('order', { status: 'replayed' });

    const response = await asAdmin.get('/admin/dead-letters').expect(200);

    const body = bodyOf<ListBody>(response);
    expect(body.items.map((item) => [item.service, item.id])).toEqual([
      ['order', newer.id],
      ['inventory', older.id],
    ]);
    expect(body.total).toBe(2);
    expect(body.unavailable).toEqual([
      expect.objectContaining({ service: 'payment', code: 'SERVICE_UNAVAILABLE' }),
    ]);
  });

  it('pass the filters on, and page across services', async () => {
    for (const service of ['order', 'inventory', 'order'] as const) shop.deadLetters.add(service);
    const filtered = await asAdmin
      .get(
        '/admin/dead-letters?service=order&type=order.placed&subject=order-1&reason=x&status=open',
      )
      .expect(200);
    expect(bodyOf<ListBody>(filtered)).toMatchObject({ items: [], total: 0, unavailable: [] });
    expect(shop.deadLetters.requests).toEqual([
      {
        pattern: 'order.dead-letters.list',
        payload: {
          eventType: 'order.placed',
          subject: 'order-1',
          reason: 'x',
          status: 'open',
          limit: 50,
          offset: 0,
        },
      },
    ]);
    const page = await asAdmin.get('/admin/dead-letters?limit=1&offset=1').expect(200);
    expect(bodyOf<ListBody>(page).items.map((item) => item.service)).toEqual(['inventory']);
    expect(bodyOf<ListBody>(page).total).toBe(3);
  });

  it('refuse an unknown service, status or a page too deep to merge with 400', async () => {
    for (const [query, field] of [
      ['service=shipping', 'service'],
      ['status=lost', 'status'],
      ['limit=0', 'limit'],
      ['limit=500&offset=1', 'offset'],
    ]) {
      const response = await asAdmin.get(`/admin/dead-letters?${query}`).expect(400);
      expect(fieldsOf(response), query).toEqual([field]);
    }
  });

  it('answer 503 when the one service asked is down', async () => {
    const response = await asAdmin.get('/admin/dead-letters?service=payment').expect(503);
    expect(errorOf(response).message).toBe('the payment service is unavailable');
  });

  it('inspect one dead letter; 404 for an unknown id or service', async () => {
    const letter = shop.deadLetters.add('inventory');
    const found = await asAdmin.get(`/admin/dead-letters/inventory/${letter.id}`).expect(200);
    expect(found.body).toMatchObject({ id: letter.id, replayable: true, audit: [] });
    await asAdmin.get(`/admin/dead-letters/order/${letter.id}`).expect(404);
    await asAdmin.get(`/admin/dead-letters/shipping/${letter.id}`).expect(404);
    const bad = await asAdmin.get('/admin/dead-letters/inventory/not-a-uuid').expect(400);
    expect(fieldsOf(bad)).toEqual(['id']);
  });

  it('replay in every service by subject, as the administrator, and list what was replayed', async () => {
    const a = shop.deadLetters.add('inventory', { subject: 'order-7' });
    const b = shop.deadLetters.add('notification', { subject: 'order-7' });
    shop.deadLetters.add('order', { subject: 'order-8' });

    const response = await asAdmin
      .post('/admin/dead-letters/replay', { subject: 'order-7', note: 'fixed in 1.4.2' })
      .expect(200);

    const body = bodyOf<ActionBody>(response);
    expect(body).toMatchObject({
      action: 'replay',
      dryRun: false,
      actor: `ops@example.com (${admin.user.id})`,
      missing: [],
      unavailable: [{ service: 'payment', code: 'SERVICE_UNAVAILABLE' }],
    });
    expect(body.results.map((r) => [r.service, r.id, r.outcome])).toEqual([
      ['inventory', a.id, 'replayed'],
      ['notification', b.id, 'replayed'],
    ]);
    const asked = shop.deadLetters.requests.find(
      (r) => r.pattern === 'inventory.dead-letters.replay',
    );
    expect(asked?.payload).toEqual({
      selection: { subject: 'order-7' },
      actor: `ops@example.com (${admin.user.id})`,
      dryRun: false,
      note: 'fixed in 1.4.2',
    });
  });

  it('dry-run a discard by ids in one service, and name the ids it does not have', async () => {
    const letter = shop.deadLetters.add('order');
    const unknown = '0000ffff-0000-4000-8000-000000000000';

    const response = await asAdmin
      .post('/admin/dead-letters/discard', {
        service: 'order',
        ids: [letter.id, unknown],
        dryRun: true,
      })
      .expect(200);

    expect(bodyOf<ActionBody>(response)).toMatchObject({
      action: 'discard',
      dryRun: true,
      results: [{ service: 'order', id: letter.id, outcome: 'would-discard' }],
      missing: [unknown],
      unavailable: [],
    });
    expect(letter.status).toBe('open');
  });

  it('find ids in whichever service has them', async () => {
    const letter = shop.deadLetters.add('fulfillment');
    const response = await asAdmin
      .post('/admin/dead-letters/discard', { ids: [letter.id], note: 'duplicate shipment' })
      .expect(200);
    expect(bodyOf<ActionBody>(response).results).toEqual([
      expect.objectContaining({ service: 'fulfillment', outcome: 'discarded' }),
    ]);
    expect(bodyOf<ActionBody>(response).missing).toEqual([]);
  });

  it('refuse a body that selects nothing, or all with more, with 400', async () => {
    for (const body of [{}, { dryRun: true }, { all: true, subject: 'order-1' }, { all: false }]) {
      const response = await asAdmin.post('/admin/dead-letters/replay', body).expect(400);
      expect(errorOf(response).message, JSON.stringify(body)).toContain('select by ids');
    }
    const badIds = await asAdmin.post('/admin/dead-letters/replay', { ids: ['x'] }).expect(400);
    expect(fieldsOf(badIds)).toEqual(['ids']);
    const unknownField = await asAdmin
      .post('/admin/dead-letters/discard', { all: true, force: true })
      .expect(400);
    expect(fieldsOf(unknownField)).toEqual(['force']);
    expect(shop.deadLetters.requests).toEqual([]);
  });
});
