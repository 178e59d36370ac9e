import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OrderPlaced } from '@eventmart/contracts';
import { encodeEnvelope, newEnvelope, type Transport } from '@eventmart/eventing';
import { EVENTING_TRANSPORT } from '@eventmart/nestjs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../e2e/support/api.js';
import { admin, newCustomer, placeOrder, waitForStatus } from '../e2e/support/shop.js';
import { startTestSystem, type TestSystem } from '../e2e/support/system.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../apps/cli/bin/eventmart.js', import.meta.url));

interface Listed {
  items: { id: string; service: string; status: string; reason: string; attempts: number }[];
}

let shop: TestSystem;
let operator: Api;

/** Runs the real `eventmart` command against the running system, as an operator would. */
async function eventmart(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  // A token, not the password: each login would hash the password again, slowly on purpose.
  const env = { ...process.env, EVENTMART_URL: shop.url, EVENTMART_TOKEN: operator.token };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function listed(...filters: string[]): Promise<Listed['items']> {
  const { stdout } = await eventmart('dead-letters', 'list', '--json', ...filters);
  return (JSON.parse(stdout) as Listed).items;
}

/** Polls over HTTP (a CLI process per poll would be slow) until the dead letters are there. */
async function waitForDeadLetters(count: number, query: string): Promise<Listed['items']> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { body } = await operator.get<Listed>(`/admin/dead-letters?${query}`);
    if (body.items.length >= count) return body.items;
    if (Date.now() > deadline) {
      throw new Error(`expected ${String(count)} dead letters, got ${String(body.items.length)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `during` while inventory's order_stock table is gone (an outage), then restores it. */
async function whileInventoryIsOffline<T>(
  system: TestSystem,
  during: () => Promise<T>,
): Promise<T> {
  await sql`ALTER TABLE inventory.order_stock RENAME TO order_stock_offline`.execute(
    system.database.db,
  );
  try {
    return await during();
  } finally {
    await sql`ALTER TABLE inventory.order_stock_offline RENAME TO order_stock`.execute(
      system.database.db,
    );
  }
}

beforeAll(async () => {
  // Short delayed retries: an outage dead-letters an event within seconds here.
  shop = await startTestSystem({ env: { EVENTMART_RETRY_DELAYS_MS: '100,200' } });
  operator = await admin(new Api(shop.url));
});
afterAll(async () => {
  await shop.stop();
});

describe('eventmart dead-letters, against the running system', () => {
  it('lists, inspects, dry-runs, retries and discards an event no consumer could accept', async () => {
    // A producer with a bug: order.placed without a customer, on the live topic.
    const subject = 'order-from-a-broken-build';
    const good = newEnvelope(
      OrderPlaced,
      {
        orderId: subject,
        customerId: 'c-1',
        lines: [{ sku: 'BOOK-DDD', quantity: 1, unitPrice: 4_500 }],
        total: 4_500,
        currency: 'EUR',
        paymentToken: 'tok_visa',
      },
      { subject, source: 'order' },
    );
    const { customerId: _, ...broken } = good.data;
    await shop.system.app
      .get<Transport>(EVENTING_TRANSPORT)
      .publish([{ ...encodeEnvelope(good, OrderPlaced.topic), value: JSON.stringify(broken) }]);

    // Inventory and payment both consume order.placed: each dead-letters it.
    const letters = await waitForDeadLetters(2, `subject=${subject}`);
    expect(letters.map((l) => [l.service, l.reason, l.status]).sort()).toEqual([
      ['inventory', 'invalid-data', 'open'],
      ['payment', 'invalid-data', 'open'],
    ]);
    const list = await eventmart('dead-letters', 'list', '--subject', subject);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^SERVICE +ID +STATUS/);
    expect(list.stdout).toContain('1-2 of 2 dead letters.');
    const inventory = letters.find((l) => l.service === 'inventory');
    const show = await eventmart(
      'dead-letters',
      'show',
      '--service',
      'inventory',
      '--id',
      inventory?.id ?? '',
    );
    expect(show.stdout).toContain('"orderId": "order-from-a-broken-build"');
    expect(show.stdout).toContain('Audit: nothing done yet.');

    const dryRun = await eventmart('dead-letters', 'replay', '--subject', subject, '--dry-run');
    expect(dryRun.code).toBe(1);
    expect(dryRun.stdout).toContain('Dry run: nothing was changed.');
    expect(dryRun.stdout).toContain('would-fail 2');
    const replay = await eventmart('dead-letters', 'replay', '--subject', subject);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('failed 2 (as admin@example.com');
    expect((await listed('--subject', subject)).map((l) => [l.status, l.attempts])).toEqual([
      ['open', 2],
      ['open', 2],
    ]);

    const discard = await eventmart(
      'dead-letters',
      'discard',
      '--subject',
      subject,
      '--note',
      'producer fixed; order never existed',
    );
    expect(discard.code).toBe(0);
    expect(discard.stdout).toContain('discarded 2');
    expect(await listed('--subject', subject, '--status', 'open')).toEqual([]);

    const audited = await eventmart(
      'dead-letters',
      'show',
      '--service',
      'inventory',
      '--id',
      inventory?.id ?? '',
    );
    expect(audited.stdout).toMatch(/admin@example\.com \(\S+\) +replay +failed/);
    expect(audited.stdout).toMatch(
      /admin@example\.com \(\S+\) +discard +discarded .*producer fixed/,
    );
    const trail = await sql<{ action: string; outcome: string }>`
      SELECT action, outcome FROM inventory.dead_letter_audit
      WHERE dead_letter_id = ${inventory?.id ?? ''} ORDER BY at`.execute(shop.database.db);
    expect(trail.rows).toEqual([
      { action: 'replay', outcome: 'failed' },
      { action: 'discard', outcome: 'discarded' },
    ]);
  });

  it('replays an order stuck behind an outage once it is over, and the saga completes', async () => {
    const { api: customer } = await newCustomer(new Api(shop.url), 'Stuck');
    // The outage: inventory's table is gone for a while, so reserving stock fails every retry.
    const orderId = await whileInventoryIsOffline(shop, async () => {
      const id = (await placeOrder(customer, [{ sku: 'BOOK-DDD', quantity: 1 }])).id;
      const [letter] = await waitForDeadLetters(1, `service=inventory&subject=${id}`);
      expect(letter).toMatchObject({ reason: 'retries-exhausted', status: 'open' });
      return id;
    });
    expect(
      (await customer.get<{ order: { status: string } }>(`/orders/${orderId}`)).body.order.status,
    ).toBe('PLACED');

    const dryRun = await eventmart(
      'dead-letters',
      'replay',
      '--service',
      'inventory',
      '--subject',
      orderId,
      '--dry-run',
    );
    expect(dryRun.stdout).toContain('would-replay');
    expect(dryRun.stdout).toContain('handlers: reserve-stock');
    const replay = await eventmart(
      'dead-letters',
      'replay',
      '--service',
      'inventory',
      '--subject',
      orderId,
    );
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('replayed 1');

    await waitForStatus(customer, orderId, ['CONFIRMED', 'FULFILLMENT_READY']);
    expect(await listed('--subject', orderId, '--status', 'replayed')).toHaveLength(1);
    // Replaying it again does nothing: it is no longer open.
    const again = await eventmart(
      'dead-letters',
      'replay',
      '--service',
      'inventory',
      '--subject',
      orderId,
    );
    expect(again.stdout).toContain('Nothing to replay.');
  });

  it('refuses a customer, and runs through the root npm script, logging in itself', async () => {
    const { api } = await newCustomer(new Api(shop.url), 'Curious');
    const token = api.token ?? '';
    const refused = await promisify(execFile)(process.execPath, [BIN, 'dead-letters', 'list'], {
      env: { ...process.env, EVENTMART_URL: shop.url, EVENTMART_TOKEN: token },
    }).catch((error: unknown) => error as { code: number; stderr: string });
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain('403 FORBIDDEN: administrators only');

    const viaNpm = await promisify(execFile)(
      'npm',
      ['run', '-s', 'cli', '--', 'dead-letters', 'list', '--json'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          EVENTMART_URL: shop.url,
          EVENTMART_ADMIN_EMAIL: 'admin@example.com',
          EVENTMART_ADMIN_PASSWORD: 'admin-password-1',
        },
      },
    );
    expect(JSON.parse(viaNpm.stdout)).toMatchObject({ unavailable: [] });
  });
});

describe('eventmart parked, against a system whose delayed retry waits ten minutes', () => {
  let slow: TestSystem;
  let slowOperator: Api;

  /** The real `eventmart` against this system, as `eventmart` above against the other. */
  async function parked(...args: string[]): Promise<{ code: number; stdout: string }> {
    const env = { ...process.env, EVENTMART_URL: slow.url, EVENTMART_TOKEN: slowOperator.token };
    const run = promisify(execFile)(process.execPath, [BIN, 'parked', ...args], { cwd: ROOT, env });
    return run.then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: unknown) => error as { code: number; stdout: string },
    );
  }

  beforeAll(async () => {
    // A failed event waits 8 to 10 minutes for its one delayed try, so only retry-now can run
    // it within the test; and the order waits as long for its payment (the order service reads
    // ORDER_PAYMENT_TIMEOUT_MS as it starts), so that a slow machine cannot cancel it first.
    const paymentTimeout = process.env.ORDER_PAYMENT_TIMEOUT_MS;
    process.env.ORDER_PAYMENT_TIMEOUT_MS = '600000';
    try {
      slow = await startTestSystem({ env: { EVENTMART_RETRY_DELAYS_MS: '600000' } });
    } finally {
      if (paymentTimeout === undefined) delete process.env.ORDER_PAYMENT_TIMEOUT_MS;
      else process.env.ORDER_PAYMENT_TIMEOUT_MS = paymentTimeout;
    }
    slowOperator = await admin(new Api(slow.url));
  });
  afterAll(async () => {
    await slow.stop();
  });

  it('lists an order parked by an outage, with its attempts and next retry, and retries it now once the outage is over', async () => {
    const { api: customer } = await newCustomer(new Api(slow.url), 'Parked');
    const { orderId, delayEndsAt } = await whileInventoryIsOffline(slow, async () => {
      const orderId = (await placeOrder(customer, [{ sku: 'BOOK-DDD', quantity: 1 }])).id;
      const placedAt = Date.now();
      let event: { seq: string; attempts: number; retryAt: string; error: string } | undefined;
      while (event === undefined) {
        const { body } = await slowOperator.get<{ items: NonNullable<typeof event>[] }>(
          `/admin/parked-events?service=inventory&subject=${orderId}`,
        );
        event = body.items[0];
        if (Date.now() > placedAt + 20_000) throw new Error('the order was never parked');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Three tries in place (EVENTMART_RETRY_ATTEMPTS' default), then parked for the delay.
      expect(event.attempts).toBe(3);
      expect(event.error).toContain('order_stock');
      const delayEndsAt = Date.parse(event.retryAt);
      expect(delayEndsAt).toBeGreaterThan(placedAt + 400_000);

      const [list, show] = await Promise.all([
        parked('list', '--subject', orderId),
        parked('show', '--service', 'inventory', '--seq', event.seq),
      ]);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(
        /^SERVICE +SEQ +EVENT +SUBJECT +CONSUMER +ATTEMPTS +PARKED +NEXT RETRY +ERROR\n/,
      );
      const retryAt = event.retryAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
      expect(list.stdout).toMatch(
        new RegExp(
          `\ninventory +${event.seq} +order\\.placed +${orderId} +inventory\\.reserve-stock +3 +\\S+ \\S+ +${retryAt} +.*order_stock`,
        ),
      );
      expect(list.stdout).toContain('1-1 of 1 parked events.');
      expect(show.stdout).toContain(`"orderId": "${orderId}"`);
      expect(show.stdout).toMatch(/\nStack:\n {2}\S/);
      return { orderId, delayEndsAt };
    });
    expect(
      (await customer.get<{ order: { status: string } }>(`/orders/${orderId}`)).body.order.status,
    ).toBe('PLACED');

    const retry = await parked('retry-now', '--subject', orderId, '--note', 'stock table is back');
    expect(retry.code).toBe(0);
    expect(retry.stdout).toMatch(/inventory +\d+ +order\.placed .* due-now /);
    expect(retry.stdout).toContain('due-now 1 (as admin@example.com');

    await waitForStatus(customer, orderId, ['CONFIRMED', 'FULFILLMENT_READY'], 30_000);
    // Before its delayed try was due: retry-now ran it.
    expect(Date.now()).toBeLessThan(delayEndsAt);
    const empty = await parked('list');
    expect(empty).toMatchObject({ code: 0, stdout: 'No parked events (0 match).\n' });
  }, 120_000);
});
