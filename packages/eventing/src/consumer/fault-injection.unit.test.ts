import { describe, expect, it } from 'vitest';
import { delayedRetryDelay } from './steps/park.step.js';
import { DEFAULT_RETRY } from './event-handler.js';
import { faultDraws, InjectedFault, maybeInjectFault } from './fault-injection.js';

describe('injected handler faults', () => {
  it('fails a try when the draw is under the rate, and never without faults', () => {
    const faults = (draw: number) => ({ handlerErrorRate: 0.2, seed: 1, random: () => draw });
    expect(() => maybeInjectFault(faults(0.1), 'inventory.reserve')).toThrow(InjectedFault);
    expect(() => maybeInjectFault(faults(0.1), 'inventory.reserve')).toThrow(
      'injected fault in inventory.reserve',
    );
    expect(() => maybeInjectFault(faults(0.2), 'inventory.reserve')).not.toThrow();
    expect(() => maybeInjectFault(undefined, 'inventory.reserve')).not.toThrow();
    expect(() =>
      maybeInjectFault({ handlerErrorRate: 0, seed: 1, random: () => 0 }, 'inventory.reserve'),
    ).not.toThrow();
  });
});

describe('seeded handler faults', () => {
  /** Which of 200 tries fail at a rate of 0.2, as a string of x (failed) and . (ran). */
  const faultSequence = (seed: number, stream: string): string => {
    const faults = { handlerErrorRate: 0.2, seed, random: faultDraws(seed, stream) };
    return Array.from({ length: 200 }, () => {
      try {
        maybeInjectFault(faults, stream);
        return '.';
      } catch (error) {
        if (!(error instanceof InjectedFault)) throw error;
        return 'x';
      }
    }).join('');
  };

  it('fail the same tries for the same seed, and other tries for another seed or service', () => {
    const replayed = faultSequence(2026, 'inventory');
    expect(faultSequence(2026, 'inventory')).toBe(replayed);
    expect(faultSequence(7331, 'inventory')).not.toBe(replayed);
    expect(faultSequence(2026, 'payment')).not.toBe(replayed);
    // About the rate asked for: 40 of 200 expected.
    const failed = [...replayed].filter((c) => c === 'x').length;
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(60);
  });

  it('draw numbers in [0, 1)', () => {
    const draw = faultDraws(0);
    for (let i = 0; i < 10_000; i += 1) {
      const value = draw();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });
});

describe('delayed retry waits', () => {
  it('take each delay in turn, shortened by at most a fifth, and repeat the last', () => {
    const policy = { ...DEFAULT_RETRY, delaysMs: [1_000, 10_000] };
    expect(delayedRetryDelay(policy, 0, () => 1)).toBe(1_000);
    expect(delayedRetryDelay(policy, 0, () => 0)).toBe(800);
    expect(delayedRetryDelay(policy, 1, () => 0.5)).toBe(9_000);
    expect(delayedRetryDelay(policy, 5, () => 1)).toBe(10_000);
  });
});
