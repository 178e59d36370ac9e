import { RPC_SERVICES } from '@eventmart/gateway';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RPC_PORTS, parseProcessName, SERVICES } from './services.js';

describe('the processes of distributed mode', () => {
  it('are the six services and the gateway', () => {
    expect(parseProcessName('inventory')).toBe('inventory');
    expect(SERVICES).toHaveLength(7);
    expect(() => parseProcessName('billing')).toThrow('expected one of user, inventory');
    expect(() => parseProcessName(undefined)).toThrow('which service?');
  });

  it('give every service the gateway calls a port of its own', () => {
    expect(Object.keys(DEFAULT_RPC_PORTS).sort()).toEqual([...RPC_SERVICES].sort());
    expect(new Set(Object.values(DEFAULT_RPC_PORTS)).size).toBe(RPC_SERVICES.length);
  });
});
