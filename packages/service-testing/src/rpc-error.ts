import type { RpcErrorBody } from '@eventmart/contracts';
import { RpcException } from '@nestjs/microservices';

/** The body of the RPC failure `call` ends with (what the gateway receives), or a throw. */
export async function rpcErrorOf(call: () => Promise<unknown>): Promise<RpcErrorBody> {
  try {
    await call();
  } catch (error) {
    if (error instanceof RpcException) return error.getError() as RpcErrorBody;
    throw error;
  }
  throw new Error('expected the call to fail');
}
