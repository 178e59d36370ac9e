import { describe, expect, it } from 'vitest';
import { InjectedFault } from '../fault-injection.js';
import { faultInjectionStep } from './fault-injection.step.js';
import { noTx, validDelivery } from './steps.fixture.js';

describe('the fault injection step', () => {
  const attempt = { ...validDelivery(), tx: noTx, attempt: 1 };

  it('fails the try before the handler runs when the draw is under the rate', async () => {
    let ran = false;
    const step = faultInjectionStep({ handlerErrorRate: 0.5, seed: 1, random: () => 0.1 })(() => {
      ran = true;
      return Promise.resolve('processed');
    });
    await expect(step(attempt)).rejects.toThrow(InjectedFault);
    await expect(step(attempt)).rejects.toThrow('injected fault in inventory.reserve');
    expect(ran).toBe(false);
  });

  it('lets the try through otherwise', async () => {
    const step = faultInjectionStep({ handlerErrorRate: 0.5, seed: 1, random: () => 0.9 })(() =>
      Promise.resolve('processed'),
    );
    expect(await step(attempt)).toBe('processed');
  });
});
