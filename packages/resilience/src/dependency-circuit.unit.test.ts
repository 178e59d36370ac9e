import { setTimeout as sleep } from 'node:timers/promises';
import { RetryLaterError } from '@eventmart/eventing';
import { describe, expect, it } from 'vitest';
import { DependencyCircuit, circuitBreakerSettings } from './dependency-circuit.js';

function circuit(consecutiveFailures = 2, halfOpenAfterMs = 200) {
  const lines: string[] = [];
  const logger = { log: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
  return {
    lines,
    circuit: new DependencyCircuit('bank', { consecutiveFailures, halfOpenAfterMs }, logger),
  };
}

const failing = () => Promise.reject(new Error('bank down'));

describe('a dependency circuit', () => {
  it('opens after the failures in a row, refuses calls with RetryLaterError until half-open, then closes', async () => {
    const { circuit: bank, lines } = circuit();
    await expect(bank.call(failing)).rejects.toThrow('bank down');
    expect(bank.state).toBe('closed');
    await expect(bank.call(failing)).rejects.toThrow('bank down');
    expect(bank.state).toBe('open');

    let called = false;
    const refused = await bank
      .call(() => {
        called = true;
        return Promise.resolve('ok');
      })
      .catch((error: unknown) => error);
    expect(called).toBe(false);
    expect(refused).toBeInstanceOf(RetryLaterError);
    // Asked to come back just after the circuit lets a trial call through.
    expect((refused as RetryLaterError).delayMs).toBeGreaterThan(150);
    expect((refused as RetryLaterError).delayMs).toBeLessThanOrEqual(210);
    expect((refused as RetryLaterError).message).toBe('circuit open: bank is not called');

    await sleep((refused as RetryLaterError).delayMs);
    await expect(bank.call(() => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(bank.state).toBe('closed');
    expect(lines).toEqual([
      'circuit opened: bank (last failure: bank down); no calls for 200 ms',
      'circuit half-open: bank; one trial call',
      'circuit closed: bank; calls go through again',
    ]);
  });

  it('resets the count on a success: only failures in a row open it', async () => {
    const { circuit: bank } = circuit(2);
    await expect(bank.call(failing)).rejects.toThrow();
    await bank.call(() => Promise.resolve(1));
    await expect(bank.call(failing)).rejects.toThrow();
    expect(bank.state).toBe('closed');
  });

  it('counts an answer the caller calls a failure, and still returns it', async () => {
    const { circuit: bank, lines } = circuit(1);
    const answer = { timedOut: true };
    await expect(
      bank.call(
        () => Promise.resolve(answer),
        () => 'no answer in time',
      ),
    ).resolves.toBe(answer);
    expect(bank.state).toBe('open');
    expect(lines[0]).toContain('last failure: no answer in time');
  });
});

describe('circuit breaker settings', () => {
  it('are 5 failures and 10 s unless told otherwise', () => {
    expect(circuitBreakerSettings('PAYMENT', {}, {})).toEqual({
      consecutiveFailures: 5,
      halfOpenAfterMs: 10_000,
    });
  });

  it('come from the environment, and options win over it', () => {
    const env = { PAYMENT_CIRCUIT_FAILURES: '3', PAYMENT_CIRCUIT_HALF_OPEN_MS: '2500' };
    expect(circuitBreakerSettings('PAYMENT', {}, env)).toEqual({
      consecutiveFailures: 3,
      halfOpenAfterMs: 2_500,
    });
    expect(circuitBreakerSettings('PAYMENT', { halfOpenAfterMs: 100 }, env).halfOpenAfterMs).toBe(
      100,
    );
  });

  it('refuse what is not a positive whole number, at startup', () => {
    expect(() =>
      circuitBreakerSettings('PAYMENT', {}, { PAYMENT_CIRCUIT_FAILURES: 'many' }),
    ).toThrow(
      'PAYMENT_CIRCUIT_FAILURES must be a positive whole number, got PAYMENT_CIRCUIT_FAILURES="many"',
    );
    expect(() => circuitBreakerSettings('PAYMENT', { consecutiveFailures: 0 })).toThrow('got 0');
  });
});
