import { describe, expect, it } from 'vitest';
import type { ParkedEvent, ParkedEventDetails, RetryNowReport } from './answers.js';
import { fakeGateway, run } from './fake-gateway.fixture.js';

const first: ParkedEvent = {
  seq: '41',
  service: 'inventory',
  consumer: 'inventory.reserve-stock',
  handler: 'reserve-stock',
  eventId: '01936f3e-7a9b-7c3d-8e4f-0000000000aa',
  eventType: 'order.placed',
  subject: 'order-1',
  topic: 'orders.new',
  partition: 3,
  offset: '17',
  attempts: 3,
  delayedAttempts: 0,
  retryAt: '2025-06-01T12:00:58.120Z',
  firstFailedAt: '2025-06-01T12:00:00.000Z',
  parkedAt: '2025-06-01T12:00:01.400Z',
  error: 'relation "inventory.order_stock"\n does not exist',
  blockedBy: null,
};
const behind: ParkedEvent = {
  ...first,
  seq: '42',
  eventType: 'order.cancelled',
  offset: '18',
  attempts: 0,
  retryAt: '2025-06-01T12:00:05.000Z',
  firstFailedAt: null,
  parkedAt: '2025-06-01T12:00:05.000Z',
  error: null,
  blockedBy: '41',
};

describe('eventmart parked', () => {
  it('lists parked events as a table: attempts, next retry, or the event each waits behind', async () => {
    const gateway = fakeGateway({
      'GET /admin/parked-events?service=inventory&subject=order-1': () => ({
        status: 200,
        body: { items: [first, behind], total: 2, unavailable: [] },
      }),
    });
    const { code, stdout } = await run(
      ['parked', 'list', '--service', 'inventory', '--subject', 'order-1'],
      gateway.fetchImpl,
    );
    expect(code).toBe(0);
    const [heading, one, two, footer] = stdout.split('\n');
    expect(heading).toMatch(
      /^SERVICE +SEQ +EVENT +SUBJECT +CONSUMER +ATTEMPTS +PARKED +NEXT RETRY +ERROR$/,
    );
    expect(one).toMatch(
      /^inventory +41 +order\.placed +order-1 +inventory\.reserve-stock +3 +2025-06-01 12:00:01Z +2025-06-01 12:00:58Z +relation "inventory\.order_stock" does not exist$/,
    );
    expect(two).toMatch(
      /^inventory +42 +order\.cancelled .* 0 +2025-06-01 12:00:05Z +after #41 +-$/,
    );
    expect(footer).toBe('1-2 of 2 parked events.');
  });

  it('says when nothing is parked, names services that did not answer, and exits 1 for them', async () => {
    const unavailable = [{ service: 'payment', code: 'GATEWAY_TIMEOUT', message: 'slow' }];
    const gateway = fakeGateway({
      'GET /admin/parked-events?limit=10&offset=20': () => ({
        status: 200,
        body: { items: [], total: 0, unavailable },
      }),
    });
    const { code, stdout } = await run(
      ['parked', 'list', '--limit', '10', '--offset', '20'],
      gateway.fetchImpl,
    );
    expect(code).toBe(1);
    expect(stdout).toBe(
      'No parked events (0 match).\nDid not answer: payment (GATEWAY_TIMEOUT: slow).\n',
    );
  });

  it('shows one parked event with its message, last error and stack', async () => {
    const details: ParkedEventDetails = {
      ...first,
      headers: { ce_type: 'order.placed' },
      payload: '{"orderId":"order-1"}',
      errorStack: 'error: relation "inventory.order_stock" does not exist\n    at query',
    };
    const gateway = fakeGateway({
      'GET /admin/parked-events/inventory/41': () => ({ status: 200, body: details }),
    });
    const { code, stdout } = await run(
      ['parked', 'show', '--service', 'inventory', '--seq', '41'],
      gateway.fetchImpl,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('seq           41\n');
    expect(stdout).toContain('attempts      3 (0 of them delayed)\n');
    expect(stdout).toContain('next retry    2025-06-01 12:00:58Z\n');
    expect(stdout).toContain('error         relation "inventory.order_stock" does not exist\n');
    expect(stdout).toContain('Payload:\n  {\n    "orderId": "order-1"\n  }');
    expect(stdout).toContain(
      'Stack:\n  error: relation "inventory.order_stock" does not exist\n      at query',
    );
  });

  it('shows an event waiting behind its key as such', async () => {
    const gateway = fakeGateway({
      'GET /admin/parked-events/inventory/42': () => ({
        status: 200,
        body: { ...behind, headers: {}, payload: 'not json', errorStack: null },
      }),
    });
    const { stdout } = await run(
      ['parked', 'show', '--service', 'inventory', '--seq', '42'],
      gateway.fetchImpl,
    );
    expect(stdout).toContain(
      'first failed  not yet: it has not been tried, it waits behind its key',
    );
    expect(stdout).toContain('next retry    after #41, the first parked event of its key');
    expect(stdout).toContain('Payload:\n  not json');
    expect(stdout).not.toContain('Stack:');
  });

  it('retries a subject now, and sums up what became due', async () => {
    const report: RetryNowReport = {
      actor: 'ops@example.com (u-1)',
      results: [
        { ...first, outcome: 'due-now', retryAt: '2025-06-01T12:00:20.000Z' },
        {
          ...first,
          service: 'payment',
          seq: '7',
          consumer: 'payment.charge',
          outcome: 'already-due',
        },
      ],
      unavailable: [],
    };
    const gateway = fakeGateway({
      'POST /admin/parked-events/retry-now': () => ({ status: 200, body: report }),
    });
    const { code, stdout } = await run(
      ['parked', 'retry-now', '--subject', 'order-1', '--note', 'stock table restored'],
      gateway.fetchImpl,
    );
    expect(code).toBe(0);
    expect(gateway.calls[0]?.body).toEqual({ subject: 'order-1', note: 'stock table restored' });
    expect(stdout).toMatch(
      /inventory +41 +order\.placed +order-1 +inventory\.reserve-stock +due-now +2025-06-01 12:00:20Z/,
    );
    expect(stdout).toMatch(/payment +7 .* already-due/);
    expect(stdout).toContain('due-now 1, already-due 1 (as ops@example.com (u-1)).');
  });

  it('exits 1 for an event behind another, naming the one to retry instead', async () => {
    const report: RetryNowReport = {
      actor: 'a',
      results: [{ ...behind, outcome: 'behind' }],
      unavailable: [],
    };
    const gateway = fakeGateway({
      'POST /admin/parked-events/retry-now': () => ({ status: 200, body: report }),
    });
    const { code, stdout } = await run(
      ['parked', 'retry-now', '--service', 'inventory', '--seq', '42'],
      gateway.fetchImpl,
    );
    expect(code).toBe(1);
    expect(gateway.calls[0]?.body).toEqual({ service: 'inventory', seq: '42' });
    expect(stdout).toContain('behind   after #41: retry that one, or the key with --subject');
    const nothing = fakeGateway({
      'POST /admin/parked-events/retry-now': () => ({
        status: 200,
        body: { actor: 'a', results: [], unavailable: [] },
      }),
    });
    const empty = await run(['parked', 'retry-now', '--subject', 'order-9'], nothing.fetchImpl);
    expect(empty).toMatchObject({ code: 0, stdout: 'Nothing parked for that subject.\n' });
  });

  it("reports the gateway's 404 for an event no longer parked, and exits 1", async () => {
    const gateway = fakeGateway({});
    const { code, stderr } = await run(
      ['parked', 'retry-now', '--service', 'inventory', '--seq', '41'],
      gateway.fetchImpl,
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      'eventmart: POST /admin/parked-events/retry-now answered 404 NOT_FOUND: no route\n',
    );
  });
});
