import { RetryLaterError } from '@eventmart/eventing';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleAll,
  type CircuitBreakerPolicy,
} from 'cockatiel';

export interface CircuitBreakerSettings {
  /** Failed calls in a row that open the circuit. */
  readonly consecutiveFailures: number;
  /** How long the circuit stays open before it lets one trial call through (half-open). */
  readonly halfOpenAfterMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerSettings = {
  consecutiveFailures: 5,
  halfOpenAfterMs: 10_000,
};

/** Where state changes are reported: Nest's Logger fits. */
export interface CircuitLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** A call that answered, but with an answer that counts as a failure (no answer in time). */
class FailedAnswer extends Error {
  constructor(
    readonly answer: unknown,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * A circuit breaker around one dependency (cockatiel's, counting consecutive failures). While
 * it is open, `call` does not call out: it throws RetryLaterError, so the event handler's
 * transaction rolls back and the consumer tries the event again once the circuit lets a trial
 * call through, without using up an attempt. The trial call closes the circuit if it works
 * and opens it again if not. Every change of state is logged with the dependency's name.
 */
export class DependencyCircuit {
  private readonly policy: CircuitBreakerPolicy;
  private openedAt = 0;

  constructor(
    readonly dependency: string,
    readonly settings: CircuitBreakerSettings,
    logger: CircuitLogger,
  ) {
    this.policy = circuitBreaker(handleAll, {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.consecutiveFailures),
    });
    this.policy.onBreak((reason) => {
      this.openedAt = Date.now();
      const last = 'error' in reason ? reason.error.message : 'isolated';
      logger.warn(
        `circuit opened: ${dependency} (last failure: ${last}); no calls for ${String(settings.halfOpenAfterMs)} ms`,
      );
    });
    this.policy.onHalfOpen(() => logger.log(`circuit half-open: ${dependency}; one trial call`));
    this.policy.onReset(() => logger.log(`circuit closed: ${dependency}; calls go through again`));
  }

  get state(): 'closed' | 'open' | 'half-open' {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return 'open';
    }
  }

  /**
   * Runs `work` unless the circuit is open. A throw counts as a failure, and so does an
   * answer for which `failure` gives a reason; such an answer is still returned.
   */
  async call<T>(
    work: () => Promise<T>,
    failure: (answer: T) => string | undefined = () => undefined,
  ): Promise<T> {
    try {
      return await this.policy.execute(async () => {
        const answer = await work();
        const reason = failure(answer);
        if (reason !== undefined) throw new FailedAnswer(answer, reason);
        return answer;
      });
    } catch (error) {
      if (error instanceof FailedAnswer) return error.answer as T;
      if (error instanceof BrokenCircuitError) {
        // Just after the moment the circuit lets a trial call through.
        const waitMs = Math.max(0, this.openedAt + this.settings.halfOpenAfterMs - Date.now()) + 10;
        throw new RetryLaterError(waitMs, `circuit open: ${this.dependency} is not called`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}

/** Settings from the options, else `<PREFIX>_CIRCUIT_FAILURES` and `_HALF_OPEN_MS`, else defaults. */
export function circuitBreakerSettings(
  prefix: string,
  options: Partial<CircuitBreakerSettings> = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): CircuitBreakerSettings {
  const pick = (option: number | undefined, name: string, fallback: number): number => {
    const raw = env[name];
    const value = option ?? (raw === undefined || raw === '' ? fallback : Number(raw));
    if (!Number.isInteger(value) || value <= 0) {
      const given = option === undefined ? `${name}="${String(raw)}"` : String(option);
      throw new Error(`${name} must be a positive whole number, got ${given}`);
    }
    return value;
  };
  return {
    consecutiveFailures: pick(
      options.consecutiveFailures,
      `${prefix}_CIRCUIT_FAILURES`,
      DEFAULT_CIRCUIT_BREAKER.consecutiveFailures,
    ),
    halfOpenAfterMs: pick(
      options.halfOpenAfterMs,
      `${prefix}_CIRCUIT_HALF_OPEN_MS`,
      DEFAULT_CIRCUIT_BREAKER.halfOpenAfterMs,
    ),
  };
}
