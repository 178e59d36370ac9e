import { describe, expect, it } from 'vitest';
import { faultInjectionFromEnv, retryPolicyFromEnv } from './retry-settings.js';

describe('retry settings from the environment', () => {
  it('leaves the defaults alone when nothing is set', () => {
    expect(retryPolicyFromEnv({})).toBeUndefined();
    expect(retryPolicyFromEnv({ EVENTMART_RETRY_ATTEMPTS: '' })).toBeUndefined();
  });

  it('reads in-place tries and the delayed tier', () => {
    expect(
      retryPolicyFromEnv({
        EVENTMART_RETRY_ATTEMPTS: '4',
        EVENTMART_RETRY_DELAYS_MS: '200, 1000,5000',
      }),
    ).toEqual({ maxAttempts: 4, delaysMs: [200, 1000, 5000] });
  });

  it('turns the delayed tier off with none', () => {
    expect(retryPolicyFromEnv({ EVENTMART_RETRY_DELAYS_MS: 'none' })).toEqual({ delaysMs: [] });
  });

  it.each([
    [{ EVENTMART_RETRY_ATTEMPTS: '0' }, /EVENTMART_RETRY_ATTEMPTS must be a whole number/],
    [{ EVENTMART_RETRY_ATTEMPTS: 'three' }, /EVENTMART_RETRY_ATTEMPTS/],
    [{ EVENTMART_RETRY_DELAYS_MS: '100,,200' }, /EVENTMART_RETRY_DELAYS_MS must be "none"/],
    [{ EVENTMART_RETRY_DELAYS_MS: '1s' }, /got "1s"/],
    [{ EVENTMART_RETRY_DELAYS_MS: '-5' }, /EVENTMART_RETRY_DELAYS_MS/],
  ])('refuses %o', (env, message) => {
    expect(() => retryPolicyFromEnv(env)).toThrow(message);
  });

  it('reads the injected handler error rate, and refuses one outside 0 to 1', () => {
    expect(faultInjectionFromEnv({})).toBeUndefined();
    expect(faultInjectionFromEnv({ EVENTMART_FAULT_HANDLER_ERROR_RATE: '0' })).toBeUndefined();
    expect(faultInjectionFromEnv({ EVENTMART_FAULT_HANDLER_ERROR_RATE: '0.2' })).toMatchObject({
      handlerErrorRate: 0.2,
    });
    expect(() => faultInjectionFromEnv({ EVENTMART_FAULT_HANDLER_ERROR_RATE: '1.5' })).toThrow(
      /from 0 to 1, got "1.5"/,
    );
  });

  it('draws the faults from EVENTMART_FAULT_SEED, and refuses a seed that is not one', () => {
    const env = { EVENTMART_FAULT_HANDLER_ERROR_RATE: '0.2', EVENTMART_FAULT_SEED: '2026' };
    const draws = (stream: string) => {
      const faults = faultInjectionFromEnv(env, stream);
      return Array.from({ length: 5 }, () => faults?.random());
    };
    expect(faultInjectionFromEnv(env)?.seed).toBe(2026);
    expect(draws('inventory')).toEqual(draws('inventory'));
    expect(draws('inventory')).not.toEqual(draws('payment'));
    // Unset: a seed from the clock, which the faults still carry.
    expect(faultInjectionFromEnv({ EVENTMART_FAULT_HANDLER_ERROR_RATE: '0.2' })?.seed).toEqual(
      expect.any(Number),
    );
    for (const seed of ['-1', '1.5', 'abc', '4294967296'])
      expect(() => faultInjectionFromEnv({ ...env, EVENTMART_FAULT_SEED: seed })).toThrow(
        `EVENTMART_FAULT_SEED must be an integer from 0 to 4294967295, got "${seed}"`,
      );
  });
});
