import 'reflect-metadata';
import type { Server as NetServer } from 'node:net';
import { rpcServerOptions } from '@eventmart/nest-rpc';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceConfig } from '../config/service-config.js';
import type { RunningProcess } from './running-process.js';
import { serviceModule, type ServiceResources } from './service-module.js';
import { ServiceProcessModule } from './service-process.module.js';
import { runStartupTasks } from './startup-tasks.js';

/**
 * Runs one service: its module on its database and the event transport, serving its
 * @MessagePattern handlers over TCP (no HTTP), and its startup tasks. Every service serves
 * some: at least those of its own dead letters and parked events.
 */
export async function startService(
  config: ServiceConfig,
  logger: LoggerService,
): Promise<RunningProcess> {
  const open = (applicationName: string, poolSize: number) =>
    openDatabase({ url: config.databaseUrl, poolSize, applicationName });
  const database = await open(`eventmart-${config.service}`, config.poolSize);
  let resources: ServiceResources = {};
  let app: INestApplicationContext;
  let serves: string;
  try {
    if (config.service === 'payment') {
      resources = { ledger: await open('eventmart-payment-ledger', 4) };
    }
    const service = await serviceModule(config.service, config.env, resources);
    const module = ServiceProcessModule.forService(config, service, database, resources);
    const options = { logger, abortOnError: false } as const;
    const rpc = rpcServerOptions({ transport: 'tcp', ...config.rpc });
    const microservice = await NestFactory.createMicroservice(module, { ...rpc, ...options });
    await microservice.listen();
    const address = microservice.unwrap<NetServer>().address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    serves = `rpc tcp://${config.rpc.host}:${String(port)}`;
    app = microservice;
  } catch (error) {
    // The module had not taken the databases over yet.
    const opened: SqlDatabase[] =
      resources.ledger === undefined ? [database] : [database, resources.ledger];
    await Promise.all(opened.map((db) => db.close().catch(() => undefined)));
    throw error;
  }
  app.enableShutdownHooks();
  try {
    await runStartupTasks(config.service, app, config.env, logger);
  } catch (error) {
    await app.close();
    throw error;
  }
  return { name: config.service, serves, app, close: () => app.close() };
}
