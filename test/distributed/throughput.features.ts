import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Api } from '../e2e/support/api.js';
import { newCustomer } from '../e2e/support/shop.js';
import { shopPerSuite } from '../e2e/support/suite-shop.js';
import {
  DISTRIBUTED_START_TIMEOUT_MS,
  type DistributedShopUnderTest,
} from './support/distributed-shop.js';

const ORDERS = 300;
const CLIENTS = 20;
/** How long the orders may take to confirm once placed (about 15 s on two idle cores). */
const CONFIRM_TIMEOUT_MS = 180_000;
/** Placing them (about 10 s), then confirming: the test's bound is above the wait's own. */
const TEST_TIMEOUT_MS = 60_000 + CONFIRM_TIMEOUT_MS;

/**
 * Measures, not asserts (speed targets live in bench/): orders placed by concurrent clients,
 * and from the order service's own event times, how long each took from order.placed to
 * order.confirmed and how many were confirmed per second.
 */
export function throughputFeatures(
  name: string,
  startShop: () => Promise<DistributedShopUnderTest>,
): void {
  describe(`order throughput (${name})`, () => {
    const running = shopPerSuite(startShop, DISTRIBUTED_START_TIMEOUT_MS);

    it(
      `confirms ${String(ORDERS)} orders placed by ${String(CLIENTS)} clients`,
      async () => {
        const shop = running();
        const { api: customer } = await newCustomer(new Api(shop.url), 'Load');
        // A stock count, so that every order can be confirmed.
        await sql`UPDATE inventory.products SET total = total + 100000, available = available + 100000
                WHERE sku = 'MUG-OUTBOX'`.execute(shop.database.db);
        let placed = 0;
        const started = Date.now();
        await Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            while (placed < ORDERS) {
              placed += 1;
              const response = await customer.post('/orders', {
                lines: [{ sku: 'MUG-OUTBOX', quantity: 1 }],
                paymentToken: 'tok_visa',
              });
              expect(response.status).toBe(202);
            }
          }),
        );
        const placing = (Date.now() - started) / 1000;
        const deadline = Date.now() + CONFIRM_TIMEOUT_MS;
        let timings: { placed: number; confirmed: number }[] = [];
        while (timings.length < ORDERS && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          timings = await confirmations(shop);
        }
        expect(timings).toHaveLength(ORDERS);
        const latencies = timings.map((t) => t.confirmed - t.placed).sort((a, b) => a - b);
        const first = Math.min(...timings.map((t) => t.placed));
        const last = Math.max(...timings.map((t) => t.confirmed));
        const at = (p: number): number =>
          latencies[Math.ceil((p / 100) * latencies.length) - 1] ?? 0;
        console.info(
          `${name}: ${String(ORDERS)} orders placed by ${String(CLIENTS)} clients in ` +
            `${placing.toFixed(1)} s (${(ORDERS / placing).toFixed(1)}/s): ` +
            `${(ORDERS / ((last - first) / 1000)).toFixed(1)} confirmed/s; placed → confirmed ` +
            `p50 ${String(at(50))} ms, p95 ${String(at(95))} ms, max ${String(at(100))} ms`,
        );
      },
      TEST_TIMEOUT_MS,
    );
  });
}

/** order.placed and order.confirmed times of each confirmed order, from the order's outbox. */
async function confirmations(
  shop: DistributedShopUnderTest,
): Promise<{ placed: number; confirmed: number }[]> {
  const rows = await sql<{ placed: string; confirmed: string }>`
    SELECT p.headers->>'ce_time' AS placed, c.headers->>'ce_time' AS confirmed
    FROM "order".outbox p JOIN "order".outbox c ON c.message_key = p.message_key
    WHERE p.event_type = 'order.placed' AND c.event_type = 'order.confirmed'`.execute(
    shop.database.db,
  );
  return rows.rows.map((row) => ({
    placed: Date.parse(row.placed),
    confirmed: Date.parse(row.confirmed),
  }));
}
