// Two services of one process for eventing.module.unit.test.ts, with handlers placed to show
// which module each belongs to.
import { fileURLToPath } from 'node:url';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  StockReserved,
  type EventData,
  type EventOf,
} from '@eventmart/contracts';
import { EventPublisher, type HandlerContext } from '@eventmart/eventing';
import { Injectable, Module } from '@nestjs/common';
import { EventingModule, OnEvent, ServiceEventingHost } from './index.js';

const migrations = (service: string): string =>
  fileURLToPath(new URL(`./examples/migrations/${service}`, import.meta.url));

export const placed = (orderId: string): EventData<typeof OrderPlaced> => ({
  orderId,
  customerId: 'customer-1',
  lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 }],
  total: 3_000,
  currency: 'EUR',
  paymentToken: 'tok_visa',
});

/**
 * Provided in both service modules: each instance must serve its own module's service, and it
 * gives the test that module's publisher and eventing.
 */
@Injectable()
export class Probe {
  readonly seen: string[] = [];

  constructor(
    readonly publisher: EventPublisher,
    readonly host: ServiceEventingHost,
  ) {}

  @OnEvent(OrderPlaced)
  onOrderPlaced(event: EventOf<typeof OrderPlaced>): Promise<void> {
    this.seen.push(event.data.orderId);
    return Promise.resolve();
  }
}

/** A module without eventing, imported by both services: its handler belongs to neither. */
@Injectable()
export class SharedListener {
  calls = 0;

  @OnEvent(OrderPlaced, { name: 'shared' })
  onOrderPlaced(): Promise<void> {
    this.calls += 1;
    return Promise.resolve();
  }
}

@Module({ providers: [SharedListener], exports: [SharedListener] })
export class SharedModule {}

@Injectable()
export class OrdersSaga {
  readonly replies: EventOf<typeof StockReserved>[] = [];

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
    this.replies.push(event);
  }
}

@Module({
  imports: [
    EventingModule.forFeature({
      service: 'orders',
      schema: 'orders',
      migrations: [migrations('orders')],
    }),
    SharedModule,
  ],
  providers: [OrdersSaga, Probe],
})
export class OrdersModule {}

@Injectable()
export class ReserveStock {
  readonly calls: string[] = [];

  constructor(private readonly publisher: EventPublisher) {}

  @OnEvent(OrderPlaced)
  async onOrderPlaced(event: EventOf<typeof OrderPlaced>, context: HandlerContext): Promise<void> {
    const { tx } = context;
    const { orderId } = event.data;
    const lines = event.data.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    await tx
      .insertInto('reservations')
      .values(lines.map((line) => ({ order_id: orderId, ...line })))
      .execute();
    await this.publisher.publish(StockReserved, { orderId, lines }, { subject: orderId, context });
    this.calls.push(orderId);
  }
}

@Injectable()
export class WarehouseSync {
  attempts = 0;

  @OnEvent(OrderCancelled, { retry: { maxAttempts: 3 } })
  onOrderCancelled(): Promise<void> {
    this.attempts += 1;
    return Promise.reject(new Error('warehouse offline'));
  }
}

/** Holds its transaction open until released: a handler in flight when the app closes. */
@Injectable()
export class SlowConfirmation {
  finished = false;
  private release!: () => void;
  readonly released = new Promise<void>((resolve) => (this.release = resolve));
  private markStarted!: () => void;
  readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  @OnEvent(OrderConfirmed)
  async onOrderConfirmed(): Promise<void> {
    this.markStarted();
    await this.released;
    this.finished = true;
  }

  finish(): void {
    this.release();
  }
}

const inventoryEventing = EventingModule.forFeature({
  service: 'inventory',
  schema: 'inventory',
  migrations: [migrations('inventory')],
  retry: { backoff: { initialMs: 1, maxMs: 5, jitter: 'none' }, delaysMs: [] },
});

@Module({
  imports: [inventoryEventing, SharedModule],
  providers: [ReserveStock, WarehouseSync, SlowConfirmation, Probe],
})
export class InventoryModule {}

/** Inventory too: it imports the same feature module, so its handlers join inventory's. */
@Injectable()
export class StockReport {
  readonly orders: string[] = [];

  @OnEvent(OrderPlaced, { name: 'reports.order-placed' })
  onOrderPlaced(event: EventOf<typeof OrderPlaced>): Promise<void> {
    this.orders.push(event.data.orderId);
    return Promise.resolve();
  }
}

@Module({ imports: [inventoryEventing], providers: [StockReport] })
export class InventoryReportsModule {}

/** No forFeature here: nobody runs this handler. */
@Injectable()
export class Reporting {
  calls = 0;

  @OnEvent(OrderPlaced)
  onOrderPlaced(): Promise<void> {
    this.calls += 1;
    return Promise.resolve();
  }
}

@Module({ providers: [Reporting] })
export class ReportingModule {}
