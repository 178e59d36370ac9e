import { describe, expect, it } from 'vitest';
import { quoteIdentifier } from './identifiers.js';

describe('quoteIdentifier', () => {
  it('quotes, keeping case, and doubles embedded quotes', () => {
    expect(quoteIdentifier('orders')).toBe('"orders"');
    expect(quoteIdentifier('Order Events')).toBe('"Order Events"');
    expect(quoteIdentifier('a"; drop table x; --')).toBe('"a""; drop table x; --"');
  });

  it('rejects names PostgreSQL would truncate or cannot hold', () => {
    expect(() => quoteIdentifier('')).toThrow('empty');
    expect(() => quoteIdentifier('a\0b')).toThrow('NUL');
    expect(() => quoteIdentifier('x'.repeat(63))).not.toThrow();
    expect(() => quoteIdentifier('x'.repeat(64))).toThrow('63 bytes');
    expect(() => quoteIdentifier('é'.repeat(32))).toThrow('63 bytes');
  });
});
