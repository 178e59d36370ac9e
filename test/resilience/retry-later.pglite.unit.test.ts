import {
  MAX_RETRY_LATER_MS,
  MIN_RETRY_LATER_MS,
  RetryLaterError,
  retryLaterDelay,
} from '@eventmart/eventing';
import { describe, expect, it } from 'vitest';
import { retryLaterFeatures } from './retry-later.features.js';

retryLaterFeatures('pglite');

describe('the wait a RetryLaterError asks for', () => {
  it('is bounded: never a busy loop, never longer than a minute', () => {
    expect(retryLaterDelay(new RetryLaterError(250))).toBe(250);
    expect(retryLaterDelay(new RetryLaterError(0))).toBe(MIN_RETRY_LATER_MS);
    expect(retryLaterDelay(new RetryLaterError(-5))).toBe(MIN_RETRY_LATER_MS);
    expect(retryLaterDelay(new RetryLaterError(3_600_000))).toBe(MAX_RETRY_LATER_MS);
    expect(retryLaterDelay(new RetryLaterError(Number.NaN))).toBe(MAX_RETRY_LATER_MS);
    expect(MAX_RETRY_LATER_MS).toBe(60_000);
  });

  it('is asked only by a RetryLaterError: any other error is a failed attempt', () => {
    expect(retryLaterDelay(new Error('provider unavailable'))).toBeUndefined();
    expect(retryLaterDelay('circuit open')).toBeUndefined();
  });
});
