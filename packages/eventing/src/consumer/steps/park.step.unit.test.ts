import { describe, expect, it } from 'vitest';
import type { ParkEntry } from '../../parking/parking-lot.js';
import { silentLogger } from '../../support/logger.js';
import { ConsumerStats } from '../consumer-stats.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../event-handler.js';
import { delayedRetryDelay, parkStep } from './park.step.js';
import { HandlerGaveUp, type ValidDelivery } from './pipeline.js';
import { validDelivery } from './steps.fixture.js';

const DELAYED: RetryPolicy = { ...DEFAULT_RETRY, delaysMs: [1_000, 10_000] };

function setUp(policy: RetryPolicy, parkedKeys: string[] = []) {
  const parked: ParkEntry[] = [];
  const stats = new ConsumerStats();
  let pokes = 0;
  const lot = {
    hasParked: (_consumer: string, key: string) => Promise.resolve(parkedKeys.includes(key)),
    park: (entry: ParkEntry) => {
      parked.push(entry);
      return Promise.resolve();
    },
  };
  const step = (next: (delivery: ValidDelivery) => Promise<void>) =>
    parkStep(
      {
        lot,
        policyOf: () => policy,
        stats,
        logger: silentLogger,
        parked: () => (pokes += 1),
        random: () => 1,
      },
      next,
    );
  return { parked, stats, step, pokes: () => pokes };
}

const gaveUp = (permanent: boolean) =>
  new HandlerGaveUp(new Error('down'), 3, new Date('2026-01-01T00:00:00Z'), permanent);

describe('the park step', () => {
  it('parks an event behind its key, untried, while an earlier one of the key is parked', async () => {
    const { parked, stats, step, pokes } = setUp(DELAYED, ['order-1']);
    let tried = false;
    await step(() => {
      tried = true;
      return Promise.resolve();
    })(validDelivery());
    expect(tried).toBe(false);
    expect(parked).toEqual([
      expect.objectContaining({ consumer: 'inventory.reserve', attempts: 0 }),
    ]);
    expect(parked[0]?.failure).toBeUndefined();
    expect(stats.get('parkedBehind')).toBe(1);
    expect(pokes()).toBe(1);
  });

  it('parks a transient failure with its tries, the first delayed try one delay later', async () => {
    const { parked, stats, step } = setUp(DELAYED);
    const before = Date.now();
    await step(() => Promise.reject(gaveUp(false)))(validDelivery());
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({
      attempts: 3,
      failure: { firstFailedAt: new Date('2026-01-01T00:00:00Z') },
    });
    expect(parked[0]!.retryAt.getTime()).toBeGreaterThanOrEqual(before + 1_000);
    expect(stats.get('parked')).toBe(1);
  });

  it('passes a permanent failure on to dead letters', async () => {
    const { parked, step } = setUp(DELAYED);
    await expect(step(() => Promise.reject(gaveUp(true)))(validDelivery())).rejects.toBeInstanceOf(
      HandlerGaveUp,
    );
    expect(parked).toEqual([]);
  });

  it('is not there for a policy without delays', async () => {
    const { parked, step } = setUp({ ...DELAYED, delaysMs: [] }, ['order-1']);
    await expect(step(() => Promise.reject(gaveUp(false)))(validDelivery())).rejects.toBeInstanceOf(
      HandlerGaveUp,
    );
    expect(parked).toEqual([]);
  });

  it('waits each delay shortened by up to a fifth, the last one for any later try', () => {
    expect(delayedRetryDelay(DELAYED, 0, () => 1)).toBe(1_000);
    expect(delayedRetryDelay(DELAYED, 0, () => 0)).toBe(800);
    expect(delayedRetryDelay(DELAYED, 5, () => 1)).toBe(10_000);
  });
});
