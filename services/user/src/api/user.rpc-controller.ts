import { Rpc, type RpcResponse } from '@eventmart/contracts';
import { parseRpcRequest, rpcFailure } from '@eventmart/nest-rpc';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetUser } from '../application/get-user.query.js';
import { Login } from '../application/login.command.js';
import { RegisterUser } from '../application/register-user.command.js';
import { VerifyToken } from '../application/verify-token.query.js';
import { UserError } from '../domain/user.errors.js';
import { toUserView } from '../domain/user.js';

/** The user service's request/response API, called by the gateway. */
@Controller()
export class UserRpcController {
  constructor(
    private readonly registerUser: RegisterUser,
    private readonly login: Login,
    private readonly verifyToken: VerifyToken,
    private readonly getUser: GetUser,
  ) {}

  @MessagePattern(Rpc.registerUser.name)
  onRegister(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.registerUser>> {
    const request = parseRpcRequest(Rpc.registerUser, payload);
    return answer(async () => toUserView(await this.registerUser.execute(request)));
  }

  @MessagePattern(Rpc.login.name)
  onLogin(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.login>> {
    const request = parseRpcRequest(Rpc.login, payload);
    return answer(async () => {
      const { accessToken, user } = await this.login.execute(request);
      return { accessToken, user: toUserView(user) };
    });
  }

  @MessagePattern(Rpc.verifyToken.name)
  onVerifyToken(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.verifyToken>> {
    const { token } = parseRpcRequest(Rpc.verifyToken, payload);
    return answer(async () => toUserView(await this.verifyToken.execute(token)));
  }

  @MessagePattern(Rpc.getUser.name)
  onGetUser(@Payload() payload: unknown): Promise<RpcResponse<typeof Rpc.getUser>> {
    const { userId } = parseRpcRequest(Rpc.getUser, payload);
    return answer(async () => toUserView(await this.getUser.execute(userId)));
  }
}

/** Turns the use cases' errors into the RPC failure the gateway maps to an HTTP status. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError) throw rpcFailure(error.code, error.message);
    throw error;
  }
}
