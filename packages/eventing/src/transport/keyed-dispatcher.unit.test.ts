import { describe, expect, it } from 'vitest';
import { KeyedDispatcher } from './keyed-dispatcher.js';

interface Msg {
  key: string;
  n: number;
}

const fast = { initialMs: 1, maxMs: 5 };

describe('KeyedDispatcher', () => {
  it('keeps each key in order while running different keys at once', async () => {
    const seen = new Map<string, number[]>();
    let running = 0;
    let peak = 0;
    const dispatcher = new KeyedDispatcher<Msg>(
      async (m) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        seen.set(m.key, [...(seen.get(m.key) ?? []), m.n]);
        running -= 1;
      },
      (m) => m.key,
      { maxInFlight: 4, redelivery: fast },
    );
    const messages = Array.from({ length: 200 }, (_, n) => ({ key: `k${String(n % 8)}`, n }));
    dispatcher.push(messages);
    await dispatcher.whenIdle();
    for (const [key, ns] of seen) {
      expect(ns, key).toEqual(messages.filter((m) => m.key === key).map((m) => m.n));
    }
    expect(peak).toBe(4);
    expect(dispatcher.takeAcknowledged()).toHaveLength(200);
  });

  it('redelivers a rejected message and holds back only its key', async () => {
    const order: string[] = [];
    let failuresLeft = 3;
    const dispatcher = new KeyedDispatcher<Msg>(
      (m, attempt) => {
        if (m.key === 'a' && m.n === 0 && failuresLeft-- > 0) {
          return Promise.reject(new Error(`fail ${String(attempt)}`));
        }
        order.push(`${m.key}${String(m.n)}`);
        return Promise.resolve();
      },
      (m) => m.key,
      { maxInFlight: 2, redelivery: fast },
    );
    dispatcher.push([
      { key: 'a', n: 0 },
      { key: 'a', n: 1 },
      { key: 'b', n: 2 },
      { key: 'b', n: 3 },
    ]);
    await dispatcher.whenIdle();
    expect(order.indexOf('a0')).toBeLessThan(order.indexOf('a1'));
    expect(order.indexOf('b3')).toBeLessThan(order.indexOf('a0'));
    expect(failuresLeft).toBe(-1);
  });

  it('reports as acknowledged only the prefix before the first unfinished message', async () => {
    let release: () => void = () => undefined;
    const blocker = new Promise<void>((r) => (release = r));
    const dispatcher = new KeyedDispatcher<Msg>(
      (m) => (m.n === 1 ? blocker : Promise.resolve()),
      (m) => m.key,
      { maxInFlight: 8, redelivery: fast },
    );
    dispatcher.push([0, 1, 2, 3].map((n) => ({ key: `k${String(n)}`, n })));
    await new Promise((r) => setTimeout(r, 10));
    expect(dispatcher.takeAcknowledged().map((m) => m.n)).toEqual([0]);
    expect(dispatcher.pending).toBe(1);
    release();
    await dispatcher.whenIdle();
    expect(dispatcher.takeAcknowledged().map((m) => m.n)).toEqual([1, 2, 3]);
  });

  it('on stop lets running handlers finish, cancels redeliveries and starts nothing new', async () => {
    const started: number[] = [];
    const dispatcher = new KeyedDispatcher<Msg>(
      async (m) => {
        started.push(m.n);
        await new Promise((r) => setTimeout(r, 20));
        if (m.n === 0) throw new Error('fails');
      },
      () => 'same-key',
      { maxInFlight: 1, redelivery: { initialMs: 1_000, maxMs: 1_000 } },
    );
    dispatcher.push([0, 1, 2].map((n) => ({ key: 'same-key', n })));
    await new Promise((r) => setTimeout(r, 5));
    await dispatcher.stop();
    expect(started).toEqual([0]);
    expect(dispatcher.takeAcknowledged()).toEqual([]);
    expect(() => dispatcher.push([{ key: 'x', n: 9 }])).toThrow(/stopped/);
  });

  it('treats a handler that throws synchronously as a rejection', async () => {
    let calls = 0;
    const dispatcher = new KeyedDispatcher<Msg>(
      () => {
        calls += 1;
        if (calls === 1) throw new Error('sync');
        return Promise.resolve();
      },
      (m) => m.key,
      { maxInFlight: 1, redelivery: fast },
    );
    dispatcher.push([{ key: 'a', n: 0 }]);
    await dispatcher.whenIdle();
    expect(calls).toBe(2);
  });
});

describe('KeyedDispatcher with a shared limiter', () => {
  it('bounds the handler calls of several dispatchers together', async () => {
    const { Semaphore } = await import('../support/semaphore.js');
    const limiter = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const handler = async (): Promise<void> => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 2));
      running -= 1;
    };
    const dispatchers = [1, 2, 3, 4].map(
      () =>
        new KeyedDispatcher<Msg>(handler, (m) => m.key, {
          maxInFlight: 16,
          limiter,
          redelivery: fast,
        }),
    );
    for (const d of dispatchers)
      d.push(Array.from({ length: 40 }, (_, n) => ({ key: `k${String(n)}`, n })));
    await Promise.all(dispatchers.map((d) => d.whenIdle()));
    expect(peak).toBe(3);
  });
});
