// The example of the package README: two services in one process. The README shows the
// regions below verbatim; shop.example.unit.test.ts checks that it does, and runs main().
// #region imports
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { OrderPlaced, StockReserved, type EventData, type EventOf } from '@eventmart/contracts';
import { EventPublisher, InMemoryTransport, type HandlerContext } from '@eventmart/eventing';
import { EventingModule, InjectDb, OnEvent } from '@eventmart/nestjs';
import { openDatabase } from '@eventmart/postgres';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Kysely } from 'kysely';

const migrations = (service: string): string =>
  fileURLToPath(new URL(`./migrations/${service}`, import.meta.url));
// #endregion

// #region orders
interface OrdersTables {
  orders: { id: string; customer_id: string; status: 'placed' | 'reserved' };
}

/** A command: the order row and its OrderPlaced event commit together, or not at all. */
@Injectable()
export class PlaceOrder {
  constructor(private readonly publisher: EventPublisher) {}

  async execute(order: EventData<typeof OrderPlaced>): Promise<void> {
    await this.publisher.unitOfWork(async (tx, context) => {
      await tx
        .insertInto('orders')
        .values({ id: order.orderId, customer_id: order.customerId, status: 'placed' })
        .execute();
      await this.publisher.publish(OrderPlaced, order, { subject: order.orderId, context });
    });
  }
}

@Injectable()
export class OrderQueries {
  constructor(@InjectDb() private readonly db: Kysely<OrdersTables>) {}

  async statusOf(orderId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', orderId)
      .executeTakeFirst();
    return row?.status;
  }
}

@Injectable()
export class OrderSaga {
  @OnEvent(StockReserved)
  async onStockReserved(
    event: EventOf<typeof StockReserved>,
    { tx }: HandlerContext,
  ): Promise<void> {
    await tx
      .updateTable('orders')
      .set({ status: 'reserved' })
      .where('id', '=', event.data.orderId)
      .execute();
  }
}

@Module({
  imports: [
    EventingModule.forFeature({
      service: 'orders',
      schema: 'orders',
      migrations: [migrations('orders')],
    }),
  ],
  providers: [PlaceOrder, OrderQueries, OrderSaga],
  exports: [PlaceOrder, OrderQueries],
})
export class OrdersModule {}
// #endregion

// #region inventory
@Injectable()
export class ReserveStock {
  constructor(private readonly publisher: EventPublisher) {}

  /** Runs once per order, in one transaction with the inbox row and what it publishes. */
  @OnEvent(OrderPlaced)
  async onOrderPlaced(event: EventOf<typeof OrderPlaced>, context: HandlerContext): Promise<void> {
    const { tx } = context;
    const { orderId } = event.data;
    const lines = event.data.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    await tx
      .insertInto('reservations')
      .values(lines.map((line) => ({ order_id: orderId, ...line })))
      .execute();
    // Written into this handler's transaction; caused by (and correlated with) OrderPlaced.
    await this.publisher.publish(StockReserved, { orderId, lines }, { subject: orderId, context });
  }
}

@Module({
  imports: [
    EventingModule.forFeature({
      service: 'inventory',
      schema: 'inventory',
      migrations: [migrations('inventory')],
    }),
  ],
  providers: [ReserveStock],
})
export class InventoryModule {}
// #endregion

// #region app
@Module({
  imports: [
    EventingModule.forRoot({
      // Factories: the module opens them, and closes them when the application shuts down.
      database: () => openDatabase({ dataDir: 'memory://' }),
      transport: () => new InMemoryTransport(),
    }),
    OrdersModule,
    InventoryModule,
  ],
})
export class ShopModule {}

export async function main(): Promise<string | undefined> {
  const app = await NestFactory.createApplicationContext(ShopModule, { logger: ['error', 'warn'] });
  try {
    await app.get(PlaceOrder).execute({
      orderId: 'order-1',
      customerId: 'customer-1',
      lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 }],
      total: 3_000,
      currency: 'EUR',
      paymentToken: 'tok_visa',
    });
    const orders = app.get(OrderQueries);
    while ((await orders.statusOf('order-1')) !== 'reserved') await sleep(10);
    return await orders.statusOf('order-1');
  } finally {
    await app.close();
  }
}
// #endregion
