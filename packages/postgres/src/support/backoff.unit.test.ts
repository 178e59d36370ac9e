import { describe, expect, it } from 'vitest';
import { reconnectDelay, sleep } from './backoff.js';

describe('reconnectDelay', () => {
  const limits = { initialMs: 100, maxMs: 1_000 };

  it('doubles from the initial delay up to the cap', () => {
    const top = (attempt: number) => reconnectDelay(attempt, limits, () => 1);
    expect([1, 2, 3, 4, 5, 30].map(top)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('randomizes the upper half only', () => {
    expect(reconnectDelay(3, limits, () => 0)).toBe(200);
  });
});

describe('sleep', () => {
  it('ends early when aborted', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const slept = sleep(10_000, stop.signal);
    stop.abort();
    await slept;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
