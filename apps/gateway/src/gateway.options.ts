import { DEAD_LETTER_SERVICES, type DeadLetterService } from '@eventmart/contracts';
import type { ClientProvider } from '@nestjs/microservices';

/**
 * The services the gateway calls; a pattern's name starts with its service (`order.place`).
 * Every one of them, payment included: each answers for its own dead letters and parked
 * events, so an operator reaches every service's failures through the gateway.
 */
export const RPC_SERVICES: readonly DeadLetterService[] = DEAD_LETTER_SERVICES;
export type RpcService = DeadLetterService;

export interface GatewayOptions {
  /**
   * How to reach the services, from `rpcClientOptions(mode)` of @eventmart/nest-rpc: one
   * provider for all of them (embedded mode: one in-process hub), or one per service
   * (distributed mode: each service listens on its own host and port).
   */
  readonly clients: ClientProvider | Readonly<Record<RpcService, ClientProvider>>;
  /** How long a call to a service may take before the request fails with 504. */
  readonly rpcTimeoutMs?: number;
}

export const GATEWAY_OPTIONS = Symbol('eventmart:gateway-options');

function isOneForAll(clients: GatewayOptions['clients']): clients is ClientProvider {
  return 'customClass' in clients || 'transport' in clients;
}

/** How to reach the service. */
export function clientProviderFor(
  clients: GatewayOptions['clients'],
  service: RpcService,
): ClientProvider {
  return isOneForAll(clients) ? clients : clients[service];
}
