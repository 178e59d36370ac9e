import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import {
  admin,
  eventsAbout,
  newCustomer,
  placeOrder,
  stockOf,
  waitForConsumersToCatchUp,
  waitForStatus,
} from './support/shop.js';
import { startTestSystem, type TestSystem } from './support/system.js';

// The real services behind the gateway: text they could not store is refused with a 400, and
// nothing of the request exists afterwards, neither a row nor an event.

interface Refusal {
  code: string;
  details?: { field: string; message: string }[];
}

let system: TestSystem;
let api: Api;

beforeAll(async () => {
  system = await startTestSystem();
  api = new Api(system.url);
});
afterAll(() => system.stop());

const expectRefused = (response: { status: number; body: unknown }, field: string) => {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  const body = response.body as Refusal;
  expect(body.code).toBe('BAD_REQUEST');
  expect(body.details?.map((detail) => detail.field)).toEqual([field]);
  expect(body.details?.[0]?.message).toMatch(/cannot be stored$/);
};

describe('text PostgreSQL cannot store, against the real services', () => {
  it.each([
    ['a NUL in the name', { name: 'Ada\u0000' }, 'name'],
    ['a lone surrogate in the name', { name: 'Ada \uD83D' }, 'name'],
    ['a lone surrogate as the e-mail', { email: '\uD800' }, 'email'],
    ['a NUL in the password', { password: 'correct\u0000horse' }, 'password'],
  ])('registering with %s creates no account', async (_case, change, field) => {
    const email = `refused-${field}-${String(Date.now())}@example.com`;
    const body = { email, password: 'correct-horse-1', name: 'Ada', ...change };
    expectRefused(await api.post('/auth/register', body), field);
    // No such user: logging in with the address (where it was valid) fails, and it is free.
    const login = await api.post('/auth/login', { email, password: 'correct-horse-1' });
    expect(login.status).toBe(401);
    const again = { email, password: 'correct-horse-1', name: 'Ada' };
    expect((await api.post('/auth/register', again)).status).toBe(201);
  });

  it.each([
    ['a NUL in the payment token', { paymentToken: 'tok_\u0000visa' }, 'paymentToken'],
    ['a lone surrogate in the payment token', { paymentToken: 'tok_\uDC00' }, 'paymentToken'],
    ['a NUL in a SKU', { lines: [{ sku: 'MUG-OUTBOX\u0000', quantity: 1 }] }, 'lines.0.sku'],
  ])('placing an order with %s places nothing and holds no stock', async (_case, change, field) => {
    const { api: customer } = await newCustomer(api, 'Refused');
    const stock = await stockOf(api, 'MUG-OUTBOX');
    const body = {
      lines: [{ sku: 'MUG-OUTBOX', quantity: 1 }],
      paymentToken: 'tok_visa',
      ...change,
    };
    expectRefused(await customer.post('/orders', body), field);
    await waitForConsumersToCatchUp(system);
    expect((await customer.get<unknown[]>('/orders')).body).toEqual([]);
    expect(await stockOf(api, 'MUG-OUTBOX')).toBe(stock);
  });

  it('cancelling or shipping with a NUL in the reason or carrier leaves the order as it was', async () => {
    const { api: customer } = await newCustomer(api, 'Keeps');
    const order = await placeOrder(customer, [{ sku: 'MUG-OUTBOX', quantity: 1 }]);
    const ready = await waitForStatus(customer, order.id, ['FULFILLMENT_READY']);

    const cancel = await customer.post(`/orders/${order.id}/cancel`, { reason: 'no\u0000' });
    expectRefused(cancel, 'reason');
    const ship = await (
      await admin(api)
    ).post(`/admin/orders/${order.id}/ship`, {
      carrier: 'DHL\u0000',
    });
    expectRefused(ship, 'carrier');

    await waitForConsumersToCatchUp(system);
    const after = await customer.get<{ order: { status: string } }>(`/orders/${order.id}`);
    expect(after.body.order.status).toBe(ready.status);
    const events = await eventsAbout(system, order.id);
    expect(events).not.toContain('order.cancelled');
    expect(events).not.toContain('order.shipped');
  });
});
