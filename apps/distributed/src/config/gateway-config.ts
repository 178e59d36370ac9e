import { RPC_SERVICES, type RpcService } from '@eventmart/gateway';
import { integer, port, text, type Env } from './env.js';
import { rpcAddress, type TcpAddress } from './service-config.js';
import { DEFAULT_HTTP_PORT } from './services.js';

export interface GatewayConfig {
  readonly http: TcpAddress;
  /** Where each service answers the gateway's calls. */
  readonly services: Readonly<Record<RpcService, TcpAddress>>;
  readonly rpcTimeoutMs: number;
}

export function loadGatewayConfig(env: Env): GatewayConfig {
  const services = Object.fromEntries(
    RPC_SERVICES.map((service) => [service, rpcAddress(env, service)]),
  ) as Record<RpcService, TcpAddress>;
  return {
    http: { host: text(env, 'HOST') ?? '127.0.0.1', port: port(env, 'PORT', DEFAULT_HTTP_PORT) },
    services,
    rpcTimeoutMs: integer(env, 'RPC_TIMEOUT_MS', 5_000, 1),
  };
}
