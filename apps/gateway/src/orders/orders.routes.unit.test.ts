import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayApp, type GatewayTestApp } from '../testing/gateway-app.fixture.js';
import {
  bodyOf,
  errorOf,
  fieldsOf,
  type OrderDetails,
  type OrderView,
} from '../testing/responses.fixture.js';
import { signedIn } from '../testing/shop-state.fixture.js';

let shop: GatewayTestApp;
let ada: ReturnType<typeof signedIn>;
let bob: ReturnType<typeof signedIn>;
const http = () => request(shop.app.getHttpServer());

beforeAll(async () => {
  shop = await startGatewayApp();
  ada = signedIn(shop.state, 'ada@example.com');
  bob = signedIn(shop.state, 'bob@example.com');
});
afterAll(() => shop.app.close());

const place = (authorization: string, body: object, requestId?: string) => {
  const call = http().post('/orders').set('Authorization', authorization);
  if (requestId !== undefined) call.set('X-Request-Id', requestId);
  return call.send(body);
};

describe('POST /orders', () => {
  it('accepts the order (202, PLACED) for the signed-in customer, at catalogue prices', async () => {
    const response = await place(ada.authorization, {
      lines: [
        { sku: 'MUG', quantity: 2 },
        { sku: 'TEE', quantity: 1 },
      ],
      paymentToken: 'tok_visa',
    }).expect(202);
    expect(response.body).toMatchObject({
      customerId: ada.user.id,
      status: 'PLACED',
      currency: 'EUR',
      total: 2 * 900 + 1500,
      lines: [
        { sku: 'MUG', quantity: 2, unitPrice: 900 },
        { sku: 'TEE', quantity: 1, unitPrice: 1500 },
      ],
    });
    expect(response.headers.location).toBe(`/orders/${bodyOf<OrderView>(response).id}`);
  });

  it('passes the X-Request-Id to the order service as the correlation id, and echoes it', async () => {
    const placed = await place(
      ada.authorization,
      { lines: [{ sku: 'MUG', quantity: 1 }], paymentToken: 'tok_visa' },
      'checkout-7f3a',
    ).expect(202);
    expect(placed.headers['x-request-id']).toBe('checkout-7f3a');
    const details = await http()
      .get(`/orders/${bodyOf<OrderView>(placed).id}`)
      .set('Authorization', ada.authorization)
      .expect(200);
    expect(bodyOf<OrderDetails>(details).history[0]?.data.correlationId).toBe('checkout-7f3a');
  });

  it('refuses unknown SKUs with 400 naming each one', async () => {
    const response = await place(ada.authorization, {
      lines: [
        { sku: 'MUG', quantity: 1 },
        { sku: 'NOPE', quantity: 1 },
        { sku: 'GONE', quantity: 1 },
      ],
      paymentToken: 'tok_visa',
    }).expect(400);
    expect(errorOf(response).message).toBe('unknown SKU: NOPE, GONE');
    expect(errorOf(response).details).toEqual([
      { field: 'lines.1.sku', message: 'unknown SKU NOPE' },
      { field: 'lines.2.sku', message: 'unknown SKU GONE' },
    ]);
  });

  it('refuses an order that mixes currencies', async () => {
    const response = await place(ada.authorization, {
      lines: [
        { sku: 'MUG', quantity: 1 },
        { sku: 'CAP', quantity: 1 },
      ],
      paymentToken: 'tok_visa',
    }).expect(400);
    expect(errorOf(response).message).toContain('EUR, USD');
  });

  it.each([
    ['no lines', { lines: [], paymentToken: 't' }, 'lines'],
    ['101 lines', { lines: manyLines(101), paymentToken: 't' }, 'lines'],
    [
      'a quantity of 0',
      { lines: [{ sku: 'MUG', quantity: 0 }], paymentToken: 't' },
      'lines.0.quantity',
    ],
    [
      'a quantity of 1001',
      { lines: [{ sku: 'MUG', quantity: 1001 }], paymentToken: 't' },
      'lines.0.quantity',
    ],
    [
      'a fractional quantity',
      { lines: [{ sku: 'MUG', quantity: 1.5 }], paymentToken: 't' },
      'lines.0.quantity',
    ],
    [
      'a quantity in a string',
      { lines: [{ sku: 'MUG', quantity: '2' }], paymentToken: 't' },
      'lines.0.quantity',
    ],
    [
      'a client-chosen price',
      { lines: [{ sku: 'MUG', quantity: 1, unitPrice: 1 }], paymentToken: 't' },
      'lines.0.unitPrice',
    ],
    [
      'the same SKU twice',
      {
        lines: [
          { sku: 'MUG', quantity: 1 },
          { sku: 'MUG', quantity: 2 },
        ],
        paymentToken: 't',
      },
      'lines',
    ],
    ['no payment token', { lines: [{ sku: 'MUG', quantity: 1 }] }, 'paymentToken'],
    [
      'a customer id of its own',
      { lines: [{ sku: 'MUG', quantity: 1 }], paymentToken: 't', customerId: 'x' },
      'customerId',
    ],
  ])('answers 400 to %s, naming the field', async (_case, body, field) => {
    const response = await place(ada.authorization, body).expect(400);
    expect(fieldsOf(response)).toContain(field);
  });

  it('accepts 100 lines of quantity 1000', async () => {
    shop.state.products.push(
      ...manyLines(100).map(({ sku }) => ({
        sku,
        name: sku,
        unitPrice: 1,
        currency: 'EUR',
        available: 1000,
      })),
    );
    const response = await place(ada.authorization, {
      lines: manyLines(100).map((line) => ({ ...line, quantity: 1000 })),
      paymentToken: 't',
    }).expect(202);
    expect(bodyOf<OrderView>(response).total).toBe(100_000);
  });

  it('answers 401 without a token', async () => {
    await http()
      .post('/orders')
      .send({ lines: [{ sku: 'MUG', quantity: 1 }], paymentToken: 't' })
      .expect(401);
  });
});

describe('my orders', () => {
  let adasOrder: string;

  beforeAll(async () => {
    const placed = await place(ada.authorization, {
      lines: [{ sku: 'TEE', quantity: 1 }],
      paymentToken: 'tok_visa',
    }).expect(202);
    adasOrder = bodyOf<OrderView>(placed).id;
  });

  it('lists only my own', async () => {
    const mine = await http().get('/orders').set('Authorization', ada.authorization).expect(200);
    expect(bodyOf<OrderView[]>(mine).map((order) => order.id)).toContain(adasOrder);
    const bobs = await http().get('/orders').set('Authorization', bob.authorization).expect(200);
    expect(bobs.body).toEqual([]);
  });

  it("answers 404, not 403, for another customer's order: its existence stays private", async () => {
    const read = await http().get(`/orders/${adasOrder}`).set('Authorization', bob.authorization);
    const missing = await http().get('/orders/order-none').set('Authorization', bob.authorization);
    expect(read.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(errorOf(read).code).toBe(errorOf(missing).code);
    await http()
      .post(`/orders/${adasOrder}/cancel`)
      .set('Authorization', bob.authorization)
      .expect(404);
  });

  it('shows the history as of a time', async () => {
    const before = await http()
      .get(`/orders/${adasOrder}`)
      .query({ asOf: '2000-01-01T00:00:00+01:00' })
      .set('Authorization', ada.authorization)
      .expect(200);
    expect(bodyOf<OrderDetails>(before).history).toEqual([]);
    const now = await http()
      .get(`/orders/${adasOrder}`)
      .query({ asOf: new Date(Date.now() + 60_000).toISOString() })
      .set('Authorization', ada.authorization)
      .expect(200);
    expect(bodyOf<OrderDetails>(now).history.map((entry) => entry.type)).toEqual(['order.placed']);
  });

  it('answers 400 to an asOf that is not an ISO time', async () => {
    const response = await http()
      .get(`/orders/${adasOrder}`)
      .query({ asOf: 'yesterday' })
      .set('Authorization', ada.authorization)
      .expect(400);
    expect(fieldsOf(response)[0]).toBe('asOf');
  });

  it('cancels until shipped, then answers 409', async () => {
    const placed = await place(ada.authorization, {
      lines: [{ sku: 'MUG', quantity: 1 }],
      paymentToken: 'tok_visa',
    }).expect(202);
    const cancelled = await http()
      .post(`/orders/${bodyOf<OrderView>(placed).id}/cancel`)
      .set('Authorization', ada.authorization)
      .send({ reason: 'changed my mind' })
      .expect(200);
    expect(cancelled.body).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'CUSTOMER_REQUEST',
      cancellationDetail: 'changed my mind',
    });

    const admin = signedIn(shop.state, 'ops@example.com', 'admin');
    shop.state.setOrderStatus(adasOrder, 'FULFILLMENT_READY');
    await http()
      .post(`/admin/orders/${adasOrder}/ship`)
      .set('Authorization', admin.authorization)
      .send({})
      .expect(200);
    const late = await http()
      .post(`/orders/${adasOrder}/cancel`)
      .set('Authorization', ada.authorization)
      .expect(409);
    expect(errorOf(late).code).toBe('CONFLICT');
  });
});

function manyLines(count: number) {
  return Array.from({ length: count }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1 }));
}
