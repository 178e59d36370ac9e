import { describe, expect, it } from 'vitest';
import { Random } from '../random.js';
import { FaultLog } from './fault-log.js';
import { FaultLoop } from './fault-loop.js';

describe('fault loop', () => {
  it('injects again and again, counts a failing injection as a problem, and stops after the one in flight', async () => {
    const log = new FaultLog(Date.now(), () => undefined);
    let injections = 0;
    let inFlight = false;
    const loop = new FaultLoop(
      'kill',
      async () => {
        injections += 1;
        inFlight = true;
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight = false;
        if (injections === 2) throw new Error('could not restart');
      },
      { firstAfterMs: 5, everyMs: 10 },
      new Random(1),
      log,
    );
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await loop.stop();
    expect(inFlight).toBe(false);
    expect(injections).toBeGreaterThanOrEqual(3);
    expect(log.problems).toEqual(['kill: could not restart']);
    const after = injections;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(injections).toBe(after);
  });
});
