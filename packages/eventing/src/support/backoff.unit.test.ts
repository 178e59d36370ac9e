import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap', () => {
    const options = { initialMs: 100, maxMs: 1_000, jitter: 'none' as const };
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, options))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
  });

  it('keeps equal jitter within [delay/2, delay] and full jitter within [0, delay]', () => {
    for (const random of [0, 0.5, 0.999]) {
      const equal = backoffDelay(
        3,
        { initialMs: 100, maxMs: 10_000, jitter: 'equal' },
        () => random,
      );
      expect(equal).toBeGreaterThanOrEqual(200);
      expect(equal).toBeLessThanOrEqual(400);
      const full = backoffDelay(3, { initialMs: 100, maxMs: 10_000, jitter: 'full' }, () => random);
      expect(full).toBeGreaterThanOrEqual(0);
      expect(full).toBeLessThanOrEqual(400);
    }
  });
});
