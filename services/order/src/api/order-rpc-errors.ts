import type { RpcErrorCode } from '@eventmart/contracts';
import { rpcFailure } from '@eventmart/nest-rpc';
import { ConcurrencyError } from '../application/order-event-store.port.js';
import { OrderError, type OrderErrorKind } from '../domain/index.js';

const CODE_OF: Readonly<Record<OrderErrorKind, RpcErrorCode>> = {
  'not-found': 'NOT_FOUND',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
};

/** Runs a use case, turning the refusals a caller should see into RPC failures. */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof OrderError) throw rpcFailure(CODE_OF[error.kind], error.message);
    // Still losing the race after every retry: the caller may try again.
    if (error instanceof ConcurrencyError)
      throw rpcFailure('CONFLICT', `${error.message} while this request ran; try again`);
    throw error;
  }
}
