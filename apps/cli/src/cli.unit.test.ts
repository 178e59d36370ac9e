import { describe, expect, it } from 'vitest';
import type { ActionReport, DeadLetterDetails, DeadLetterList } from './answers.js';
import { fakeGateway, run, type Route } from './fake-gateway.fixture.js';

const letter = {
  id: '01936f3e-7a9b-7c3d-8e4f-000000000001',
  service: 'inventory',
  consumer: 'inventory.reserve-stock',
  handler: 'reserve-stock',
  reason: 'invalid-data',
  status: 'open',
  eventId: '01936f3e-7a9b-7c3d-8e4f-0000000000aa',
  eventType: 'order.placed',
  eventVersion: 1,
  subject: 'order-1',
  topic: 'orders.new',
  partition: 3,
  offset: '17',
  error: 'Invalid input:\n  expected string at customerId',
  attempts: 1,
  firstFailedAt: '2025-06-01T12:00:00.000Z',
  lastFailedAt: '2025-06-01T12:00:03.250Z',
  resolvedAt: null,
  resolvedBy: null,
};

const listOf =
  (list: Partial<DeadLetterList>): Route =>
  () => ({
    status: 200,
    body: { items: [letter], total: 1, unavailable: [], ...list },
  });

describe('eventmart dead-letters', () => {
  it('logs in with the admin e-mail and password once, then sends the token', async () => {
    const gateway = fakeGateway({
      'POST /auth/login': () => ({ status: 200, body: { accessToken: 'fresh' } }),
      'GET /admin/dead-letters?service=inventory&status=open': listOf({}),
    });
    const { code, stdout } = await run(
      ['dead-letters', 'list', '--service', 'inventory', '--status', 'open'],
      gateway.fetchImpl,
      { EVENTMART_ADMIN_EMAIL: 'ops@example.com', EVENTMART_ADMIN_PASSWORD: 'secret-1' },
    );
    expect(code).toBe(0);
    expect(gateway.calls.map((call) => [call.route, call.authorization])).toEqual([
      ['POST /auth/login', undefined],
      ['GET /admin/dead-letters?service=inventory&status=open', 'Bearer fresh'],
    ]);
    expect(gateway.calls[0]?.body).toEqual({ email: 'ops@example.com', password: 'secret-1' });
    const [heading, row, footer] = stdout.split('\n');
    expect(heading).toMatch(
      /^SERVICE +ID +STATUS +REASON +EVENT +SUBJECT +CONSUMER +ATTEMPTS +LAST FAILED +ERROR$/,
    );
    expect(row).toContain(`inventory  ${letter.id}  open    invalid-data  order.placed`);
    expect(row).toContain('2025-06-01 12:00:03Z  Invalid input: expected string at customerId');
    expect(footer).toBe('1-1 of 1 dead letters.');
  });

  it('prints the JSON answer with --json, and exits 1 when a service did not answer', async () => {
    const unavailable = [{ service: 'payment', code: 'SERVICE_UNAVAILABLE', message: 'down' }];
    const gateway = fakeGateway({ 'GET /admin/dead-letters': listOf({ unavailable }) });
    const json = await run(['dead-letters', 'list', '--json'], gateway.fetchImpl);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ total: 1, unavailable });
    const text = await run(['dead-letters', 'list'], gateway.fetchImpl);
    expect(text.stdout).toContain('Did not answer: payment (SERVICE_UNAVAILABLE: down).');
  });

  it('exits 0 when every service answered, and 1 naming on stderr each one that did not', async () => {
    for (const [group, route] of [
      ['dead-letters', 'GET /admin/dead-letters'],
      ['parked', 'GET /admin/parked-events'],
    ] as const) {
      const all = fakeGateway({ [route]: listOf({ items: [], total: 0 }) });
      const everyone = await run([group, 'list', '--json'], all.fetchImpl);
      expect({ group, code: everyone.code, stderr: everyone.stderr }).toEqual({
        group,
        code: 0,
        stderr: '',
      });
      const unavailable = [
        { service: 'payment', code: 'SERVICE_UNAVAILABLE', message: 'down' },
        { service: 'order', code: 'GATEWAY_TIMEOUT', message: 'slow' },
      ];
      const some = fakeGateway({ [route]: listOf({ unavailable, items: [], total: 0 }) });
      const missing = await run([group, 'list', '--json'], some.fetchImpl);
      expect({ group, code: missing.code, stderr: missing.stderr }).toEqual({
        group,
        code: 1,
        stderr:
          'eventmart: no answer from payment (SERVICE_UNAVAILABLE), order (GATEWAY_TIMEOUT)\n',
      });
    }
  });

  it('shows one dead letter with its payload, stack and audit trail', async () => {
    const details: DeadLetterDetails = {
      ...letter,
      status: 'discarded',
      resolvedBy: 'ops@example.com (u-1)',
      resolvedAt: '2025-06-02T08:00:00.000Z',
      headers: { ce_type: 'order.placed' },
      payload: '{"orderId":"order-1"}',
      errorStack: 'ZodError: Invalid input\n    at parse',
      replayable: true,
      audit: [
        {
          at: '2025-06-02T08:00:00.000Z',
          actor: 'ops@example.com (u-1)',
          action: 'discard',
          selection: { subject: 'order-1' },
          outcome: 'discarded',
          error: null,
          note: 'refunded by hand',
        },
      ],
    };
    const gateway = fakeGateway({
      [`GET /admin/dead-letters/inventory/${letter.id}`]: () => ({ status: 200, body: details }),
    });
    const { code, stdout } = await run(
      ['dead-letters', 'show', '--service', 'inventory', '--id', letter.id],
      gateway.fetchImpl,
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      'status      discarded by ops@example.com (u-1) at 2025-06-02 08:00:00Z',
    );
    expect(stdout).toContain('Payload:\n  {\n    "orderId": "order-1"\n  }');
    expect(stdout).toContain('Stack:\n  ZodError: Invalid input\n      at parse');
    expect(stdout).toMatch(
      /2025-06-02 08:00:00Z +ops@example.com \(u-1\) +discard +discarded +\{"subject":"order-1"\} +refunded by hand/,
    );
  });

  it('sends a replay and sums up the outcomes; exits 1 if one failed or an id was not found', async () => {
    const report: ActionReport = {
      action: 'replay',
      dryRun: false,
      actor: 'ops@example.com (u-1)',
      results: [
        {
          service: 'inventory',
          id: letter.id,
          consumer: letter.consumer,
          eventType: 'order.placed',
          subject: 'order-1',
          outcome: 'replayed',
          error: null,
          handlers: ['reserve-stock'],
          attempts: 1,
        },
        {
          service: 'payment',
          id: 'p-1',
          consumer: 'payment.charge',
          eventType: 'stock.reserved',
          subject: 'order-1',
          outcome: 'failed',
          error: 'card API down',
          handlers: [],
          attempts: 6,
        },
      ],
      missing: ['01936f3e-7a9b-7c3d-8e4f-0000000000ff'],
      unavailable: [],
    };
    const gateway = fakeGateway({
      'POST /admin/dead-letters/replay': () => ({ status: 200, body: report }),
    });
    const { code, stdout } = await run(
      ['dead-letters', 'replay', '--subject', 'order-1', '--note', 'card API is back'],
      gateway.fetchImpl,
    );
    expect(code).toBe(1);
    expect(gateway.calls[0]?.body).toEqual({ subject: 'order-1', note: 'card API is back' });
    expect(stdout).toMatch(
      /inventory +\S+ +order\.placed +order-1 +replayed +1 +handlers: reserve-stock/,
    );
    expect(stdout).toMatch(/payment +p-1 +stock\.reserved +order-1 +failed +6 +card API down/);
    expect(stdout).toContain('replayed 1, failed 1 (as ops@example.com (u-1)).');
    expect(stdout).toContain('Not found: 01936f3e-7a9b-7c3d-8e4f-0000000000ff.');
  });

  it('says a dry run changed nothing, and exits 0 when everything would be done', async () => {
    const report: ActionReport = {
      action: 'discard',
      dryRun: true,
      actor: 'a',
      results: [{ ...letter, outcome: 'would-discard', handlers: [], error: null }],
      missing: [],
      unavailable: [],
    };
    const gateway = fakeGateway({
      'POST /admin/dead-letters/discard': () => ({ status: 200, body: report }),
    });
    const { code, stdout } = await run(
      ['dead-letters', 'discard', '--all', '--dry-run'],
      gateway.fetchImpl,
    );
    expect(code).toBe(0);
    expect(gateway.calls[0]?.body).toEqual({ all: true, dryRun: true });
    expect(stdout.split('\n')[0]).toBe('Dry run: nothing was changed.');
  });

  it("reports the gateway's refusal with its code and correlation id, and exits 1", async () => {
    const gateway = fakeGateway({
      'GET /admin/dead-letters': () => ({
        status: 403,
        body: {
          statusCode: 403,
          code: 'FORBIDDEN',
          message: 'administrators only',
          correlationId: 'req-9',
        },
      }),
    });
    const { code, stderr } = await run(['dead-letters', 'list'], gateway.fetchImpl);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'eventmart: GET /admin/dead-letters answered 403 FORBIDDEN: administrators only (correlation id req-9)\n',
    );
  });

  it('says when the gateway cannot be reached, and keeps a path prefix of EVENTMART_URL', async () => {
    const refused = (() =>
      Promise.reject(
        new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }),
      )) as typeof fetch;
    const down = await run(['dead-letters', 'list'], refused);
    expect(down).toMatchObject({
      code: 1,
      stderr: 'eventmart: cannot reach the gateway at http://gateway.test: connect ECONNREFUSED\n',
    });

    const gateway = fakeGateway({ 'GET /ops/admin/dead-letters': listOf({}) });
    const prefixed = await run(
      ['dead-letters', 'list', '--url', 'http://gateway.test/ops'],
      gateway.fetchImpl,
    );
    expect(prefixed.code).toBe(0);
  });

  it('asks for credentials before calling anything, and prints usage for a wrong command line', async () => {
    const gateway = fakeGateway({});
    const none = await run(['dead-letters', 'list'], gateway.fetchImpl, {});
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'set EVENTMART_TOKEN, or EVENTMART_ADMIN_EMAIL and EVENTMART_ADMIN_PASSWORD',
    );
    const wrong = await run(['dead-letters', 'replay'], gateway.fetchImpl);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Usage: eventmart dead-letters');
    expect(gateway.calls).toEqual([]);
    const help = await run(['--help'], gateway.fetchImpl, {});
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Exit status');
  });
});
