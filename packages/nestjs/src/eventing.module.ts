import { EventPublisher } from '@eventmart/eventing';
import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { deadLetterRpcController } from './dead-letters/dead-letter-rpc.controller.js';
import { parkedEventRpcController } from './parked-events/parked-event-rpc.controller.js';
import {
  EVENTING_FEATURE_OPTIONS,
  ServiceEventingHost,
  ServicePublisher,
  type EventingFeatureOptions,
} from './eventing-feature.js';
import {
  EVENTING_RUNTIME,
  EventingResources,
  openRuntime,
  type EventingRootOptions,
  type EventingRuntime,
} from './eventing-root.js';
import { EVENTING_DATABASE, EVENTING_TRANSPORT, SERVICE_DB } from './eventing.tokens.js';

@Module({})
class EventingCoreModule {}

@Module({})
class EventingFeatureModule {}

/**
 * Eventing for NestJS: `forRoot` once in the application module (the shared database and
 * transport), `forFeature` in each service module (its schema, publisher, handlers).
 */
@Module({})
export class EventingModule {
  static forRoot(options: EventingRootOptions): DynamicModule {
    return {
      module: EventingCoreModule,
      global: true,
      providers: [
        { provide: EVENTING_RUNTIME, useFactory: () => openRuntime(options) },
        {
          provide: EVENTING_DATABASE,
          useFactory: (r: EventingRuntime) => r.database,
          inject: [EVENTING_RUNTIME],
        },
        {
          provide: EVENTING_TRANSPORT,
          useFactory: (r: EventingRuntime) => r.transport,
          inject: [EVENTING_RUNTIME],
        },
        EventingResources,
      ],
      exports: [EVENTING_RUNTIME, EVENTING_DATABASE, EVENTING_TRANSPORT],
    };
  }

  /**
   * Sets up one service for the module importing it. Its @OnEvent handlers are looked for on
   * the providers and controllers of that module only (of every module importing these same
   * options, as Nest makes one module of identical dynamic modules). The service answers
   * `<service>.dead-letters.list|get|replay|discard` requests about its dead letters, and
   * `<service>.parked-events.list|get|retry-now` about its events waiting for a delayed retry.
   */
  static forFeature(options: EventingFeatureOptions): DynamicModule {
    return {
      module: EventingFeatureModule,
      imports: [DiscoveryModule],
      controllers: [
        deadLetterRpcController(options.service),
        parkedEventRpcController(options.service),
      ],
      providers: [
        { provide: EVENTING_FEATURE_OPTIONS, useValue: options },
        ServiceEventingHost,
        {
          provide: EventPublisher,
          useFactory: (runtime: EventingRuntime) =>
            new ServicePublisher({
              service: options.service,
              schema: options.schema,
              db: runtime.database.db,
            }),
          inject: [EVENTING_RUNTIME],
        },
        {
          provide: SERVICE_DB,
          useFactory: (runtime: EventingRuntime) => runtime.database.db.withSchema(options.schema),
          inject: [EVENTING_RUNTIME],
        },
      ],
      exports: [EventPublisher, SERVICE_DB, ServiceEventingHost],
    };
  }
}
