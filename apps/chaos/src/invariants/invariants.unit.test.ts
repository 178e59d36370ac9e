import { describe, expect, it } from 'vitest';
import type { Books } from '../books/books.js';
import { healthyRun } from './books.fixture.js';
import { checkInvariants } from './check-all.js';

/** The healthy run's books with a change, and the invariants that fail on them, with why. */
function failing(change: (books: Books) => Partial<Books>): Record<string, readonly string[]> {
  const { books, facts } = healthyRun();
  const results = checkInvariants({ ...books, ...change(books) }, facts);
  return Object.fromEntries(results.filter((r) => !r.ok).map((r) => [r.name, r.failures]));
}

describe('the invariants', () => {
  it('all hold on a run where everything went right, with the counts behind them', () => {
    const { books, facts } = healthyRun();
    const results = checkInvariants(books, facts);
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results).toHaveLength(8);
    const counts = new Map(results.map((r) => [r.name.split(/[ :]/)[0], r.counts]));
    expect(counts.get('stock')).toMatchObject({
      SKUs: 2,
      'initial units': 15,
      reserved: 2,
      sold: 1,
    });
    expect(counts.get('money')).toMatchObject({ 'orders charged': 3, 'refunded (cents)': 100 });
    expect(counts.get('exactly')).toMatchObject({ 'e-mail-worthy events': 6, 'e-mails': 6 });
  });

  it('catch stock made or lost, and reservations that do not match the orders', () => {
    expect(
      failing((books) => ({
        stock: new Map([
          ...books.stock,
          ['A', { sku: 'A', total: 10, available: 9, reserved: 2, sold: 0 }],
        ]),
      })),
    ).toEqual({
      'stock: initial = available + reserved + sold, none negative': ['A: 9 + 2 + 0 ≠ initial 10'],
    });
  });

  it('catch an order left half done, or one accepted and lost', () => {
    const result = failing((books) => ({
      orders: [
        ...books.orders.slice(1),
        { ...books.orders[0]!, id: 'o9', status: 'STOCK_RESERVED' },
      ],
    }));
    expect(result['every order final (CANCELLED, FULFILLMENT_READY, SHIPPED)']).toEqual([
      'order o1 was accepted but the order service has none',
      'order o9 is still STOCK_RESERVED',
    ]);
  });

  it('catch a cancelled order that kept money, a second charge, and a second refund', () => {
    const result = failing((books) => ({
      money: new Map([
        ...books.money,
        ['o3', { paymentId: 'p3', charged: 100, refunds: 2, refunded: 50 }],
      ]),
      charges: new Map([...books.charges, ['o1', 2]]),
    }));
    expect(result['money: charged at most once; charged − refunded = total or 0']).toEqual([
      'order o1 charged 2 times',
      'order o3 is cancelled but 50 is kept',
    ]);
    expect(result['compensations at most once (stock release, refund)']).toEqual([
      'order o3: 2 refunds of one charge',
    ]);
  });

  it('catch stock released twice, and a cancelled order whose stock stayed reserved', () => {
    const result = failing((books) => ({
      events: [
        ...books.events,
        {
          ...books.events.find((e) => e.type === 'stock.released')!,
          eventId: 'again',
        },
      ],
      reservations: books.reservations.map((r) =>
        r.orderId === 'o3' ? { ...r, status: 'RESERVED' } : r,
      ),
    }));
    expect(result['compensations at most once (stock release, refund)']).toEqual([
      'order o3: stock released 2 times',
      'order o3 is cancelled, A still RESERVED',
    ]);
  });

  it('catch a missing e-mail and a second one', () => {
    const result = failing((books) => {
      const [first, second, ...rest] = books.mails;
      return {
        mails: [{ ...second!, id: 'dup' }, second, ...rest].filter(
          (m) => m !== undefined && m !== first,
        ) as Books['mails'],
      };
    });
    const failures = result['exactly one e-mail per e-mail-worthy event'] ?? [];
    expect(failures.some((f) => /user\.registered .* 0 e-mails/.test(f))).toBe(true);
    expect(failures.some((f) => f.includes(' 2 e-mails'))).toBe(true);
  });

  it('catch an event never sent, never handled, or handled twice by one consumer', () => {
    const unsent = failing((books) => ({
      events: books.events.map((e, i) => (i === 0 ? { ...e, sent: false } : e)),
    }));
    expect(Object.keys(unsent)).toEqual(['every committed outbox row was sent']);
    const unhandled = failing((books) => ({ inbox: books.inbox.slice(1) }));
    expect(unhandled['per consumer: processed + dead-lettered = consumed']?.[0]).toMatch(
      /^inventory\.reserve-stock: 1 consumed events never handled/,
    );
  });

  it('catch poison that was not dead-lettered as it should, and a genuine event that was', () => {
    const result = failing((books) => ({
      deadLetters: [
        { ...books.deadLetters[0]!, reason: 'invalid-envelope' },
        {
          ...books.deadLetters[1]!,
          messageId: books.events[1]?.eventId ?? null,
          eventId: books.events[1]?.eventId ?? null,
          reason: 'retries-exhausted',
        },
      ],
    }));
    const failures = result['poison dead-lettered with its reason; no genuine event'] ?? [];
    expect(failures[0]).toMatch(
      /^inventory\.reserve-stock dead-lettered order\.placed .*: retries-exhausted$/,
    );
    expect(
      failures.some((f) =>
        /malformed-json .* at inventory: invalid-envelope, expected malformed-json/.test(f),
      ),
    ).toBe(true);
    expect(
      failures.some((f) => /invalid-data .* no dead letter at inventory\.reserve-stock/.test(f)),
    ).toBe(true);
  });
});
