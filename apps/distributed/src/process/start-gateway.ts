import 'reflect-metadata';
import { configureGateway, GatewayModule, RPC_SERVICES, type RpcService } from '@eventmart/gateway';
import { rpcClientOptions } from '@eventmart/nest-rpc';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ClientProvider } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { RunningProcess } from './running-process.js';

/**
 * Runs the gateway alone: HTTP in front, each service called over TCP at its own address.
 * No database and no events: it seeds nothing and owns nothing.
 */
export async function startGateway(
  config: GatewayConfig,
  logger: LoggerService,
): Promise<RunningProcess> {
  const clients = Object.fromEntries(
    RPC_SERVICES.map((service) => [
      service,
      rpcClientOptions({ transport: 'tcp', ...config.services[service] }),
    ]),
  ) as Record<RpcService, ClientProvider>;
  const app = await NestFactory.create<NestExpressApplication>(
    GatewayModule.forRoot({ clients, rpcTimeoutMs: config.rpcTimeoutMs }),
    { bodyParser: false, logger, abortOnError: false },
  );
  app.enableShutdownHooks();
  configureGateway(app);
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address !== null ? address.port : config.http.port;
  const url = `http://${config.http.host}:${String(port)}`;
  return { name: 'gateway', serves: `http ${url}`, app, close: () => app.close() };
}
