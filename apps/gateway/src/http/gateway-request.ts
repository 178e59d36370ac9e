import type { IncomingHttpHeaders } from 'node:http';
import type { RpcResponse, Rpc } from '@eventmart/contracts';

export type AuthenticatedUser = RpcResponse<typeof Rpc.verifyToken>;

/** The part of the HTTP request the gateway reads, whatever the HTTP platform. */
export interface GatewayRequest {
  readonly method: string;
  readonly originalUrl: string;
  readonly headers: IncomingHttpHeaders;
  /** As parsed by the HTTP platform: JSON body, query string, the route's path parameters. */
  readonly body?: unknown;
  readonly query?: unknown;
  readonly params?: unknown;
  /** Set for every request that reaches the gateway's middleware or exception filter. */
  correlationId?: string;
  /** Set by BearerAuthGuard. */
  user?: AuthenticatedUser;
}

export interface GatewayResponse {
  setHeader(name: string, value: string): unknown;
}
