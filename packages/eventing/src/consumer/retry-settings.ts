import type { RetryPolicy } from './event-handler.js';
import { faultDraws, type FaultInjection } from './fault-injection.js';

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * The process-wide retry policy from the environment (docs/configuration.md), under what a
 * service or handler sets itself:
 * - EVENTMART_RETRY_ATTEMPTS: in-place tries (at least 1);
 * - EVENTMART_RETRY_DELAYS_MS: the delayed tries' waits, comma-separated milliseconds, or
 *   `none` for no delayed tier (dead letters right after the in-place tries).
 * A bad value throws, naming the variable, so a process refuses to start rather than guess.
 */
export function retryPolicyFromEnv(env: Env): Partial<RetryPolicy> | undefined {
  const policy: { maxAttempts?: number; delaysMs?: number[] } = {};
  const attempts = text(env, 'EVENTMART_RETRY_ATTEMPTS');
  if (attempts !== undefined) {
    const value = Number(attempts);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(
        `EVENTMART_RETRY_ATTEMPTS must be a whole number of at least 1, got "${attempts}"`,
      );
    policy.maxAttempts = value;
  }
  const delays = text(env, 'EVENTMART_RETRY_DELAYS_MS');
  if (delays !== undefined) {
    policy.delaysMs =
      delays === 'none'
        ? []
        : delays.split(',').map((part) => {
            const value = Number(part.trim());
            if (part.trim() === '' || !Number.isInteger(value) || value < 0)
              throw new Error(
                `EVENTMART_RETRY_DELAYS_MS must be "none" or comma-separated whole milliseconds, got "${delays}"`,
              );
            return value;
          });
  }
  return Object.keys(policy).length === 0 ? undefined : policy;
}

/**
 * Injected faults from the environment, for chaos runs: EVENTMART_FAULT_HANDLER_ERROR_RATE,
 * the probability (0 to 1) that a handler try fails (unset or 0: none), drawn from
 * EVENTMART_FAULT_SEED (an unsigned 32-bit integer; unset: from the clock) and `stream` (the
 * process's service), so that a seed replays which tries fail.
 */
export function faultInjectionFromEnv(env: Env, stream = ''): FaultInjection | undefined {
  const raw = text(env, 'EVENTMART_FAULT_HANDLER_ERROR_RATE');
  if (raw === undefined) return undefined;
  const rate = Number(raw);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new Error(
      `EVENTMART_FAULT_HANDLER_ERROR_RATE must be a number from 0 to 1, got "${raw}"`,
    );
  if (rate === 0) return undefined;
  const rawSeed = text(env, 'EVENTMART_FAULT_SEED');
  const seed = rawSeed === undefined ? Date.now() >>> 0 : Number(rawSeed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new Error(
      `EVENTMART_FAULT_SEED must be an integer from 0 to 4294967295, got "${rawSeed ?? ''}"`,
    );
  return { handlerErrorRate: rate, seed, random: faultDraws(seed, stream) };
}
