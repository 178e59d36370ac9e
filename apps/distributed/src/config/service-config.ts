import { integer, port, required, text, type Env } from './env.js';
import { DEFAULT_RPC_PORTS, envPrefix, type ServiceName } from './services.js';

export interface TcpAddress {
  readonly host: string;
  readonly port: number;
}

/** What a service process needs before it knows which service it runs. */
export interface ServiceConfig {
  readonly service: ServiceName;
  /** `<SERVICE>_DATABASE_URL`, else DATABASE_URL: the service's tables, in its own schema. */
  readonly databaseUrl: string;
  readonly poolSize: number;
  /** Where it serves the gateway's calls. */
  readonly rpc: TcpAddress;
  /** The environment, for the transport and the service's own settings. */
  readonly env: Env;
}

/** Where the gateway reaches a service, and where the service listens unless RPC_LISTEN_HOST. */
export function rpcAddress(env: Env, service: keyof typeof DEFAULT_RPC_PORTS): TcpAddress {
  const prefix = envPrefix(service);
  return {
    host: text(env, `${prefix}_RPC_HOST`) ?? '127.0.0.1',
    port: port(env, `${prefix}_RPC_PORT`, DEFAULT_RPC_PORTS[service]),
  };
}

export function loadServiceConfig(service: ServiceName, env: Env): ServiceConfig {
  const own = `${envPrefix(service)}_DATABASE_URL`;
  const databaseUrl =
    text(env, own) ?? required(env, 'DATABASE_URL', `the ${service} service keeps its state there`);
  const address = rpcAddress(env, service);
  const rpc = { ...address, host: text(env, 'RPC_LISTEN_HOST') ?? address.host };
  return {
    service,
    databaseUrl,
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1),
    rpc,
    env,
  };
}
