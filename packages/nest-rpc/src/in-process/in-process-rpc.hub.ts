import type { ReadPacket, WritePacket } from '@nestjs/microservices';

/** A server as its clients see it: the hub hands it packets that are already cloned. */
export interface InProcessEndpoint {
  /** Whether a @MessagePattern or @EventPattern handler is registered for the pattern. */
  handles(pattern: unknown): boolean;
  /** Runs the request handler; `respond` gets every reply, the last one `isDisposed`. */
  request(packet: ReadPacket, respond: (reply: WritePacket) => void): void;
  /** Runs the event handlers; a failure is the server's to log, never the emitter's. */
  event(packet: ReadPacket): Promise<unknown>;
}

/**
 * Where the in-process servers and clients of one application meet: the address that TCP's
 * host and port are for the network transport. Create one per application and give it to
 * both sides (`rpcServerOptions` and `rpcClientOptions`); two hubs never see each other.
 */
export class InProcessRpcHub {
  private readonly endpoints = new Set<InProcessEndpoint>();

  attach(endpoint: InProcessEndpoint): void {
    this.endpoints.add(endpoint);
  }

  detach(endpoint: InProcessEndpoint): void {
    this.endpoints.delete(endpoint);
  }

  /** Whether any server listens, as a TCP client finds out when it connects. */
  get isListening(): boolean {
    return this.endpoints.size > 0;
  }

  /** The first listening server with a handler for the pattern. */
  endpointFor(pattern: unknown): InProcessEndpoint | undefined {
    for (const endpoint of this.endpoints) if (endpoint.handles(pattern)) return endpoint;
    return undefined;
  }

  /** Any listening server: the one that reports an event nobody handles. */
  anyEndpoint(): InProcessEndpoint | undefined {
    return this.endpoints.values().next().value;
  }
}
