import { maybeInjectFault, type FaultInjection } from '../fault-injection.js';
import type { TryMiddleware } from './pipeline.js';

/**
 * For chaos runs: fails a try at random before the handler runs, inside its transaction, so it
 * rolls back and takes the retry path like any transient error. Placed after the inbox step,
 * so a duplicate is never failed on purpose. Without faults it is not in the chain at all.
 */
export function faultInjectionStep(faults: FaultInjection): TryMiddleware {
  return (next) => async (attempt) => {
    maybeInjectFault(faults, attempt.consumer);
    return next(attempt);
  };
}
