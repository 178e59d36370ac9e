import { describe, expect, it } from 'vitest';
import { orderSettings } from './order-settings.js';

describe('the order payment deadline', () => {
  it('is 30 s unless told otherwise', () => {
    expect(orderSettings({}, {})).toEqual({ paymentDeadlineMs: 30_000 });
    expect(orderSettings({}, { ORDER_PAYMENT_TIMEOUT_MS: '' })).toEqual({
      paymentDeadlineMs: 30_000,
    });
  });

  it('comes from ORDER_PAYMENT_TIMEOUT_MS, and the option wins over it', () => {
    expect(orderSettings({}, { ORDER_PAYMENT_TIMEOUT_MS: '1500' }).paymentDeadlineMs).toBe(1_500);
    expect(
      orderSettings({ paymentDeadlineMs: 200 }, { ORDER_PAYMENT_TIMEOUT_MS: '1500' })
        .paymentDeadlineMs,
    ).toBe(200);
  });

  it('refuses what is not a positive whole number of ms, at startup', () => {
    expect(() => orderSettings({}, { ORDER_PAYMENT_TIMEOUT_MS: '30s' })).toThrow(
      'got ORDER_PAYMENT_TIMEOUT_MS="30s"',
    );
    expect(() => orderSettings({ paymentDeadlineMs: -1 }, {})).toThrow('got -1');
  });
});
