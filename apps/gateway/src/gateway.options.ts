import { DEAD_LETTER_SERVICES, type DeadLetterService } from '@eventmart/contracts';
import type { ClientProvider } from '@nestjs/microservices';

/** The services the gateway calls; a pattern's name starts with its service (`order.place`). */
export const RPC_SERVICES = ['user', 'inventory', 'order', 'fulfillment', 'notification'] as const;
export type RpcService = (typeof RPC_SERVICES)[number];

/**
 * Every service the gateway may call: those above, and those it asks only about their dead
 * letters (payment). In distributed mode a client for the latter is optional: without one,
 * the gateway reports the service unavailable.
 */
export const KNOWN_SERVICES: readonly DeadLetterService[] = DEAD_LETTER_SERVICES;

export interface GatewayOptions {
  /**
   * How to reach the services, from `rpcClientOptions(mode)` of @eventmart/nest-rpc: one
   * provider for all of them (embedded mode: one in-process hub), or one per service
   * (distributed mode: each service listens on its own host and port).
   */
  readonly clients:
    | ClientProvider
    | (Readonly<Record<RpcService, ClientProvider>> &
        Readonly<Partial<Record<DeadLetterService, ClientProvider>>>);
  /** How long a call to a service may take before the request fails with 504. */
  readonly rpcTimeoutMs?: number;
}

export const GATEWAY_OPTIONS = Symbol('eventmart:gateway-options');

function isOneForAll(clients: GatewayOptions['clients']): clients is ClientProvider {
  return 'customClass' in clients || 'transport' in clients;
}

/** How to reach the service; undefined for a service given no client (distributed mode). */
export function clientProviderFor(
  clients: GatewayOptions['clients'],
  service: DeadLetterService,
): ClientProvider | undefined {
  return isOneForAll(clients) ? clients : clients[service];
}
