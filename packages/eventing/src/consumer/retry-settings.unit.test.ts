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
    expect(faultInjectionFromEnv({ EVENTMART_FAULT_HANDLER_ERROR_RATE: '0.2' })).toEqual({
      handlerErrorRate: 0.2,
    });
    expect(() => faultInjectionFromEnv({ EVENTMART_FAULT_HANDLER_ERROR_RATE: '1.5' })).toThrow(
      /from 0 to 1, got "1.5"/,
    );
  });
});
