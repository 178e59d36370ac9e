import { describe, expect, it } from 'vitest';
import { Conditions } from './conditions.js';

describe('Conditions', () => {
  it('resolves when the condition holds after a change, and at once if it holds already', async () => {
    let joined = 0;
    const conditions = new Conditions(() => undefined);
    await conditions.until(() => true);
    let resolved = false;
    const waiting = conditions.until(() => joined > 1).then(() => (resolved = true));
    joined = 1;
    conditions.changed();
    await Promise.resolve();
    expect(resolved).toBe(false);
    joined = 2;
    conditions.changed();
    await waiting;
    expect(resolved).toBe(true);
  });

  it('rejects with the reason abort() gives', async () => {
    const state: { reason?: Error } = {};
    const conditions = new Conditions(() => state.reason);
    const waiting = conditions.until(() => false);
    state.reason = new Error('closed');
    conditions.changed();
    await expect(waiting).rejects.toThrow('closed');
  });
});
