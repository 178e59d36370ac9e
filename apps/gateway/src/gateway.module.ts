import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ClientsModule, type ClientProxy } from '@nestjs/microservices';
import { AdminController } from './admin/admin.controller.js';
import { DeadLettersController } from './admin/dead-letters/dead-letters.controller.js';
import { DeadLetterOperations } from './admin/dead-letters/dead-letter-operations.js';
import { ParkedEventOperations } from './admin/parked-events/parked-event-operations.js';
import { ParkedEventsController } from './admin/parked-events/parked-events.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { BearerAuthGuard } from './auth/bearer-auth.guard.js';
import { ProductsController } from './catalog/products.controller.js';
import {
  clientProviderFor,
  GATEWAY_OPTIONS,
  RPC_SERVICES,
  type GatewayOptions,
} from './gateway.options.js';
import { correlationIdMiddleware } from './http/correlation-id.js';
import { GatewayExceptionFilter } from './http/gateway-exception.filter.js';
import { StorableTextGuard } from './http/storable-text.guard.js';
import { GatewayValidationPipe } from './http/validation.pipe.js';
import { MailboxController } from './mailbox/mailbox.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { RPC_CLIENTS, rpcClientToken, ServicesClient } from './rpc/services.client.js';

const CONTROLLERS: Type[] = [
  AuthController,
  ProductsController,
  OrdersController,
  MailboxController,
  AdminController,
  DeadLettersController,
  ParkedEventsController,
];

/**
 * The REST API. It reaches the services only through request/response calls
 * (`ServicesClient`), so it runs beside them in one process or in front of them over TCP,
 * depending on `clients` alone. Its storable-text guard, validation pipe and exception filter
 * are app-wide; call `configureGateway(app)` for the body limit and the OpenAPI docs.
 */
@Module({})
export class GatewayModule implements NestModule {
  static forRoot(options: GatewayOptions): DynamicModule {
    const reachable = RPC_SERVICES.map((service) => ({
      service,
      provider: clientProviderFor(options.clients, service),
    }));
    return {
      module: GatewayModule,
      imports: [
        ClientsModule.register(
          reachable.map(({ service, provider }) => ({
            name: rpcClientToken(service),
            ...provider,
          })),
        ),
      ],
      controllers: CONTROLLERS,
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: options },
        {
          provide: RPC_CLIENTS,
          inject: reachable.map(({ service }) => rpcClientToken(service)),
          useFactory: (...clients: ClientProxy[]) =>
            new Map(reachable.map(({ service }, index) => [service, clients[index]])),
        },
        ServicesClient,
        DeadLetterOperations,
        ParkedEventOperations,
        BearerAuthGuard,
        // Before every route's own guard, so unstorable text reaches no service at all.
        { provide: APP_GUARD, useClass: StorableTextGuard },
        { provide: APP_PIPE, useClass: GatewayValidationPipe },
        { provide: APP_FILTER, useClass: GatewayExceptionFilter },
      ],
      exports: [ServicesClient],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationIdMiddleware).forRoutes(...CONTROLLERS);
  }
}
