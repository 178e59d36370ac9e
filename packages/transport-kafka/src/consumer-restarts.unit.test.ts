import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '@eventmart/eventing';
import { ConsumerRestarts } from './consumer-restarts.js';

const retry = { initialMs: 100, maxMs: 1_000, retries: 2, jitter: 'none' as const };

describe('ConsumerRestarts', () => {
  afterEach(() => vi.useRealTimers());

  it('restarts after a growing delay, and gives up a first join after the retries', async () => {
    vi.useFakeTimers();
    let restarts = 0;
    const policy = new ConsumerRestarts(retry, async () => void (restarts += 1), silentLogger, 'g');
    const crash = new Error('INVALID_REQUEST');
    expect(policy.crashed(crash, false)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(99);
    expect(restarts).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(restarts).toBe(1);
    expect(policy.crashed(crash, false)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(200);
    expect(restarts).toBe(2);
    expect(policy.crashed(crash, false), 'the third crash before any join').toBe(crash);
  });

  it('never gives up once the member has joined, and counts from zero after each join', async () => {
    vi.useFakeTimers();
    let restarts = 0;
    const policy = new ConsumerRestarts(retry, async () => void (restarts += 1), silentLogger, 'g');
    for (let crash = 0; crash < 5; crash += 1) {
      expect(policy.crashed(new Error('boom'), true)).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(restarts).toBe(5);
    policy.joined();
    policy.crashed(new Error('boom'), true);
    await vi.advanceTimersByTimeAsync(100);
    expect(restarts, 'the first delay again').toBe(6);
  });

  it('stop() cancels a pending restart and waits for one under way', async () => {
    vi.useFakeTimers();
    let finish!: () => void;
    let restarts = 0;
    const policy = new ConsumerRestarts(
      retry,
      () => {
        restarts += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      silentLogger,
      'g',
    );
    policy.crashed(new Error('boom'), true);
    await vi.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = policy.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(policy.crashed(new Error('late'), true)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(restarts).toBe(1);
  });
});
