import { beforeAll, describe, expect, it } from 'vitest';
import { Api } from './support/api.js';
import {
  admin,
  eventsAbout,
  newCustomer,
  placeOrder,
  stockOf,
  waitForConsumersToCatchUp,
  waitForEvents,
  waitForMail,
  waitForStatus,
} from './support/shop.js';
import { shopPerSuite } from './support/suite-shop.js';
import { startTestSystem, type ShopUnderTest } from './support/system.js';

/** Starts the shop the features run against. */
export interface ShopStarter {
  start(): Promise<ShopUnderTest>;
  /** How long `start` may take; default the hook timeout of vitest.config.ts. */
  readonly startTimeoutMs?: number;
}

/** The embedded system, in this process, on a fresh PGlite or the database at the URL given. */
function embedded(databaseUrl: () => Promise<string | undefined>): ShopStarter {
  return {
    start: async () => {
      const system = await startTestSystem({ databaseUrl: await databaseUrl() });
      return {
        url: system.url,
        eventsAbout: (subject) => eventsAbout(system, subject),
        settled: () => waitForConsumersToCatchUp(system),
        stop: () => system.stop(),
      };
    },
  };
}

/**
 * Every branch of the order saga through the public HTTP API, on one running system:
 * the happy path to shipment, and each compensation. The system is the embedded one (given
 * its database URL) or whatever `shop` starts (the distributed processes).
 */
export function sagaFeatures(
  name: string,
  shopOrDatabaseUrl: ShopStarter | (() => Promise<string | undefined>),
): void {
  const starter =
    typeof shopOrDatabaseUrl === 'function' ? embedded(shopOrDatabaseUrl) : shopOrDatabaseUrl;
  describe(`order saga end to end (${name})`, () => {
    const running = shopPerSuite(() => starter.start(), starter.startTimeoutMs);
    let shop: ShopUnderTest;
    let api: Api;

    beforeAll(() => {
      shop = running();
      api = new Api(shop.url);
    });

    it('places, reserves, charges, confirms, fulfils and ships an order, e-mailing each step', async () => {
      const { api: customer } = await newCustomer(api, 'Ada');
      await waitForMail(customer, 'welcome');
      const before = await stockOf(api, 'BOOK-DDD');
      const order = await placeOrder(customer, [
        { sku: 'BOOK-DDD', quantity: 2 },
        { sku: 'MUG-OUTBOX', quantity: 1 },
      ]);
      expect(order.status).toBe('PLACED');
      expect(order.total).toBe(2 * 5_490 + 1_290);

      await waitForStatus(customer, order.id, ['FULFILLMENT_READY']);
      expect(await stockOf(api, 'BOOK-DDD')).toBe(before - 2);
      await waitForMail(customer, 'order-confirmed', order.id);

      const shipped = await (
        await admin(api)
      ).post(`/admin/orders/${order.id}/ship`, { carrier: 'DHL', trackingNumber: 'JJD000123' });
      expect(shipped.status).toBe(200);
      await waitForStatus(customer, order.id, ['SHIPPED']);
      const mail = await waitForMail(customer, 'order-shipped', order.id);
      expect(mail.text).toContain('JJD000123');

      const saga = (await eventsAbout(shop, order.id)).filter((type) => type !== 'email.sent');
      expect(saga).toEqual([
        'order.placed',
        'stock.reserved',
        'payment.succeeded',
        'order.confirmed',
        'fulfillment.ready',
        'order.shipped',
      ]);
      const history = await customer.get<{ history: { type: string }[] }>(`/orders/${order.id}`);
      expect(history.body.history.length).toBeGreaterThanOrEqual(5);
    });

    it('cancels an order it cannot stock, charging nothing', async () => {
      const { api: customer } = await newCustomer(api);
      const available = await stockOf(api, 'BOOK-EIP');
      const order = await placeOrder(customer, [{ sku: 'BOOK-EIP', quantity: available + 1 }]);
      const cancelled = await waitForStatus(customer, order.id, ['CANCELLED']);
      expect(cancelled.cancellationReason).toBe('OUT_OF_STOCK');
      expect(cancelled.cancellationDetail).toContain('BOOK-EIP');
      const events = await waitForEvents(shop, order.id, ['order.cancelled']);
      expect(events).toContain('stock.reservation-failed');
      expect(events.filter((type) => type.startsWith('payment.'))).toEqual([]);
      expect(await stockOf(api, 'BOOK-EIP')).toBe(available);
      const mail = await waitForMail(customer, 'order-cancelled', order.id);
      expect(mail.text.toLowerCase()).toContain('stock');
    });

    it('releases the stock and cancels when the card is declined', async () => {
      const { api: customer } = await newCustomer(api);
      const before = await stockOf(api, 'TSHIRT-SAGA-M');
      const order = await placeOrder(
        customer,
        [{ sku: 'TSHIRT-SAGA-M', quantity: 3 }],
        'tok_chargeDeclined',
      );
      const cancelled = await waitForStatus(customer, order.id, ['CANCELLED']);
      expect(cancelled.cancellationReason).toBe('PAYMENT_DECLINED');
      await waitForEvents(shop, order.id, ['stock.released']);
      expect(await stockOf(api, 'TSHIRT-SAGA-M')).toBe(before);
      expect(await eventsAbout(shop, order.id)).not.toContain('payment.succeeded');
      await waitForMail(customer, 'order-cancelled', order.id);
    });

    it('cancels and compensates when the payment provider does not answer in time', async () => {
      const { api: customer } = await newCustomer(api);
      const before = await stockOf(api, 'TSHIRT-SAGA-L');
      const order = await placeOrder(
        customer,
        [{ sku: 'TSHIRT-SAGA-L', quantity: 1 }],
        'tok_timeout',
      );
      const cancelled = await waitForStatus(customer, order.id, ['CANCELLED']);
      expect(cancelled.cancellationReason).toBe('PAYMENT_TIMEOUT');
      await waitForEvents(shop, order.id, ['stock.released']);
      expect(await stockOf(api, 'TSHIRT-SAGA-L')).toBe(before);
    });

    it('refunds and releases when the customer cancels a paid order, and refuses to cancel after shipping', async () => {
      const { api: customer } = await newCustomer(api);
      const before = await stockOf(api, 'MUG-OUTBOX');
      const order = await placeOrder(customer, [{ sku: 'MUG-OUTBOX', quantity: 2 }]);
      // Paid and with a shipment: order.confirmed and order.cancelled travel on two topics, so
      // a cancel at CONFIRMED may reach fulfillment before the shipment exists.
      await waitForStatus(customer, order.id, ['FULFILLMENT_READY']);
      const cancel = await customer.post<{ status: string }>(`/orders/${order.id}/cancel`, {});
      expect(cancel.status).toBe(200);
      const cancelled = await waitForStatus(customer, order.id, ['CANCELLED']);
      expect(cancelled.cancellationReason).toBe('CUSTOMER_REQUEST');
      await waitForEvents(shop, order.id, ['payment.refunded', 'stock.released']);
      expect(await stockOf(api, 'MUG-OUTBOX')).toBe(before);
      await waitForMail(customer, 'order-cancelled', order.id);
      // Each service learns of the cancellation on its own time: fulfillment too, before it refuses.
      await shop.settled();
      const ship = await (await admin(api)).post(`/admin/orders/${order.id}/ship`, {});
      expect(ship.status).toBe(409);

      const second = await placeOrder(customer, [{ sku: 'MUG-OUTBOX', quantity: 1 }]);
      await waitForStatus(customer, second.id, ['FULFILLMENT_READY']);
      expect((await (await admin(api)).post(`/admin/orders/${second.id}/ship`, {})).status).toBe(
        200,
      );
      await waitForStatus(customer, second.id, ['SHIPPED']);
      const late = await customer.post<{ message: string }>(`/orders/${second.id}/cancel`, {});
      expect(late.status).toBe(409);
    });

    it("hides another customer's order: reading or cancelling it answers 404", async () => {
      const { api: alice } = await newCustomer(api, 'Alice');
      const { api: mallory } = await newCustomer(api, 'Mallory');
      const order = await placeOrder(alice, [{ sku: 'BOOK-DDD', quantity: 1 }]);
      expect((await mallory.get(`/orders/${order.id}`)).status).toBe(404);
      expect((await mallory.post(`/orders/${order.id}/cancel`, {})).status).toBe(404);
      const mine = await mallory.get<unknown[]>('/orders');
      expect(mine.body).toEqual([]);
      expect((await alice.get(`/orders/${order.id}`)).status).toBe(200);
    });

    it('answers invalid input with 4xx and the reasons, never 5xx', async () => {
      const { api: customer } = await newCustomer(api);
      const cases: [string, string, unknown][] = [
        ['POST', '/orders', { lines: [], paymentToken: 'tok_visa' }],
        [
          'POST',
          '/orders',
          { lines: [{ sku: 'BOOK-DDD', quantity: 0 }], paymentToken: 'tok_visa' },
        ],
        ['POST', '/orders', { lines: [{ sku: 'NOPE', quantity: 1 }], paymentToken: 'tok_visa' }],
        [
          'POST',
          '/orders',
          { lines: [{ sku: 'BOOK-DDD', quantity: 1 }], paymentToken: 'tok_visa', admin: true },
        ],
        ['POST', '/orders', '{"lines": ['],
        ['POST', '/auth/register', { email: 'not-an-email', password: 'short', name: '' }],
        ['GET', '/orders/not-a-real-order', undefined],
      ];
      for (const [method, path, body] of cases) {
        const response = await customer.request(method, path, body);
        expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(
          400,
        );
        expect(response.status, `${method} ${path} ${JSON.stringify(response.body)}`).toBeLessThan(
          500,
        );
      }
      const fields = await customer.post<{ message: unknown }>('/orders', {
        lines: [{ sku: 'BOOK-DDD', quantity: 0 }],
        paymentToken: 'tok_visa',
      });
      expect(JSON.stringify(fields.body)).toContain('quantity');
      const big = await customer.post('/orders', {
        lines: [{ sku: 'BOOK-DDD', quantity: 1 }],
        paymentToken: 'x'.repeat(200_000),
      });
      expect(big.status).toBe(413);
    });
  });
}
