import { Rpc } from '@eventmart/contracts';
import { InProcessRpcHub, rpcClientOptions, rpcServerOptions } from '@eventmart/nest-rpc';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { configureGateway } from './configure-gateway.js';
import { GatewayModule } from './gateway.module.js';
import { RPC_SERVICES } from './gateway.options.js';
import { serviceOf } from './rpc/services.client.js';
import { ShopState } from './testing/shop-state.fixture.js';
import { errorOf } from './testing/responses.fixture.js';
import { InventoryStandIn, UsersStandIn } from './testing/stand-in-services.fixture.js';

describe('serviceOf', () => {
  it('knows the service of every pattern of the contracts', () => {
    for (const pattern of Object.values(Rpc)) {
      expect(RPC_SERVICES).toContain(serviceOf(pattern));
    }
  });
});

describe('GatewayModule with one client per service (distributed mode)', () => {
  const apps: { close(): Promise<void> }[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  it('sends each call to the address of the service that owns its pattern', async () => {
    // Two addresses, as two processes would have; only inventory and user are deployed.
    const catalogue = new InProcessRpcHub();
    const accounts = new InProcessRpcHub();
    for (const [hub, standIn] of [
      [catalogue, InventoryStandIn],
      [accounts, UsersStandIn],
    ] as const) {
      @Module({ controllers: [standIn], providers: [ShopState] })
      class ServiceModule {}
      const service = await NestFactory.createMicroservice(ServiceModule, {
        ...rpcServerOptions({ transport: 'in-process', hub }),
        logger: false,
      });
      await service.listen();
      apps.push(service);
    }
    const clients = Object.fromEntries(
      RPC_SERVICES.map((service) => [
        service,
        rpcClientOptions({
          transport: 'in-process',
          hub: service === 'user' ? accounts : catalogue,
        }),
      ]),
    ) as Record<(typeof RPC_SERVICES)[number], ReturnType<typeof rpcClientOptions>>;

    @Module({ imports: [GatewayModule.forRoot({ clients })] })
    class GatewayOnlyModule {}
    const gateway = await NestFactory.create<NestExpressApplication>(GatewayOnlyModule, {
      logger: false,
    });
    configureGateway(gateway);
    await gateway.init();
    apps.push(gateway);

    const http = () => request(gateway.getHttpServer());
    await http().get('/products').expect(200);
    await http()
      .post('/auth/login')
      .send({ email: 'admin@example.com', password: 'admin-password' })
      .expect(200);
  });
});

describe('GatewayModule in an app whose RPC side inherits its configuration', () => {
  it("leaves the services' declared failures to Nest's RPC handling", async () => {
    const hub = new InProcessRpcHub();
    @Module({ controllers: [UsersStandIn, InventoryStandIn], providers: [ShopState] })
    class ServicesModule {}
    @Module({
      imports: [
        GatewayModule.forRoot({ clients: rpcClientOptions({ transport: 'in-process', hub }) }),
        ServicesModule,
      ],
    })
    class ShopModule {}
    const app = await NestFactory.create<NestExpressApplication>(ShopModule, {
      bodyParser: false,
      logger: false,
    });
    configureGateway(app);
    // The gateway's pipe and filter now also wrap the @MessagePattern handlers.
    app.connectMicroservice(rpcServerOptions({ transport: 'in-process', hub }), {
      inheritAppConfig: true,
    });
    await app.startAllMicroservices();
    await app.init();
    try {
      const http = () => request(app.getHttpServer());
      const conflict = await http()
        .post('/auth/register')
        .send({ email: 'admin@example.com', password: 'password-1', name: 'Again' })
        .expect(409);
      expect(errorOf(conflict).message).toBe('e-mail already used');
      await http().get('/me').set('Authorization', 'Bearer forged').expect(401);
      await http().get('/products').expect(200);
      await http()
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send('{')
        .expect(400);
    } finally {
      await app.close();
    }
  });
});
