import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayApp, type GatewayTestApp } from '../testing/gateway-app.fixture.js';
import {
  bodyOf,
  errorOf,
  fieldsOf,
  type LoginAnswer,
  type MailView,
  type OrderView,
} from '../testing/responses.fixture.js';
import { signedIn } from '../testing/shop-state.fixture.js';

let shop: GatewayTestApp;
let customer: ReturnType<typeof signedIn>;
let admin: ReturnType<typeof signedIn>;
let orderId: string;
const http = () => request(shop.app.getHttpServer());

beforeAll(async () => {
  shop = await startGatewayApp();
  customer = signedIn(shop.state, 'cy@example.com');
  admin = signedIn(shop.state, 'ops@example.com', 'admin');
  const placed = await http()
    .post('/orders')
    .set('Authorization', customer.authorization)
    .send({ lines: [{ sku: 'MUG', quantity: 1 }], paymentToken: 'tok_visa' })
    .expect(202);
  orderId = bodyOf<OrderView>(placed).id;
  shop.state.setOrderStatus(orderId, 'FULFILLMENT_READY');
  await http()
    .post('/auth/register')
    .send({ email: 'new@example.com', password: 'password-1', name: 'New' })
    .expect(201);
});
afterAll(() => shop.app.close());

describe('admin routes', () => {
  it('answer 403 to a customer', async () => {
    const ship = await http()
      .post(`/admin/orders/${orderId}/ship`)
      .set('Authorization', customer.authorization)
      .send({})
      .expect(403);
    const mailbox = await http()
      .get('/admin/mailbox')
      .set('Authorization', customer.authorization)
      .expect(403);
    expect([errorOf(ship).code, errorOf(mailbox).code]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('answer 401 without a token', async () => {
    await http().get('/admin/mailbox').expect(401);
  });

  it('mark an order shipped, with carrier and tracking number', async () => {
    const response = await http()
      .post(`/admin/orders/${orderId}/ship`)
      .set('Authorization', admin.authorization)
      .send({ carrier: 'DHL', trackingNumber: 'JJD0001' })
      .expect(200);
    expect(response.body).toEqual({
      orderId,
      shipmentId: `shipment-${orderId}`,
      status: 'SHIPPED',
    });
  });

  it('refuse with 409 an order the order service has not confirmed, or has cancelled, without shipping it', async () => {
    for (const status of ['PLACED', 'STOCK_RESERVED', 'CANCELLED'] as const) {
      const placed = await http()
        .post('/orders')
        .set('Authorization', customer.authorization)
        .send({ lines: [{ sku: 'MUG', quantity: 1 }], paymentToken: 'tok_visa' })
        .expect(202);
      const id = bodyOf<OrderView>(placed).id;
      shop.state.setOrderStatus(id, status);
      const refused = await http()
        .post(`/admin/orders/${id}/ship`)
        .set('Authorization', admin.authorization)
        .send({})
        .expect(409);
      expect(errorOf(refused)).toMatchObject({
        code: 'CONFLICT',
        message: `order ${id} is ${status}: only a confirmed, paid order ships`,
      });
      // Fulfillment (its stand-in would ship whatever it is asked to) was never asked.
      expect(shop.state.orders.get(id)?.order.status).toBe(status);
    }
  });

  it('pass a NOT_FOUND (no such order, or no shipment) on as 404', async () => {
    await http()
      .post('/admin/orders/order-none/ship')
      .set('Authorization', admin.authorization)
      .expect(404);
  });

  it('refuse an empty carrier with 400', async () => {
    const response = await http()
      .post(`/admin/orders/${orderId}/ship`)
      .set('Authorization', admin.authorization)
      .send({ carrier: '' })
      .expect(400);
    expect(fieldsOf(response)[0]).toBe('carrier');
  });

  it('let an admin read any order', async () => {
    await http().get(`/orders/${orderId}`).set('Authorization', admin.authorization).expect(200);
  });

  it("read everyone's e-mails, filtered by recipient", async () => {
    const all = await http()
      .get('/admin/mailbox')
      .set('Authorization', admin.authorization)
      .expect(200);
    expect(bodyOf<MailView[]>(all).map((mail) => mail.to)).toContain('new@example.com');
    const filtered = await http()
      .get('/admin/mailbox')
      .query({ to: 'nobody@example.com' })
      .set('Authorization', admin.authorization)
      .expect(200);
    expect(filtered.body).toEqual([]);
  });
});

describe('GET /mailbox', () => {
  it("answers the signed-in user's own e-mails only", async () => {
    const login = await http()
      .post('/auth/login')
      .send({ email: 'new@example.com', password: 'password-1' })
      .expect(200);
    const response = await http()
      .get('/mailbox')
      .set('Authorization', `Bearer ${bodyOf<LoginAnswer>(login).accessToken}`)
      .expect(200);
    expect(bodyOf<MailView[]>(response)).toEqual([
      expect.objectContaining({ to: 'new@example.com', template: 'welcome' }),
    ]);
    const others = await http()
      .get('/mailbox')
      .set('Authorization', customer.authorization)
      .expect(200);
    expect(others.body).toEqual([]);
  });

  it('converts and checks the limit', async () => {
    await http()
      .get('/mailbox')
      .query({ limit: 1 })
      .set('Authorization', customer.authorization)
      .expect(200);
    const response = await http()
      .get('/mailbox')
      .query({ limit: 0 })
      .set('Authorization', customer.authorization)
      .expect(400);
    expect(fieldsOf(response)[0]).toBe('limit');
  });
});
