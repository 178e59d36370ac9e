/**
 * Thrown by a handler when retrying cannot help (a broken domain rule, a request that can
 * never succeed): the event goes to dead letters at once instead of burning retries.
 */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}

export function isPermanent(error: unknown): boolean {
  return error instanceof PermanentError;
}

/** The bounds of the wait a RetryLaterError asks for: never a busy loop, never an hour. */
export const MIN_RETRY_LATER_MS = 10;
export const MAX_RETRY_LATER_MS = 60_000;

/**
 * Thrown by a handler that did not try: a dependency is known to be down (its circuit breaker
 * is open), so calling it would only fail. The handler's transaction rolls back as for any
 * error, but the try does not count toward maxAttempts: the event waits `delayMs` (bounded by
 * MIN_ and MAX_RETRY_LATER_MS; its key waits with it, keeping per-key order) and is tried
 * again, for as long as the handler keeps asking. A stop during the wait leaves it
 * unacknowledged, so it is redelivered.
 */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  readonly delayMs: number;

  constructor(delayMs: number, message?: string, options?: ErrorOptions) {
    super(message ?? `retry in ${String(delayMs)} ms`, options);
    this.delayMs = delayMs;
  }
}

/** The wait a RetryLaterError asks for, within the bounds; undefined for any other error. */
export function retryLaterDelay(error: unknown): number | undefined {
  if (!(error instanceof RetryLaterError)) return undefined;
  const delay = Number.isNaN(error.delayMs) ? MAX_RETRY_LATER_MS : Math.round(error.delayMs);
  return Math.min(MAX_RETRY_LATER_MS, Math.max(MIN_RETRY_LATER_MS, delay));
}
