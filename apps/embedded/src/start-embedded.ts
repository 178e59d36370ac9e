import 'reflect-metadata';
import { configureGateway, DOCS_PATH } from '@eventmart/gateway';
import { InProcessRpcHub, rpcServerOptions } from '@eventmart/nest-rpc';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, type EmbeddedConfig } from './config.js';
import { EmbeddedModule } from './embedded.module.js';
import { seed } from './seed.js';

export interface RunningSystem {
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly config: EmbeddedConfig;
  stop(): Promise<void>;
}

/** Starts the whole system in this process and answers once it serves HTTP. */
export async function startEmbedded(config: EmbeddedConfig = loadConfig()): Promise<RunningSystem> {
  const hub = new InProcessRpcHub();
  const app = await NestFactory.create<NestExpressApplication>(
    EmbeddedModule.forRoot({ config, hub }),
    {
      bodyParser: false,
      logger: ['error', 'warn'],
    },
  );
  app.enableShutdownHooks();
  configureGateway(app);
  app.connectMicroservice(rpcServerOptions({ transport: 'in-process', hub }), {
    inheritAppConfig: true,
  });
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  await seed(app, config);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const url = `http://${config.host}:${String(port)}`;
  return { app, url, config, stop: () => app.close() };
}

export { DOCS_PATH };
