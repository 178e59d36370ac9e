import type { Server as NetServer } from 'node:net';
import { Rpc } from '@eventmart/contracts';
import {
  Controller,
  Module,
  type INestApplicationContext,
  type INestMicroservice,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  ClientsModule,
  EventPattern,
  MessagePattern,
  Payload,
  type ClientProxy,
} from '@nestjs/microservices';
import { firstValueFrom, of } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRpc } from './call-rpc.js';
import { parseRpcRequest } from './parse-rpc-request.js';
import { rpcFailure } from './rpc-failure.js';
import { NO_HANDLER_REPLY, RpcCallFailed, RpcCallRejected } from './rpc-call.errors.js';
import { InProcessRpcHub } from './in-process/in-process-rpc.hub.js';
import { rpcClientOptions, rpcServerOptions, type RpcMode } from './rpc-mode.js';

/** How a transport's server and client find each other. */
export interface TransportUnderTest {
  serverMode(): RpcMode;
  clientMode(server: INestMicroservice, serverMode: RpcMode): RpcMode;
}

export const inProcess = (): TransportUnderTest => {
  const mode: RpcMode = { transport: 'in-process', hub: new InProcessRpcHub() };
  return { serverMode: () => mode, clientMode: () => mode };
};

export const tcpOnLoopback = (): TransportUnderTest => ({
  serverMode: () => ({ transport: 'tcp', host: '127.0.0.1', port: 0 }),
  clientMode: (server) => {
    const address = server.unwrap<NetServer>().address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    return { transport: 'tcp', host: '127.0.0.1', port: address.port };
  },
});

const alice = { id: 'u-1', email: 'alice@example.com', name: 'Alice', role: 'customer' } as const;
const received: unknown[] = [];

/** A service as the gateway meets it: one handler per outcome a caller must tell apart. */
@Controller()
class ProbeController {
  @MessagePattern(Rpc.getUser.name)
  getUser(@Payload() payload: unknown) {
    const { userId } = parseRpcRequest(Rpc.getUser, payload);
    if (userId !== alice.id) throw rpcFailure('NOT_FOUND', `no user ${userId}`);
    // A Date, as a repository would hand it over: the wire turns it into its ISO string.
    return Promise.resolve({ ...alice, createdAt: new Date('2025-01-02T03:04:05.000Z') });
  }

  @MessagePattern(Rpc.listProducts.name)
  listProducts() {
    return of([{ sku: 'MUG', name: 'Mug', unitPrice: 900, currency: 'EUR', available: 3 }]);
  }

  @MessagePattern(Rpc.listMailbox.name)
  neverAnswers() {
    return new Promise(() => undefined);
  }

  @MessagePattern(Rpc.verifyToken.name)
  crashes(): never {
    throw new Error('database is down');
  }

  @MessagePattern(Rpc.login.name)
  answersTheWrongShape() {
    return { token: 'not what the contract says' };
  }

  @MessagePattern('probe.mutate')
  mutate(@Payload() payload: { at: unknown; nested: { n: number } }) {
    payload.nested.n = 2;
    return { atType: typeof payload.at, nested: payload.nested };
  }

  @EventPattern('probe.happened')
  happened(@Payload() payload: unknown) {
    received.push(payload);
  }
}

@Module({ controllers: [ProbeController] })
class ProbeServiceModule {}

const CLIENT = 'PROBE_CLIENT';

async function failureOf<E>(call: Promise<unknown>, type: abstract new (...args: never[]) => E) {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}

/** One suite, run against every transport, so that switching transport changes nothing. */
export function describeRpcTransport(name: string, makeTransport: () => TransportUnderTest): void {
  describe(`request/response over ${name}`, () => {
    let server: INestMicroservice;
    let caller: INestApplicationContext;
    let client: ClientProxy;

    beforeAll(async () => {
      const transport = makeTransport();
      const serverMode = transport.serverMode();
      server = await NestFactory.createMicroservice(ProbeServiceModule, {
        ...rpcServerOptions(serverMode),
        logger: false,
      });
      await server.listen();
      @Module({
        imports: [
          ClientsModule.register([
            { name: CLIENT, ...rpcClientOptions(transport.clientMode(server, serverMode)) },
          ]),
        ],
      })
      class CallerModule {}
      caller = await NestFactory.createApplicationContext(CallerModule, { logger: false });
      client = caller.get<ClientProxy>(CLIENT);
    });

    afterAll(async () => {
      await caller.close();
      await server.close();
    });

    it('answers the typed response, shaped by the wire (a Date arrives as ISO text)', async () => {
      const user = await callRpc(client, Rpc.getUser, { userId: 'u-1' });
      expect(user).toEqual({ ...alice, createdAt: '2025-01-02T03:04:05.000Z' });
    });

    it('answers the values of an Observable result', async () => {
      const products = await callRpc(client, Rpc.listProducts, {});
      expect(products.map((product) => product.sku)).toEqual(['MUG']);
    });

    it('delivers an rpcFailure as its body, for the caller to map', async () => {
      const failure = await failureOf(
        callRpc(client, Rpc.getUser, { userId: 'u-404' }),
        RpcCallRejected,
      );
      expect(failure.body).toEqual({
        code: 'NOT_FOUND',
        message: 'no user u-404',
      });
    });

    it('rejects an invalid request with BAD_REQUEST naming the field', async () => {
      const failure = await failureOf(
        callRpc(client, Rpc.getUser, { userId: '' }),
        RpcCallRejected,
      );
      expect(failure.body.code).toBe('BAD_REQUEST');
      expect(failure.body.details?.map((detail) => detail.field)).toEqual(['userId']);
    });

    it('fails clearly for a pattern no service handles', async () => {
      await expect(firstValueFrom(client.send('nobody.listens', {}))).rejects.toBe(
        NO_HANDLER_REPLY,
      );
      await expect(
        callRpc(client, Rpc.placeOrder, {
          customerId: 'u-1',
          lines: [{ sku: 'MUG', quantity: 1, unitPrice: 900 }],
          currency: 'EUR',
          paymentToken: 'tok',
        }),
      ).rejects.toThrow(/order\.place.*NO_HANDLER/);
    });

    it('gives up after the timeout', async () => {
      const started = Date.now();
      await expect(callRpc(client, Rpc.listMailbox, {}, { timeoutMs: 150 })).rejects.toMatchObject({
        kind: 'TIMEOUT',
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('reports an undeclared handler error without its internals', async () => {
      const failure = await failureOf(
        callRpc(client, Rpc.verifyToken, { token: 't' }),
        RpcCallFailed,
      );
      expect(failure.kind).toBe('REMOTE_ERROR');
      expect(failure.message).not.toContain('database is down');
    });

    it('refuses an answer that breaks the response schema', async () => {
      await expect(
        callRpc(client, Rpc.login, { email: 'a@example.com', password: 'password1' }),
      ).rejects.toMatchObject({ kind: 'INVALID_RESPONSE' });
    });

    it('hands the handler a copy: what it changes never reaches the caller', async () => {
      const payload = { at: new Date(0), nested: { n: 1 } };
      const answer = await firstValueFrom(client.send<unknown>('probe.mutate', payload));
      expect(answer).toEqual({ atType: 'string', nested: { n: 2 } });
      expect(payload.nested.n).toBe(1);
    });

    it('refuses a payload the wire cannot carry', async () => {
      await expect(
        callRpc(client, Rpc.getUser, { userId: 1n as unknown as string }),
      ).rejects.toMatchObject({ kind: 'TRANSPORT' });
    });

    it('emits events to @EventPattern handlers', async () => {
      received.length = 0;
      await firstValueFrom(client.emit('probe.happened', { at: new Date(0) }), {
        defaultValue: undefined,
      });
      await expect.poll(() => received).toEqual([{ at: '1970-01-01T00:00:00.000Z' }]);
    });
  });
}
