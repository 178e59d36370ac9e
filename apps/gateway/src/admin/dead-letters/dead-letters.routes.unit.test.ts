import { beforeEach, describe, expect, it } from 'vitest';
import { adminRoutesFeatures, PAYMENT_DOWN, type ListBody } from '../admin-routes.features.js';
import { bodyOf, errorOf, fieldsOf } from '../../testing/responses.fixture.js';

type Listed = ListBody<{ id: string; service: string; status: string }>;
interface ActionBody {
  action: string;
  dryRun: boolean;
  actor: string;
  results: { service: string; id: string; outcome: string }[];
  missing: string[];
  unavailable: { service: string; code: string }[];
}

interface Bytes {
  text: string | null;
  base64: string;
  preview: string;
}
interface Raw {
  value: Bytes;
  headers: { name: string; value: Bytes | null }[];
}

describe('the dead-letter routes', () => {
  const gateway = adminRoutesFeatures({
    path: '/admin/dead-letters',
    routes: (http) => [
      () => http().get('/admin/dead-letters'),
      () => http().get('/admin/dead-letters/order/00000001-0000-4000-8000-000000000000'),
      () => http().post('/admin/dead-letters/replay').send({ all: true }),
      () => http().post('/admin/dead-letters/discard').send({ all: true }),
    ],
    refusedQueries: [
      ['service=shipping', 'service'],
      ['status=lost', 'status'],
      ['limit=0', 'limit'],
      ['limit=500&offset=1', 'offset'],
    ],
    requests: (shop) => shop.deadLetters.requests,
  });
  const { asAdmin } = gateway;

  beforeEach(() => {
    gateway.deadLetters.letters.splice(0);
    gateway.deadLetters.requests.splice(0);
  });

  it('list the dead letters of every service, newest first, naming those that did not answer', async () => {
    const older = gateway.deadLetters.add('inventory');
    const newer = gateway.deadLetters.add('order', { status: 'replayed' });

    const response = await asAdmin.get('/admin/dead-letters').expect(200);

    const body = bodyOf<Listed>(response);
    expect(body.items.map((item) => [item.service, item.id])).toEqual([
      ['order', newer.id],
      ['inventory', older.id],
    ]);
    expect(body.total).toBe(2);
    expect(body.unavailable).toEqual([expect.objectContaining(PAYMENT_DOWN)]);
  });

  it('pass the filters on, and page across services', async () => {
    for (const service of ['order', 'inventory', 'order'] as const) {
      gateway.deadLetters.add(service);
    }
    const filtered = await asAdmin
      .get(
        '/admin/dead-letters?service=order&type=order.placed&subject=order-1&reason=x&status=open',
      )
      .expect(200);
    expect(bodyOf<Listed>(filtered)).toMatchObject({ items: [], total: 0, unavailable: [] });
    expect(gateway.deadLetters.requests).toEqual([
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
    expect(bodyOf<Listed>(page).items.map((item) => item.service)).toEqual(['inventory']);
    expect(bodyOf<Listed>(page).total).toBe(3);
  });

  it('inspect one dead letter; 404 for an unknown id or service', async () => {
    const letter = gateway.deadLetters.add('inventory');
    const found = await asAdmin.get(`/admin/dead-letters/inventory/${letter.id}`).expect(200);
    expect(found.body).toMatchObject({ id: letter.id, replayable: true, audit: [] });
    await asAdmin.get(`/admin/dead-letters/order/${letter.id}`).expect(404);
    await asAdmin.get(`/admin/dead-letters/shipping/${letter.id}`).expect(404);
    const bad = await asAdmin.get('/admin/dead-letters/inventory/not-a-uuid').expect(400);
    expect(fieldsOf(bad)).toEqual(['id']);
  });

  it('inspect one whose body holds NUL and invalid UTF-8, with null and binary headers', async () => {
    const letter = gateway.deadLetters.add('inventory', { reason: 'malformed-json' });
    const body = Uint8Array.from([0x7b, 0x00, 0xff, 0xfe, 0x22, 0xc3, 0x28, 0x7d]);
    const blob = Uint8Array.from([0x00, 0x80, 0xff]);
    gateway.deadLetters.messages.set(letter.id, {
      key: Uint8Array.from([0x6f, 0x00]),
      value: body,
      headers: [
        { name: 'ce_type', value: new TextEncoder().encode('stock.reserved') },
        { name: 'trace', value: null },
        { name: 'blob', value: blob },
      ],
    });
    const found = await asAdmin.get(`/admin/dead-letters/inventory/${letter.id}`).expect(200);
    const raw = (found.body as { raw: Raw }).raw;
    expect([...Buffer.from(raw.value.base64, 'base64')]).toEqual([...body]);
    expect(raw.value).toMatchObject({ text: null, preview: '{\\x00\\xff\\xfe"\\xc3(}' });
    expect(raw.headers.map((header) => [header.name, header.value?.base64 ?? null])).toEqual([
      ['ce_type', Buffer.from('stock.reserved').toString('base64')],
      ['trace', null],
      ['blob', Buffer.from(blob).toString('base64')],
    ]);
    expect(found.body).toMatchObject({
      payload: raw.value.preview,
      headers: { ce_type: 'stock.reserved' },
    });
  });

  it('replay in every service by subject, as the administrator, and list what was replayed', async () => {
    const a = gateway.deadLetters.add('inventory', { subject: 'order-7' });
    const b = gateway.deadLetters.add('notification', { subject: 'order-7' });
    gateway.deadLetters.add('order', { subject: 'order-8' });

    const response = await asAdmin
      .post('/admin/dead-letters/replay', { subject: 'order-7', note: 'fixed in 1.4.2' })
      .expect(200);

    const body = bodyOf<ActionBody>(response);
    expect(body).toMatchObject({
      action: 'replay',
      dryRun: false,
      actor: `ops@example.com (${gateway.admin.user.id})`,
      missing: [],
      unavailable: [PAYMENT_DOWN],
    });
    expect(body.results.map((r) => [r.service, r.id, r.outcome])).toEqual([
      ['inventory', a.id, 'replayed'],
      ['notification', b.id, 'replayed'],
    ]);
    const asked = gateway.deadLetters.requests.find(
      (r) => r.pattern === 'inventory.dead-letters.replay',
    );
    expect(asked?.payload).toEqual({
      selection: { subject: 'order-7' },
      actor: `ops@example.com (${gateway.admin.user.id})`,
      dryRun: false,
      note: 'fixed in 1.4.2',
    });
  });

  it('dry-run a discard by ids in one service, and name the ids it does not have', async () => {
    const letter = gateway.deadLetters.add('order');
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
    const letter = gateway.deadLetters.add('fulfillment');
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
    expect(gateway.deadLetters.requests).toEqual([]);
  });
});
