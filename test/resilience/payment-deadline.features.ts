// The order's payment deadline across the whole embedded system, over HTTP: the payment
// provider is down, its circuit opens after the first failure and stays open, so the charge
// waits and payment never answers. Only the order's durable timer can end the order's wait.
//
// Why the provider fails fast here instead of hanging: a charge runs inside the payment
// handler's transaction, and while a transaction is open the outbox relay and the Postgres
// event log deliver nothing committed after it (they read below the oldest running
// transaction), so a hanging call holds up every event, the deadline's too, until
// PAYMENT_TIMEOUT_MS ends it. See docs/failure-semantics.md.
import { PaymentProvider, PaymentQueries } from '@eventmart/service-payment';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Api } from '../e2e/support/api.js';
import {
  eventsAbout,
  newCustomer,
  placeOrder,
  stockOf,
  waitForEvents,
  waitForMail,
  waitForStatus,
} from '../e2e/support/shop.js';
import { startTestSystem, type TestSystem } from '../e2e/support/system.js';

const ORDER_DEADLINE_MS = 1_000;

// The services read these when they start; the embedded config does not carry them.
const SETTINGS = {
  ORDER_PAYMENT_TIMEOUT_MS: String(ORDER_DEADLINE_MS),
  // Far beyond the order's deadline: the release must come from the order's cancellation.
  INVENTORY_RESERVATION_TTL_MS: '60000',
  // One failure opens the provider's circuit, and it stays open for the whole test.
  PAYMENT_CIRCUIT_FAILURES: '1',
  PAYMENT_CIRCUIT_HALF_OPEN_MS: '60000',
};

export function paymentDeadlineFeatures(
  name: string,
  databaseUrl: () => Promise<string | undefined>,
): void {
  describe(`a payment that never comes (${name})`, () => {
    let shop: TestSystem;
    let api: Api;
    const saved = new Map<string, string | undefined>();

    beforeAll(async () => {
      for (const [setting, value] of Object.entries(SETTINGS)) {
        saved.set(setting, process.env[setting]);
        process.env[setting] = value;
      }
      // A generous payment timeout: it is never what ends the wait here.
      shop = await startTestSystem({
        databaseUrl: await databaseUrl(),
        env: { PAYMENT_TIMEOUT_MS: '30000' },
      });
      api = new Api(shop.url);
    });

    afterAll(async () => {
      await shop.stop();
      for (const [setting, value] of saved) {
        if (value === undefined) delete process.env[setting];
        else process.env[setting] = value;
      }
    });

    it('cancels the order at its deadline, releases the stock, e-mails the customer, charges nothing', async () => {
      // The failure switch: the simulated provider refuses every charge, as a provider down.
      const provider = shop.system.app.get(PaymentProvider, { strict: false });
      const charge = vi
        .spyOn(provider, 'charge')
        .mockRejectedValue(new Error('provider unavailable'));
      const { api: customer } = await newCustomer(api, 'Grace');
      const before = await stockOf(api, 'BOOK-EIP');
      const placedAt = Date.now();
      const order = await placeOrder(customer, [{ sku: 'BOOK-EIP', quantity: 1 }]);

      const cancelled = await waitForStatus(customer, order.id, ['CANCELLED']);
      expect(Date.now() - placedAt).toBeGreaterThanOrEqual(ORDER_DEADLINE_MS);
      expect(cancelled.cancellationReason).toBe('PAYMENT_TIMEOUT');
      expect(cancelled.cancellationDetail).toBe('no payment within 1 s of placing the order');

      await waitForEvents(shop, order.id, ['stock.released']);
      expect(await stockOf(api, 'BOOK-EIP')).toBe(before);
      const mail = await waitForMail(customer, 'order-cancelled', order.id);
      expect(mail.subject).toContain(order.id);

      // One call opened the circuit; the charge then waited without calling again, and the
      // cancellation reached payment first: that order will never be charged.
      const payments = shop.system.app.get(PaymentQueries, { strict: false });
      await expect
        .poll(async () => (await payments.find(order.id))?.status, { timeout: 10_000 })
        .toBe('CANCELLED_BEFORE_CHARGE');
      expect(charge).toHaveBeenCalledTimes(1);
      const events = await eventsAbout(shop, order.id);
      expect(events).toEqual(
        expect.arrayContaining([
          'order.placed',
          'stock.reserved',
          'order.payment-deadline-passed',
          'order.cancelled',
          'stock.released',
        ]),
      );
      expect(events.filter((type) => type.startsWith('payment.'))).toEqual([]);
      expect(events.filter((type) => type === 'order.cancelled')).toHaveLength(1);
    });
  });
}
