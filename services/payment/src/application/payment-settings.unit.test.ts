import { describe, expect, it } from 'vitest';
import { paymentTimeoutMs } from './payment-settings.js';

describe('payment timeout', () => {
  it('is 5 s unless told otherwise', () => {
    expect(paymentTimeoutMs(undefined, {})).toBe(5_000);
    expect(paymentTimeoutMs(undefined, { PAYMENT_TIMEOUT_MS: '' })).toBe(5_000);
  });

  it('comes from PAYMENT_TIMEOUT_MS, and the option wins over it', () => {
    expect(paymentTimeoutMs(undefined, { PAYMENT_TIMEOUT_MS: '750' })).toBe(750);
    expect(paymentTimeoutMs(200, { PAYMENT_TIMEOUT_MS: '750' })).toBe(200);
  });

  it('refuses what is not a positive whole number of ms, at startup', () => {
    expect(() => paymentTimeoutMs(undefined, { PAYMENT_TIMEOUT_MS: '5s' })).toThrow(
      'got PAYMENT_TIMEOUT_MS="5s"',
    );
    expect(() => paymentTimeoutMs(0, {})).toThrow('positive whole number');
    expect(() => paymentTimeoutMs(-1, {})).toThrow('got -1');
  });
});
