export type OrderErrorKind = 'not-found' | 'conflict' | 'invalid';

/**
 * A command the order refuses. `not-found`: no such order (or not the asker's);
 * `conflict`: not possible in the order's status; `invalid`: a malformed request.
 */
export class OrderError extends Error {
  override readonly name = 'OrderError';

  constructor(
    readonly kind: OrderErrorKind,
    message: string,
  ) {
    super(message);
  }
}
