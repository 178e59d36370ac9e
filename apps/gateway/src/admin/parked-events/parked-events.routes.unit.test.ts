import { beforeEach, describe, expect, it } from 'vitest';
import { adminRoutesFeatures, PAYMENT_DOWN, type ListBody } from '../admin-routes.features.js';
import { bodyOf, errorOf, fieldsOf } from '../../testing/responses.fixture.js';

type Listed = ListBody<{ seq: string; service: string; subject: string; blockedBy: string | null }>;
interface RetryBody {
  actor: string;
  results: { service: string; seq: string; outcome: string; blockedBy: string | null }[];
  unavailable: { service: string; code: string }[];
}

describe('the parked-event routes', () => {
  const gateway = adminRoutesFeatures({
    path: '/admin/parked-events',
    routes: (http) => [
      () => http().get('/admin/parked-events'),
      () => http().get('/admin/parked-events/order/1'),
      () => http().post('/admin/parked-events/retry-now').send({ subject: 'order-1' }),
    ],
    refusedQueries: [
      ['service=shipping', 'service'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=500&offset=1', 'offset'],
      ['status=open', 'status'],
    ],
    requests: (shop) => shop.parked.requests,
  });
  const { asAdmin } = gateway;

  beforeEach(() => {
    gateway.parked.events.splice(0);
    gateway.parked.requests.splice(0);
  });

  it('list the parked events of every service, oldest first, naming those that did not answer', async () => {
    const older = gateway.parked.add('inventory');
    const newer = gateway.parked.add('order');
    const behind = gateway.parked.add('inventory', { blockedBy: older.seq, attempts: 0 });

    const response = await asAdmin.get('/admin/parked-events').expect(200);

    const body = bodyOf<Listed>(response);
    expect(body.items.map((item) => [item.service, item.seq, item.blockedBy])).toEqual([
      ['inventory', older.seq, null],
      ['order', newer.seq, null],
      ['inventory', behind.seq, older.seq],
    ]);
    expect(body.total).toBe(3);
    expect(body.unavailable).toEqual([expect.objectContaining(PAYMENT_DOWN)]);
  });

  it('pass the filters on, and page across services', async () => {
    for (const service of ['order', 'inventory', 'order'] as const) gateway.parked.add(service);
    const filtered = await asAdmin
      .get(
        '/admin/parked-events?service=order&type=order.placed&subject=order-2&consumer=order.handler',
      )
      .expect(200);
    expect(bodyOf<Listed>(filtered)).toMatchObject({ items: [], total: 0, unavailable: [] });
    expect(gateway.parked.requests).toEqual([
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
    expect(bodyOf<Listed>(page).items.map((item) => item.service)).toEqual(['inventory']);
    expect(bodyOf<Listed>(page).total).toBe(3);
  });

  it('inspect one parked event; 404 for an unknown number or service, 400 for no number', async () => {
    const event = gateway.parked.add('inventory');
    const found = await asAdmin.get(`/admin/parked-events/inventory/${event.seq}`).expect(200);
    expect(found.body).toMatchObject({ seq: event.seq, error: 'boom', errorStack: 'Error: boom' });
    await asAdmin.get(`/admin/parked-events/order/${event.seq}`).expect(404);
    await asAdmin.get(`/admin/parked-events/shipping/${event.seq}`).expect(404);
    const bad = await asAdmin.get('/admin/parked-events/inventory/first').expect(400);
    expect(fieldsOf(bad)).toEqual(['seq']);
  });

  it('retry a subject now in every service, as the administrator', async () => {
    const first = gateway.parked.add('inventory', { subject: 'order-7' });
    gateway.parked.add('inventory', { subject: 'order-7', blockedBy: first.seq });
    const other = gateway.parked.add('notification', { subject: 'order-7' });
    gateway.parked.add('order', { subject: 'order-8' });

    const response = await asAdmin
      .post('/admin/parked-events/retry-now', { subject: 'order-7', note: 'stock table back' })
      .expect(200);

    const body = bodyOf<RetryBody>(response);
    expect(body).toMatchObject({
      actor: `ops@example.com (${gateway.admin.user.id})`,
      unavailable: [PAYMENT_DOWN],
    });
    expect(body.results.map((r) => [r.service, r.seq, r.outcome])).toEqual([
      ['inventory', first.seq, 'due-now'],
      ['notification', other.seq, 'due-now'],
    ]);
    const asked = gateway.parked.requests.find(
      (r) => r.pattern === 'inventory.parked-events.retry-now',
    );
    expect(asked?.payload).toEqual({
      selection: { subject: 'order-7' },
      actor: `ops@example.com (${gateway.admin.user.id})`,
      note: 'stock table back',
    });
  });

  it('retry one event of one service; report one behind another; 404 for one not parked', async () => {
    const first = gateway.parked.add('order');
    const second = gateway.parked.add('order', { blockedBy: first.seq });

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
    expect(gateway.parked.requests).toEqual([]);
  });
});
