// The user service as the gateway calls it: through a NestJS ClientProxy (the in-process
// transport of embedded mode), with each answer checked against the contract by callRpc.
import { Rpc } from '@eventmart/contracts';
import { InMemoryTransport, type SqlDatabase } from '@eventmart/eventing';
import {
  InProcessRpcHub,
  RpcCallRejected,
  callRpc,
  rpcClientOptions,
  rpcServerOptions,
  type RpcMode,
} from '@eventmart/nest-rpc';
import { EventingModule } from '@eventmart/nestjs';
import { openDatabase } from '@eventmart/postgres';
import { Module, type INestApplicationContext, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientsModule, type ClientProxy } from '@nestjs/microservices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModule } from './index.js';

const CLIENT = 'USER_CLIENT';

describe('user service over a ClientProxy', () => {
  let database: SqlDatabase;
  let transport: InMemoryTransport;
  let service: INestMicroservice;
  let caller: INestApplicationContext;
  let client: ClientProxy;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    transport = new InMemoryTransport();
    const mode: RpcMode = { transport: 'in-process', hub: new InProcessRpcHub() };
    @Module({
      imports: [
        EventingModule.forRoot({ database, transport }),
        UserModule.forRoot({ jwtSecret: 'user-rpc-test-secret-of-32-bytes-or-more' }),
      ],
    })
    class UserServiceApp {}
    service = await NestFactory.createMicroservice(UserServiceApp, {
      ...rpcServerOptions(mode),
      logger: false,
    });
    await service.listen();
    @Module({ imports: [ClientsModule.register([{ name: CLIENT, ...rpcClientOptions(mode) }])] })
    class GatewayLike {}
    caller = await NestFactory.createApplicationContext(GatewayLike, { logger: false });
    client = caller.get<ClientProxy>(CLIENT);
  });

  afterAll(async () => {
    await caller.close();
    await service.close();
    await transport.close();
    await database.close();
  });

  it('registers, logs in, verifies the token and gets the user, as the contract says', async () => {
    const registered = await callRpc(client, Rpc.registerUser, {
      email: 'linus@example.org',
      password: 'penguins-rule',
      name: 'Linus',
    });
    const { accessToken, user } = await callRpc(client, Rpc.login, {
      email: 'linus@example.org',
      password: 'penguins-rule',
    });
    expect(user).toEqual(registered);
    await expect(callRpc(client, Rpc.verifyToken, { token: accessToken })).resolves.toEqual(
      registered,
    );
    await expect(callRpc(client, Rpc.getUser, { userId: registered.id })).resolves.toEqual(
      registered,
    );
  });

  it('carries the service failures to the caller as their code and message', async () => {
    const failure = await callRpc(client, Rpc.getUser, { userId: 'nobody' }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(RpcCallRejected);
    expect((failure as RpcCallRejected).body).toEqual({
      code: 'NOT_FOUND',
      message: 'user nobody not found',
    });
    const login = await callRpc(client, Rpc.login, {
      email: 'linus@example.org',
      password: 'wrong-password',
    }).catch((e: unknown) => e);
    expect((login as RpcCallRejected).body.code).toBe('UNAUTHORIZED');
  });
});
