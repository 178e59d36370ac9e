import { describe, expect, it } from 'vitest';
import { FaultLog } from './fault-log.js';

describe('fault log', () => {
  it('prints each fault with the time since the start, and adds them up per kind', () => {
    const lines: string[] = [];
    let now = 1_000_000;
    const log = new FaultLog(
      now,
      (line) => lines.push(line),
      () => now,
    );
    now += 2_500;
    log.record('kill', 'inventory (pid 42)');
    now += 1_000;
    log.record('duplicates', '120 messages', 120);
    log.record('duplicates', '30 messages', 30);
    log.note('inventory serves again');
    log.problem('broker', new Error('broker 2 did not come back'));
    expect(lines).toEqual([
      '[   2.5 s] fault kill: inventory (pid 42)',
      '[   3.5 s] fault duplicates: 120 messages',
      '[   3.5 s] fault duplicates: 30 messages',
      '[   3.5 s] inventory serves again',
      '[   3.5 s] PROBLEM broker: broker 2 did not come back',
    ]);
    expect(log.entries[0]).toEqual({
      at: new Date(1_002_500).toISOString(),
      elapsedMs: 2_500,
      fault: 'kill',
      target: 'inventory (pid 42)',
      count: 1,
    });
    const totals = log.totals();
    expect(totals.kill).toEqual({ injections: 1, count: 1 });
    expect(totals.duplicates).toEqual({ injections: 2, count: 150 });
    expect(totals.poison).toEqual({ injections: 0, count: 0 });
    expect(log.problems).toEqual(['broker: broker 2 did not come back']);
  });
});
