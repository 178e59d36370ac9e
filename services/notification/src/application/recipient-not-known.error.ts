/**
 * An order event arrived before the user.registered of its customer (they travel on different
 * topics, so either may come first). Not a PermanentError: the core retries the handler with
 * backoff, and the user's event arrives meanwhile. Only if it never does (a customer id that
 * no account has) does the event reach dead letters, from where it can be replayed.
 */
export class RecipientNotKnownError extends Error {
  override readonly name = 'RecipientNotKnownError';

  constructor(readonly customerId: string) {
    super(`customer ${customerId} is not in the user projection yet (no user.registered seen)`);
  }
}
