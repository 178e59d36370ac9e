import { Transport, type ClientProvider, type MicroserviceOptions } from '@nestjs/microservices';
import { InProcessRpcClient } from './in-process/in-process-rpc.client.js';
import type { InProcessRpcHub } from './in-process/in-process-rpc.hub.js';
import { InProcessRpcServer } from './in-process/in-process-rpc.server.js';

/**
 * How request/response calls travel. Embedded mode keeps them in process (one hub per
 * application); distributed mode sends them over NestJS's TCP transport. Switching is a
 * change of this value only: servers and clients are built from it.
 */
export type RpcMode =
  | { readonly transport: 'in-process'; readonly hub: InProcessRpcHub }
  | { readonly transport: 'tcp'; readonly host: string; readonly port: number };

/** For `ClientsModule.register([{ name, ...rpcClientOptions(mode) }])`. */
export function rpcClientOptions(mode: RpcMode): ClientProvider {
  if (mode.transport === 'in-process') {
    return { customClass: InProcessRpcClient, options: { hub: mode.hub } };
  }
  return { transport: Transport.TCP, options: { host: mode.host, port: mode.port } };
}

/** For `app.connectMicroservice(rpcServerOptions(mode))`: serves the app's @MessagePattern handlers. */
export function rpcServerOptions(mode: RpcMode): MicroserviceOptions {
  if (mode.transport === 'in-process') return { strategy: new InProcessRpcServer(mode.hub) };
  return { transport: Transport.TCP, options: { host: mode.host, port: mode.port } };
}
