import { describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from './logger.js';
import { PollLoop } from './poll-loop.js';

describe('PollLoop', () => {
  it('runs rounds back to back while they answer 0, sleeps as asked, and wakes early', async () => {
    let rounds = 0;
    const loop = new PollLoop({
      round: () => Promise.resolve(++rounds < 3 ? 0 : 60_000),
      failureMessage: 'failed',
      logger: silentLogger,
    });
    loop.start();
    await expect.poll(() => rounds).toBe(3);
    // Sleeping a minute: only a wake-up brings the next round.
    loop.wake();
    await expect.poll(() => rounds).toBe(4);
    await loop.stop();
    expect(loop.running).toBe(false);
  });

  it('logs a failed round, backs off and goes on', async () => {
    const warnings: string[] = [];
    const logger: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };
    let rounds = 0;
    const loop = new PollLoop({
      round: () => {
        rounds += 1;
        return rounds === 1 ? Promise.reject(new Error('database gone')) : Promise.resolve(60_000);
      },
      failureMessage: 'poller failed; retrying',
      logger,
    });
    loop.start();
    await expect.poll(() => rounds, { timeout: 2_000 }).toBe(2);
    expect(warnings).toEqual(['poller failed; retrying']);
    await loop.stop();
  });

  it('lets the round in flight finish on stop, and starts no other', async () => {
    let release: () => void = () => undefined;
    let rounds = 0;
    const loop = new PollLoop({
      round: () => {
        rounds += 1;
        return new Promise((resolve) => {
          release = () => resolve(0);
        });
      },
      failureMessage: 'failed',
      logger: silentLogger,
    });
    loop.start();
    await expect.poll(() => rounds).toBe(1);
    expect(loop.stopRequested).toBe(false);
    const stopped = loop.stop();
    expect(loop.stopRequested).toBe(true);
    release();
    await stopped;
    expect(rounds).toBe(1);
  });
});
