import type { RpcPattern, RpcRequest, RpcResponse } from '@eventmart/contracts';
import { callRpc, RpcCallFailed } from '@eventmart/nest-rpc';
import { Inject, Injectable } from '@nestjs/common';
import type { ClientProxy } from '@nestjs/microservices';
import {
  GATEWAY_OPTIONS,
  RPC_SERVICES,
  type GatewayOptions,
  type RpcService,
} from '../gateway.options.js';

export const RPC_CLIENTS = Symbol('eventmart:rpc-clients');

/** The ClientsModule token of one service's client. */
export const rpcClientToken = (service: RpcService): string => `eventmart:rpc-client:${service}`;

export function serviceOf(pattern: RpcPattern): RpcService {
  const prefix = pattern.name.slice(0, pattern.name.indexOf('.'));
  const service = RPC_SERVICES.find((known) => known === prefix);
  if (service === undefined) throw new Error(`no service is known for pattern ${pattern.name}`);
  return service;
}

/**
 * The gateway's only way to the services: a request/response call to the service that owns
 * the pattern. Fails as `callRpc` does; the exception filter turns that into a status.
 */
@Injectable()
export class ServicesClient {
  constructor(
    @Inject(RPC_CLIENTS) private readonly clients: ReadonlyMap<RpcService, ClientProxy>,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {}

  call<P extends RpcPattern>(pattern: P, payload: RpcRequest<P>): Promise<RpcResponse<P>> {
    const service = serviceOf(pattern);
    const client = this.clients.get(service);
    if (client === undefined) {
      // Every service gets a client (GatewayModule); a map without one answers as if it were down.
      const reason = `the gateway has no client for the ${service} service`;
      return Promise.reject(new RpcCallFailed(pattern.name, 'TRANSPORT', reason));
    }
    return callRpc(client, pattern, payload, { timeoutMs: this.options.rpcTimeoutMs });
  }
}
