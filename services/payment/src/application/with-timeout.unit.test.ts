import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('answers the value when the work is in time', async () => {
    expect(await withTimeout(Promise.resolve(42), 1_000)).toEqual({ timedOut: false, value: 42 });
  });

  it('passes the work’s own failure through', async () => {
    await expect(withTimeout(Promise.reject(new Error('down')), 1_000)).rejects.toThrow('down');
  });

  it('gives up after the delay, and ignores a late failure', async () => {
    const late = sleep(60).then(() => {
      throw new Error('too late to matter');
    });
    expect(await withTimeout(late, 20)).toEqual({ timedOut: true, afterMs: 20 });
    // A rejection nobody handled would fail the test run here.
    await sleep(80);
  });

  it('leaves no timer behind', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await withTimeout(Promise.resolve('fast'), 60_000);
    const after = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(after).toBe(before);
  });
});
