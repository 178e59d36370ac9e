import { fileURLToPath } from 'node:url';
import { EventingModule } from '@eventmart/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { OrderRpcController } from './api/order.rpc-controller.js';
import { CancelOrder } from './application/cancel-order.command.js';
import { OrderCommandHandler } from './application/order-command-handler.js';
import { OrderEventStore } from './application/order-event-store.port.js';
import { OrderQueries } from './application/order-queries.js';
import { OrderReadModel } from './application/order-read-model.port.js';
import { OrderSagaHandlers } from './application/order-saga.handlers.js';
import {
  ORDER_SCHEMA,
  ORDER_SETTINGS,
  orderSettings,
  type OrderModuleOptions,
} from './application/order-settings.js';
import { PaymentDeadline } from './application/payment-deadline.js';
import { PlaceOrder } from './application/place-order.command.js';
import { KyselyOrderEventStore } from './infrastructure/kysely-order-event-store.js';
import { KyselyOrderReadModel } from './infrastructure/kysely-order-read-model.js';

/** The service's own tables: the order streams and the orders read model. */
export const ORDER_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * The order service: event-sourced orders, the saga's state machine, and the gateway's
 * requests (placeOrder, listOrders, getOrder, cancelOrder). Needs EventingModule.forRoot in
 * the application module. Imported as is, it takes its settings from the environment;
 * `OrderModule.forRoot(options)` sets them in code.
 */
@Module({
  imports: [
    EventingModule.forFeature({
      service: 'order',
      schema: ORDER_SCHEMA,
      migrations: [ORDER_MIGRATIONS_DIR],
    }),
  ],
  controllers: [OrderRpcController],
  providers: [
    { provide: OrderEventStore, useClass: KyselyOrderEventStore },
    { provide: OrderReadModel, useClass: KyselyOrderReadModel },
    OrderCommandHandler,
    PlaceOrder,
    CancelOrder,
    OrderQueries,
    OrderSagaHandlers,
    PaymentDeadline,
    // Read when the module is instantiated, so a bad ORDER_PAYMENT_TIMEOUT_MS fails at startup.
    { provide: ORDER_SETTINGS, useFactory: () => orderSettings() },
  ],
  exports: [PlaceOrder, CancelOrder, OrderQueries],
})
export class OrderModule {
  /** The module with settings given in code (they win over the environment). */
  static forRoot(options: OrderModuleOptions = {}): DynamicModule {
    const settings = orderSettings(options);
    return { module: OrderModule, providers: [{ provide: ORDER_SETTINGS, useValue: settings }] };
  }
}
