import { faultInjectionFromEnv, retryPolicyFromEnv, type SqlDatabase } from '@eventmart/eventing';
import { EventingModule } from '@eventmart/nestjs';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { ServiceConfig } from '../config/service-config.js';
import { openTransport } from './open-transport.js';
import { OwnedResources } from './owned-resources.js';
import type { ServiceResources } from './service-module.js';

/** The root module of a service process: eventing on the service's database, and the service. */
@Module({})
export class ServiceProcessModule {
  /** The databases are handed over: the module closes them at shutdown. */
  static forService(
    config: ServiceConfig,
    service: DynamicModule | Type,
    database: SqlDatabase,
    resources: ServiceResources = {},
  ): DynamicModule {
    const owned = Object.values(resources).filter((r): r is SqlDatabase => r !== undefined);
    return {
      module: ServiceProcessModule,
      imports: [
        EventingModule.forRoot({
          database: () => Promise.resolve(database),
          transport: (db) => openTransport(config.env, db, config.databaseUrl),
          retry: retryPolicyFromEnv(config.env),
          faults: faultInjectionFromEnv(config.env, config.service),
        }),
        service,
      ],
      providers: [{ provide: OwnedResources, useValue: new OwnedResources(owned) }],
    };
  }
}
