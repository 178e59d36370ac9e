import type { RpcErrorCode } from '@eventmart/contracts';

/** A failure of a fulfillment command that its caller should see. */
export class FulfillmentError extends Error {
  override readonly name = 'FulfillmentError';

  constructor(
    readonly code: Extract<RpcErrorCode, 'NOT_FOUND' | 'CONFLICT'>,
    message: string,
  ) {
    super(message);
  }
}
