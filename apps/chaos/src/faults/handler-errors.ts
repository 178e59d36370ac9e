/** The chance that a handler try fails, unless --handler-error-rate says otherwise. */
export const DEFAULT_HANDLER_ERROR_RATE = 0.2;

/**
 * What the service processes read to fail their own handlers (docs/configuration.md): each
 * try throws a transient error inside its transaction with probability `rate`, drawn from the
 * run's seed (each service its own sequence of it), so that a seed replays which of a
 * process's tries fail. A failed try is retried in place, then parked for the delayed
 * retries, which must absorb it without a dead letter (0.2 over 3 + 6 tries: one event in
 * about two million exhausts them).
 */
export function handlerErrorSettings(rate: number, seed: number): Record<string, string> {
  return {
    EVENTMART_FAULT_HANDLER_ERROR_RATE: String(rate),
    EVENTMART_FAULT_SEED: String(seed >>> 0),
    EVENTMART_RETRY_ATTEMPTS: '3',
    EVENTMART_RETRY_DELAYS_MS: '200,500,1000,2000,3000,5000',
  };
}
