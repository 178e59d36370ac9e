import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../support/logger.js';
import { ConsumerStats } from '../consumer-stats.js';
import { PermanentError, RetryLaterError } from '../errors.js';
import type { RetryPolicy } from '../event-handler.js';
import { HandlerGaveUp } from './pipeline.js';
import { retryInPlaceStep, type TryOnce } from './retry-in-place.step.js';
import { validDelivery } from './steps.fixture.js';

const POLICY: RetryPolicy = {
  maxAttempts: 3,
  backoff: { initialMs: 1, maxMs: 2, jitter: 'none' },
  delaysMs: [],
};

/** Runs the step over a try that fails with the given errors in turn, then succeeds. */
async function run(errors: Error[], stopping = new AbortController().signal) {
  const stats = new ConsumerStats();
  const attempts: number[] = [];
  const tryOnce: TryOnce = (_delivery, attempt) => {
    attempts.push(attempt);
    const error = errors.shift();
    return error === undefined ? Promise.resolve('processed') : Promise.reject(error);
  };
  const step = retryInPlaceStep(
    { policyOf: () => POLICY, stats, logger: silentLogger, stopping },
    tryOnce,
  );
  const outcome = await step(validDelivery()).catch((error: unknown) => error);
  return { outcome, attempts, retries: stats.get('retries') };
}

describe('the retry-in-place step', () => {
  it('tries again after a failure, numbering the tries', async () => {
    const { outcome, attempts, retries } = await run([new Error('db blip')]);
    expect(outcome).toBe('processed');
    expect(attempts).toEqual([1, 2]);
    expect(retries).toBe(1);
  });

  it('gives up after maxAttempts failed tries, with the last error', async () => {
    const last = new Error('still down');
    const { outcome, attempts } = await run([new Error('down'), new Error('down'), last]);
    expect(attempts).toEqual([1, 2, 3]);
    expect(outcome).toBeInstanceOf(HandlerGaveUp);
    expect(outcome).toMatchObject({ error: last, attempts: 3, permanent: false });
  });

  it('gives up at once on a permanent error', async () => {
    const refused = new PermanentError('no such product');
    const { outcome, attempts } = await run([refused]);
    expect(attempts).toEqual([1]);
    expect(outcome).toMatchObject({ error: refused, attempts: 1, permanent: true });
  });

  it('does not count a retry-later as a try', async () => {
    const later = () => new RetryLaterError(10, 'circuit open');
    const { outcome, attempts, retries } = await run([later(), later(), new Error('x'), later()]);
    expect(outcome).toBe('processed');
    // Put off twice, try 1 failed, try 2 put off once, then made.
    expect(attempts).toEqual([1, 1, 1, 2, 2]);
    expect(retries).toBe(1);
  });

  it('rethrows the handler error when the consumer stops during a wait', async () => {
    const stop = new AbortController();
    stop.abort();
    const failure = new Error('down');
    const { outcome, attempts } = await run([failure], stop.signal);
    expect(outcome).toBe(failure);
    expect(attempts).toEqual([1]);
  });
});
