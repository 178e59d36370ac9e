// The order's payment deadline across the whole embedded system, over HTTP: the payment
// provider hangs (never answers) and PAYMENT_TIMEOUT_MS is far away, so payment never
// answers. Only the order's durable timer can end the order's wait. The charge is made
// outside any transaction, so the hanging call holds up nothing else: the deadline's event,
// the cancellation, the release and the e-mail all flow while it hangs.
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
      // A payment timeout far beyond the test: it is never what ends the wait here.
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
      // The failure switch: the simulated provider takes the charge and never answers.
      const provider = shop.system.app.get(PaymentProvider, { strict: false });
      const charge = vi.spyOn(provider, 'charge').mockReturnValue(new Promise(() => undefined));
      const { api: customer } = await newCustomer(api, 'Grace');
      const before = await stockOf(api, 'BOOK-EIP');
      const placedAt = Date.now();
      const order = await placeOrder(customer, [{ sku: 'BOOK-EIP', quantity: 1 }]);

      const cancelled = await waitForStatus(customer, order.id, ['CANCELLED']);
      expect(Date.now() - placedAt).toBeGreaterThanOrEqual(ORDER_DEADLINE_MS);
      // Long before the hanging call could time out.
      expect(Date.now() - placedAt).toBeLessThan(25_000);
      expect(cancelled.cancellationReason).toBe('PAYMENT_TIMEOUT');
      expect(cancelled.cancellationDetail).toBe('no payment within 1 s of placing the order');

      await waitForEvents(shop, order.id, ['stock.released']);
      expect(await stockOf(api, 'BOOK-EIP')).toBe(before);
      const mail = await waitForMail(customer, 'order-cancelled', order.id);
      expect(mail.subject).toContain(order.id);

      // The charge is still waiting for its answer, flagged as cancelled: a success, if it
      // ever comes, is refunded at once. Nothing was charged or published.
      const payments = shop.system.app.get(PaymentQueries, { strict: false });
      await expect
        .poll(async () => (await payments.find(order.id))?.cancelRequested, { timeout: 10_000 })
        .toBe(true);
      expect(await payments.find(order.id)).toMatchObject({ status: 'CHARGING' });
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
