import type { RpcPattern, RpcRequest } from '@eventmart/contracts';
import { rpcFailure } from './rpc-failure.js';

/** Validates a request against its pattern's schema; BAD_REQUEST naming every bad field. */
export function parseRpcRequest<P extends RpcPattern>(pattern: P, payload: unknown): RpcRequest<P> {
  const parsed = pattern.request.safeParse(payload);
  if (parsed.success) return parsed.data as RpcRequest<P>;
  throw rpcFailure(
    'BAD_REQUEST',
    `invalid ${pattern.name} request`,
    parsed.error.issues.map((issue) => ({
      field: issue.path.join('.') || '(body)',
      message: issue.message,
    })),
  );
}
