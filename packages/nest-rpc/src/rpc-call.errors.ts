import type { RpcErrorBody } from '@eventmart/contracts';

/**
 * The error NestJS's TCP server answers for a pattern it has no handler for; the in-process
 * server answers the same, so a caller cannot tell the transports apart.
 */
export const NO_HANDLER_REPLY =
  'There is no matching message handler defined in the remote service.';

/**
 * The service answered with a failure it declares (`rpcFailure`): the caller should show it,
 * e.g. the gateway turns `body.code` into an HTTP status.
 */
export class RpcCallRejected extends Error {
  override readonly name = 'RpcCallRejected';

  constructor(
    readonly pattern: string,
    readonly body: RpcErrorBody,
  ) {
    super(`${pattern} rejected the call: ${body.code} ${body.message}`);
  }
}

/**
 * - TIMEOUT: no answer in time (the service may still act on the request);
 * - NO_HANDLER: no service handles the pattern;
 * - TRANSPORT: the request never reached a handler (nothing listens, connection lost, or the
 *   payload cannot be serialized);
 * - REMOTE_ERROR: the handler failed with an undeclared error (the service logged it);
 * - NO_RESPONSE: the handler completed without answering;
 * - INVALID_RESPONSE: the answer does not match the pattern's response schema.
 */
export type RpcCallFailureKind =
  'TIMEOUT' | 'NO_HANDLER' | 'TRANSPORT' | 'REMOTE_ERROR' | 'NO_RESPONSE' | 'INVALID_RESPONSE';

/** The call produced no answer the caller can use: a fault, not a business outcome. */
export class RpcCallFailed extends Error {
  override readonly name = 'RpcCallFailed';

  constructor(
    readonly pattern: string,
    readonly kind: RpcCallFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${pattern} failed (${kind}): ${message}`, options);
  }
}
