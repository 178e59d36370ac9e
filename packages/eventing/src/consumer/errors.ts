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
