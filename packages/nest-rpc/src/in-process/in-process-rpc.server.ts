import {
  BaseRpcContext,
  Server,
  type CustomTransportStrategy,
  type PacketMetadata,
  type ReadPacket,
  type WritePacket,
} from '@nestjs/microservices';
import { NO_HANDLER_REPLY } from '../rpc-call.errors.js';
import type { InProcessEndpoint, InProcessRpcHub } from './in-process-rpc.hub.js';

export const IN_PROCESS_TRANSPORT = Symbol('eventmart:in-process-rpc');

/** What a handler can ask about the message: `@Ctx() context: InProcessRpcContext`. */
export class InProcessRpcContext extends BaseRpcContext<[string, PacketMetadata | undefined]> {
  getPattern(): string {
    return this.args[0];
  }

  getMetadata(): PacketMetadata | undefined {
    return this.args[1];
  }
}

/**
 * A NestJS transport server without a network: `app.connectMicroservice({ strategy })` hands
 * it the application's @MessagePattern and @EventPattern handlers, and clients on the same hub
 * call them. Handlers run through Nest's pipes, guards, interceptors and exception filters,
 * exactly as behind the TCP transport.
 */
export class InProcessRpcServer
  extends Server<Record<string, never>, 'listening' | 'closed'>
  implements CustomTransportStrategy, InProcessEndpoint
{
  override readonly transportId = IN_PROCESS_TRANSPORT;

  constructor(private readonly hub: InProcessRpcHub) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    this.hub.attach(this);
    this._status$.next('listening');
    callback();
  }

  close(): void {
    this.hub.detach(this);
    this._status$.next('closed');
  }

  /** There is no underlying server whose events one could listen to. */
  on(): void {
    throw new Error('the in-process RPC server emits no events');
  }

  unwrap<T>(): T {
    return this.hub as T;
  }

  handles(pattern: unknown): boolean {
    return this.getHandlerByPattern(this.getPatternAsString(pattern)) !== null;
  }

  request(packet: ReadPacket, respond: (reply: WritePacket) => void): void {
    const pattern = this.getPatternAsString(packet.pattern);
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) {
      respond({ err: NO_HANDLER_REPLY, isDisposed: true });
      return;
    }
    const context = new InProcessRpcContext([pattern, packet.metadata]);
    const handled: unknown = this.handleRequest(
      context,
      async () => this.transformToObservable(await handler(packet.data, context)),
      respond,
    );
    // Nest's exception filters turn a handler's failure into an error reply; what still
    // escapes is a fault of the transport's hooks, and the caller must not wait for it.
    Promise.resolve(handled).catch((error: unknown) => {
      this.logger.error(error);
      respond({ err: { status: 'error', message: 'Internal server error' }, isDisposed: true });
    });
  }

  event(packet: ReadPacket): Promise<unknown> {
    const pattern = this.getPatternAsString(packet.pattern);
    return this.handleEvent(pattern, packet, new InProcessRpcContext([pattern, packet.metadata]));
  }
}
