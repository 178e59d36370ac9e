// #region example
import { configureGateway, GatewayModule, type GatewayOptions } from '@eventmart/gateway';
import { InProcessRpcHub, rpcClientOptions, rpcServerOptions } from '@eventmart/nest-rpc';
import { Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** The gateway and the services in one application: calls between them stay in process. */
export async function startEmbeddedShop(
  serviceModules: Type[],
  options: Omit<GatewayOptions, 'clients'> = {},
): Promise<NestExpressApplication> {
  const hub = new InProcessRpcHub();

  @Module({
    imports: [
      GatewayModule.forRoot({
        clients: rpcClientOptions({ transport: 'in-process', hub }),
        ...options,
      }),
      ...serviceModules,
    ],
  })
  class ShopModule {}

  const app = await NestFactory.create<NestExpressApplication>(ShopModule, { logger: false });
  configureGateway(app); // the 100 kB body limit, and the docs at /docs and /docs-json
  app.connectMicroservice(rpcServerOptions({ transport: 'in-process', hub }));
  await app.startAllMicroservices();
  await app.init(); // or app.listen(port)
  return app;
}
// #endregion
