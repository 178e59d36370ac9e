import type { RpcErrorBody, RpcErrorCode } from '@eventmart/contracts';
import { RpcException } from '@nestjs/microservices';

/**
 * The error a service throws from a @MessagePattern handler for a failure the caller should
 * see (404, 409, …). It crosses any NestJS transport as its body; the gateway maps the code.
 */
export function rpcFailure(
  code: RpcErrorCode,
  message: string,
  details?: RpcErrorBody['details'],
): RpcException {
  const body: RpcErrorBody = details === undefined ? { code, message } : { code, message, details };
  return new RpcException(body);
}
