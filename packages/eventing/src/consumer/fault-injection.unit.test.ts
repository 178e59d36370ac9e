import { describe, expect, it } from 'vitest';
import { delayedRetryDelay } from './steps/park.step.js';
import { DEFAULT_RETRY } from './event-handler.js';
import { InjectedFault, maybeInjectFault } from './fault-injection.js';

describe('injected handler faults', () => {
  it('fails a try when the draw is under the rate, and never without faults', () => {
    const faults = (draw: number) => ({ handlerErrorRate: 0.2, random: () => draw });
    expect(() => maybeInjectFault(faults(0.1), 'inventory.reserve')).toThrow(InjectedFault);
    expect(() => maybeInjectFault(faults(0.1), 'inventory.reserve')).toThrow(
      'injected fault in inventory.reserve',
    );
    expect(() => maybeInjectFault(faults(0.2), 'inventory.reserve')).not.toThrow();
    expect(() => maybeInjectFault(undefined, 'inventory.reserve')).not.toThrow();
    expect(() =>
      maybeInjectFault({ handlerErrorRate: 0, random: () => 0 }, 'inventory.reserve'),
    ).not.toThrow();
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
