import { describe, expect, it } from 'vitest';
import { inventorySettings } from './inventory-settings.js';

describe('the reservation TTL', () => {
  it('is twice the order payment deadline, by default 60 s', () => {
    expect(inventorySettings({}, {})).toEqual({ reservationTtlMs: 60_000 });
    expect(inventorySettings({}, { ORDER_PAYMENT_TIMEOUT_MS: '5000' })).toEqual({
      reservationTtlMs: 10_000,
    });
  });

  it('comes from INVENTORY_RESERVATION_TTL_MS, and the option wins over it', () => {
    const env = { INVENTORY_RESERVATION_TTL_MS: '90000', ORDER_PAYMENT_TIMEOUT_MS: '5000' };
    expect(inventorySettings({}, env).reservationTtlMs).toBe(90_000);
    expect(inventorySettings({ reservationTtlMs: 1_000 }, env).reservationTtlMs).toBe(1_000);
  });

  it('refuses what is not a positive whole number of ms, at startup', () => {
    expect(() => inventorySettings({}, { INVENTORY_RESERVATION_TTL_MS: '1m' })).toThrow(
      'INVENTORY_RESERVATION_TTL_MS must be a positive whole number of ms, got "1m"',
    );
    expect(() => inventorySettings({ reservationTtlMs: 0 }, {})).toThrow('got 0');
  });
});
