import { Rpc } from '@eventmart/contracts';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { callRpc } from '../call-rpc.js';
import { rpcClientOptions, rpcServerOptions } from '../rpc-mode.js';
import { InProcessRpcClient } from './in-process-rpc.client.js';
import { InProcessRpcHub } from './in-process-rpc.hub.js';
import { jsonClone } from './json-clone.js';

const mug = { sku: 'MUG', name: 'Mug', unitPrice: 900, currency: 'EUR', available: 1 };
const waiting: ((products: (typeof mug)[]) => void)[] = [];

@Controller()
class OddHandlers {
  @MessagePattern(Rpc.listProducts.name)
  answersLate() {
    return new Promise((resolve) => waiting.push(resolve));
  }

  @MessagePattern('odd.bigint')
  answersABigInt() {
    return { total: 10n };
  }
}

@Module({ controllers: [OddHandlers] })
class OddModule {}

const started: INestMicroservice[] = [];

async function serve(hub: InProcessRpcHub): Promise<INestMicroservice> {
  const server = await NestFactory.createMicroservice(OddModule, {
    ...rpcServerOptions({ transport: 'in-process', hub }),
    logger: false,
  });
  await server.listen();
  started.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

describe('the in-process transport', () => {
  it('tells the caller to start the server when none listens on the hub', async () => {
    const client = new InProcessRpcClient({ hub: new InProcessRpcHub() });
    const call = callRpc(client, Rpc.listProducts, {});
    await expect(call).rejects.toMatchObject({ kind: 'TRANSPORT' });
    await expect(call).rejects.toThrow('startAllMicroservices');
  });

  it('stops answering once the server is closed', async () => {
    const hub = new InProcessRpcHub();
    const server = await serve(hub);
    await server.close();
    await expect(
      callRpc(new InProcessRpcClient({ hub }), Rpc.listProducts, {}),
    ).rejects.toMatchObject({ kind: 'TRANSPORT' });
  });

  it('keeps two hubs apart, as two addresses would be', async () => {
    await serve(new InProcessRpcHub());
    const elsewhere = new InProcessRpcClient({ hub: new InProcessRpcHub() });
    await expect(callRpc(elsewhere, Rpc.listProducts, {})).rejects.toMatchObject({
      kind: 'TRANSPORT',
    });
  });

  it('drops an answer that arrives after the caller gave up', async () => {
    const hub = new InProcessRpcHub();
    await serve(hub);
    const client = new InProcessRpcClient({ hub });
    await expect(callRpc(client, Rpc.listProducts, {}, { timeoutMs: 50 })).rejects.toMatchObject({
      kind: 'TIMEOUT',
    });
    const next = callRpc(client, Rpc.listProducts, {});
    await expect.poll(() => waiting.length).toBe(2);
    waiting.shift()?.([]);
    waiting.shift()?.([mug]);
    // The late answer ([]) went nowhere; the next call gets its own.
    await expect(next).resolves.toEqual([mug]);
  });

  it('fails a reply the wire could not carry instead of leaving the caller waiting', async () => {
    const hub = new InProcessRpcHub();
    await serve(hub);
    const client = new InProcessRpcClient({ hub });
    const failure = (await firstValueFrom(client.send<unknown>('odd.bigint', {})).then(
      () => undefined,
      (error: unknown) => error,
    )) as { message: string };
    expect(failure.message).toContain('unserializable reply');
  });
});

describe('rpcClientOptions and rpcServerOptions', () => {
  it('build TCP options from a host and a port', () => {
    const mode = { transport: 'tcp', host: 'orders.internal', port: 4010 } as const;
    const tcp = { transport: Transport.TCP, options: { host: 'orders.internal', port: 4010 } };
    expect(rpcClientOptions(mode)).toEqual(tcp);
    expect(rpcServerOptions(mode)).toEqual(tcp);
  });

  it('build the in-process client on the given hub', () => {
    const hub = new InProcessRpcHub();
    expect(rpcClientOptions({ transport: 'in-process', hub })).toEqual({
      customClass: InProcessRpcClient,
      options: { hub },
    });
  });
});

describe('jsonClone', () => {
  it('copies what JSON carries and nothing else', () => {
    const original = { at: new Date(0), skip: undefined, run: () => 1, list: [{ n: 1 }] };
    const copy = jsonClone(original);
    expect(copy).toEqual({ at: '1970-01-01T00:00:00.000Z', list: [{ n: 1 }] });
    expect(copy.list[0]).not.toBe(original.list[0]);
  });

  it('throws on a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonClone(cyclic)).toThrow(TypeError);
  });
});
