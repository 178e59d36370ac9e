import type { Db } from '@eventmart/eventing';
import { InjectDb } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { OrderError, replay } from '../domain/index.js';
import { OrderEventStore } from './order-event-store.port.js';
import { OrderReadModel, type OrderView } from './order-read-model.port.js';
import { historyEntry, orderView, type HistoryEntry } from './order-view.js';

export interface OrderWithHistory {
  readonly order: OrderView;
  /** Every event of the order up to `order.version`, oldest first. */
  readonly history: HistoryEntry[];
}

/** Reads orders: their current state from the read model, past states from their streams. */
@Injectable()
export class OrderQueries {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly store: OrderEventStore,
    private readonly readModel: OrderReadModel,
  ) {}

  listByCustomer(customerId: string): Promise<OrderView[]> {
    return this.readModel.listByCustomer(this.db, customerId);
  }

  /**
   * The order and its history; with `asOf`, as they were at that time. NOT_FOUND (as an
   * OrderError) when it does not exist (yet), or is not the given customer's.
   */
  async get(
    orderId: string,
    options: { readonly customerId?: string | undefined; readonly asOf?: Date | undefined } = {},
  ): Promise<OrderWithHistory> {
    const { customerId, asOf } = options;
    const found = asOf === undefined ? await this.current(orderId) : await this.past(orderId, asOf);
    if (found === undefined || (customerId !== undefined && found.order.customerId !== customerId))
      throw new OrderError('not-found', `order ${orderId} not found`);
    return found;
  }

  private async current(orderId: string): Promise<OrderWithHistory | undefined> {
    const order = await this.readModel.find(this.db, orderId);
    if (order === undefined) return undefined;
    // Read second, the stream may be ahead of the row: cut it where the row is.
    const recorded = await this.store.load(this.db, orderId);
    const history = recorded.filter((r) => r.version <= order.version).map(historyEntry);
    return { order, history };
  }

  private async past(orderId: string, asOf: Date): Promise<OrderWithHistory | undefined> {
    const recorded = await this.store.load(this.db, orderId, { asOf });
    const state = replay(recorded.map((r) => r.event));
    if (state === undefined) return undefined;
    return { order: orderView(state, recorded), history: recorded.map(historyEntry) };
  }
}
