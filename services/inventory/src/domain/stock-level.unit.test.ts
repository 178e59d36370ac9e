import { describe, expect, it } from 'vitest';
import {
  StockRuleError,
  isConsistent,
  newStock,
  release,
  reserve,
  sell,
  setAvailable,
} from './stock-level.js';

const fresh = newStock('MUG', 5);

describe('stock level', () => {
  it('starts with everything available', () => {
    expect(fresh).toEqual({ sku: 'MUG', total: 5, available: 5, reserved: 0, sold: 0 });
  });

  it('moves units available → reserved → sold, keeping the total', () => {
    const reserved = reserve(fresh, 3);
    expect(reserved).toMatchObject({ available: 2, reserved: 3, sold: 0, total: 5 });
    const shipped = sell(reserved, 3);
    expect(shipped).toMatchObject({ available: 2, reserved: 0, sold: 3, total: 5 });
    expect(isConsistent(shipped)).toBe(true);
  });

  it('returns released units to available', () => {
    expect(release(reserve(fresh, 4), 4)).toEqual(fresh);
  });

  it('refuses to reserve more than available', () => {
    expect(() => reserve(fresh, 6)).toThrow(StockRuleError);
    expect(() => reserve(fresh, 6)).toThrow('cannot reserve 6 of MUG: 5 available');
  });

  it('refuses to release or sell more than reserved', () => {
    const held = reserve(fresh, 2);
    expect(() => release(held, 3)).toThrow('cannot release 3 of MUG: 2 reserved');
    expect(() => sell(held, 3)).toThrow('cannot sell 3 of MUG: 2 reserved');
  });

  it('refuses quantities that are not positive integers', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN]) {
      expect(() => reserve(fresh, quantity)).toThrow(StockRuleError);
    }
  });

  it('recounts available stock without touching what orders hold', () => {
    const held = sell(reserve(fresh, 3), 1);
    const recounted = setAvailable(held, 10);
    expect(recounted).toEqual({ sku: 'MUG', total: 13, available: 10, reserved: 2, sold: 1 });
    expect(() => setAvailable(held, -1)).toThrow(StockRuleError);
  });

  it('tells a consistent level from a broken one', () => {
    expect(isConsistent({ ...fresh, available: 4 })).toBe(false);
    expect(isConsistent({ ...fresh, total: 4, available: -1, reserved: 5 })).toBe(false);
  });
});
