import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { InProcessRpcHub } from './in-process-rpc.hub.js';
import { jsonClone } from './json-clone.js';

export interface InProcessRpcClientOptions {
  readonly hub: InProcessRpcHub;
}

const NOT_LISTENING =
  'no in-process RPC server is listening on this hub: connect one with ' +
  'app.connectMicroservice(rpcServerOptions(mode)) and start it (app.startAllMicroservices())';

/**
 * A NestJS `ClientProxy` that calls the handlers of the in-process servers on its hub, with
 * the network's semantics: payloads and replies are JSON clones, replies arrive
 * asynchronously, and an `RpcException` arrives as its error body. Register it with
 * `ClientsModule.register([{ name, ...rpcClientOptions(mode) }])`.
 */
export class InProcessRpcClient extends ClientProxy {
  private readonly hub: InProcessRpcHub;

  constructor(options: InProcessRpcClientOptions) {
    super();
    this.hub = options.hub;
  }

  connect(): Promise<void> {
    if (!this.hub.isListening) return Promise.reject(new Error(NOT_LISTENING));
    this._status$.next('connected');
    return Promise.resolve();
  }

  close(): void {
    this._status$.next('closed');
  }

  unwrap<T>(): T {
    return this.hub as T;
  }

  protected publish(packet: ReadPacket, callback: (reply: WritePacket) => void): () => void {
    let open = true;
    let request: ReadPacket;
    try {
      request = jsonClone(packet);
    } catch (error) {
      callback({ err: error });
      return () => undefined;
    }
    const deliver = (reply: WritePacket): void => {
      if (!open) return;
      try {
        callback(jsonClone(reply));
      } catch (error) {
        open = false;
        callback({ err: { status: 'error', message: `unserializable reply: ${String(error)}` } });
      }
    };
    setImmediate(() => {
      if (!open) return;
      const endpoint = this.hub.endpointFor(request.pattern) ?? this.hub.anyEndpoint();
      if (endpoint) endpoint.request(request, deliver);
      else callback({ err: new Error(NOT_LISTENING) });
    });
    return () => {
      open = false;
    };
  }

  protected dispatchEvent<T = unknown>(packet: ReadPacket): Promise<T> {
    const event = jsonClone(packet);
    const endpoint = this.hub.endpointFor(event.pattern) ?? this.hub.anyEndpoint();
    if (!endpoint) return Promise.reject(new Error(NOT_LISTENING));
    // Like a broker, emitting completes once the event is handed over, not once it is handled.
    // The server reports a handler's failure itself; the emitter never hears of it.
    setImmediate(() => void endpoint.event(event).catch(() => undefined));
    return Promise.resolve(undefined as T);
  }
}
