import {
  RpcErrorBody,
  type RpcPattern,
  type RpcRequest,
  type RpcResponse,
} from '@eventmart/contracts';
import type { ClientProxy } from '@nestjs/microservices';
import { EmptyError, firstValueFrom, TimeoutError, timeout } from 'rxjs';
import { NO_HANDLER_REPLY, RpcCallFailed, RpcCallRejected } from './rpc-call.errors.js';

export const DEFAULT_RPC_TIMEOUT_MS = 5_000;

export interface CallRpcOptions {
  /** How long to wait for the answer; the default is DEFAULT_RPC_TIMEOUT_MS. */
  readonly timeoutMs?: number;
}

/**
 * Sends a request to the service that handles `pattern` and answers its response, checked
 * against the pattern's response schema. Fails with `RpcCallRejected` when the service
 * declares a failure (`rpcFailure`), and with `RpcCallFailed` for every other outcome.
 */
export async function callRpc<P extends RpcPattern>(
  client: ClientProxy,
  pattern: P,
  payload: RpcRequest<P>,
  options: CallRpcOptions = {},
): Promise<RpcResponse<P>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  let answer: unknown;
  try {
    answer = await firstValueFrom(
      client.send<unknown>(pattern.name, payload).pipe(timeout({ first: timeoutMs })),
    );
  } catch (error) {
    throw classify(pattern.name, error, timeoutMs);
  }
  const parsed = pattern.response.safeParse(answer);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(response)'}: ${issue.message}`)
      .join('; ');
    throw new RpcCallFailed(pattern.name, 'INVALID_RESPONSE', problems);
  }
  return parsed.data as RpcResponse<P>;
}

function classify(pattern: string, error: unknown, timeoutMs: number): Error {
  if (error instanceof TimeoutError) {
    return new RpcCallFailed(pattern, 'TIMEOUT', `no answer within ${timeoutMs} ms`);
  }
  if (error instanceof EmptyError) {
    return new RpcCallFailed(pattern, 'NO_RESPONSE', 'the handler completed without answering');
  }
  if (error === NO_HANDLER_REPLY) {
    return new RpcCallFailed(pattern, 'NO_HANDLER', `no service handles "${pattern}"`);
  }
  const declared = RpcErrorBody.safeParse(error);
  if (declared.success) return new RpcCallRejected(pattern, declared.data);
  if (error instanceof Error) {
    return new RpcCallFailed(pattern, 'TRANSPORT', error.message, { cause: error });
  }
  return new RpcCallFailed(pattern, 'REMOTE_ERROR', describe(error), { cause: error });
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return JSON.stringify(error) ?? String(error);
}
