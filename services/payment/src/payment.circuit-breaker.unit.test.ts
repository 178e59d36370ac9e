// The provider's circuit breaker, through the module: a provider that fails a few times in a
// row, then recovers, while orders keep coming.
import { setTimeout as sleep } from 'node:timers/promises';
import { OrderCancelled, OrderPlaced, StockReserved } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import type { LoggerService } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultyProvider } from './testing/faulty-provider.fixture.js';
import {
  PaymentHarness,
  orderCancelled,
  orderPlaced,
  stockReserved,
  until,
} from './testing/payment-harness.fixture.js';

const HALF_OPEN_AFTER_MS = 1_000;

/** Keeps what the service logs about circuits, in order. */
function circuitLog(): { logger: LoggerService; lines: string[] } {
  const lines: string[] = [];
  const keep = (message: unknown) => {
    if (typeof message === 'string' && message.startsWith('circuit')) lines.push(message);
  };
  return { lines, logger: { log: keep, warn: keep, error: keep, debug: keep, verbose: keep } };
}

describe('the payment provider behind a circuit breaker', () => {
  let database: SqlDatabase;
  let payment: PaymentHarness;
  let provider: FaultyProvider;
  let log: ReturnType<typeof circuitLog>;

  beforeEach(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    provider = new FaultyProvider();
    log = circuitLog();
    payment = await PaymentHarness.start(
      database,
      {
        provider,
        timeoutMs: 500,
        callBackoff: { initialMs: 20, maxMs: 100, jitter: 'none' },
        circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
      },
      log.logger,
    );
  });

  afterEach(async () => {
    await payment.close();
    await database.close();
  });

  const placeAndReserve = async (orderId: string) => {
    await payment.send(OrderPlaced, orderPlaced(orderId), orderId);
    await payment.send(StockReserved, stockReserved(orderId), orderId);
  };
  const callsFor = (key: string) => provider.calls.filter((call) => call.key === key).length;
  const chargesOf = (orderId: string) =>
    provider.simulator.ledger().filter((e) => e.kind === 'charge' && e.idempotencyKey === orderId);

  it('stops calling a failing provider, lets orders wait, and charges each once when it recovers', async () => {
    // Down for three calls: the charge, then two lookups of its unknown outcome.
    provider.down(3);
    await placeAndReserve('o-first');
    await until(() => log.lines.length === 1, 'the circuit to open');
    expect(log.lines[0]).toMatch(
      /^circuit opened: payment provider \(last failure: provider unavailable\)/,
    );
    expect(callsFor('o-first')).toBe(3);

    // Orders that come while it is open wait without calling the provider.
    await placeAndReserve('o-second');
    await placeAndReserve('o-third');
    await sleep(HALF_OPEN_AFTER_MS / 2);
    expect(provider.calls).toHaveLength(3);
    expect(await payment.deadLetters()).toEqual([]);
    for (const orderId of ['o-first', 'o-second', 'o-third']) {
      expect(await payment.payment(orderId)).toMatchObject({ status: 'CHARGING' });
    }

    // The provider works again: the trial call closes the circuit and everyone is charged.
    await payment.settle();
    expect(log.lines).toEqual([
      expect.stringMatching(/^circuit opened: payment provider/),
      'circuit half-open: payment provider; one trial call',
      'circuit closed: payment provider; calls go through again',
    ]);
    for (const orderId of ['o-first', 'o-second', 'o-third']) {
      expect(chargesOf(orderId)).toHaveLength(1);
      expect((await payment.published(orderId)).map((e) => e.type)).toEqual(['payment.succeeded']);
    }
    // The trial looks the charge up (nothing charged), then the charge is made.
    expect(callsFor('o-first')).toBe(5);
    expect(callsFor('o-second')).toBe(1);
    expect(callsFor('o-third')).toBe(1);
    expect(await payment.deadLetters()).toEqual([]);
  });

  it('opens again when the trial call fails, and keeps the event out of dead letters', async () => {
    // Three failures open it; the first trial fails too; the second trial works.
    provider.down(4);
    await placeAndReserve('o-long');
    await payment.settle();

    expect(log.lines.map((line) => line.split(':')[0])).toEqual([
      'circuit opened',
      'circuit half-open',
      'circuit opened',
      'circuit half-open',
      'circuit closed',
    ]);
    // The charge, three failed lookups (the last one a trial), a trial lookup, the charge.
    expect(callsFor('o-long')).toBe(6);
    expect(chargesOf('o-long')).toHaveLength(1);
    expect(await payment.deadLetters()).toEqual([]);
  });

  it('counts a provider that does not answer in time as failing', async () => {
    provider.failCharges('hang', 'hang', 'hang');
    const slow = ['o-slow-1', 'o-slow-2', 'o-slow-3'];
    for (const orderId of slow) await placeAndReserve(orderId);
    await until(() => log.lines.length === 1, 'the circuit to open');
    expect(log.lines[0]).toMatch(/last failure: no answer within 500 ms/);
    await placeAndReserve('o-after');
    await payment.settle();

    // A charge without an answer is still a final TIMEOUT for its order, as without the breaker.
    const statuses = await Promise.all(slow.map(async (id) => (await payment.payment(id))?.status));
    expect(statuses).toEqual(['TIMED_OUT', 'TIMED_OUT', 'TIMED_OUT']);
    // The order that came while it was open waited for the trial call, and was charged once.
    expect(callsFor('o-after')).toBe(1);
    expect(chargesOf('o-after')).toHaveLength(1);
    expect(log.lines.map((line) => line.split(':')[0])).toEqual([
      'circuit opened',
      'circuit half-open',
      'circuit closed',
    ]);
  });

  it('makes a refund wait for the provider too, then refunds once', async () => {
    await placeAndReserve('o-refund');
    await payment.settle();
    expect(chargesOf('o-refund')).toHaveLength(1);

    provider.failRefunds('unavailable', 'unavailable', 'unavailable');
    await payment.send(OrderCancelled, orderCancelled('o-refund'), 'o-refund');
    await until(() => log.lines.length === 1, 'the circuit to open');
    await payment.settle();

    expect(log.lines.map((line) => line.split(':')[0])).toEqual([
      'circuit opened',
      'circuit half-open',
      'circuit closed',
    ]);
    expect(provider.simulator.ledger().filter((e) => e.kind === 'refund')).toHaveLength(1);
    expect((await payment.published('o-refund')).map((e) => e.type)).toEqual([
      'payment.succeeded',
      'payment.refunded',
    ]);
    expect(await payment.deadLetters()).toEqual([]);
  });
});
