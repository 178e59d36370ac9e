import { EventPublisher, type Db, type EventContext, type Tx } from '@eventmart/eventing';
import { InjectDb } from '@eventmart/nestjs';
import { Injectable, Logger } from '@nestjs/common';
import { decide, replay, type OrderCommand } from '../domain/index.js';
import {
  ConcurrencyError,
  OrderEventStore,
  type RecordedOrderEvent,
} from './order-event-store.port.js';
import { publishIntegrationEvents } from './order-integration-events.js';
import { OrderReadModel, type OrderView } from './order-read-model.port.js';
import { orderView } from './order-view.js';
import { PaymentDeadline } from './payment-deadline.js';

export interface ExecuteOptions {
  /**
   * An event handler's context (its transaction and cause); without one the command runs in
   * its own unit of work.
   */
  readonly context?: EventContext | undefined;
  /** For a command from outside: the request it serves. */
  readonly correlationId?: string | undefined;
  /** PlaceOrder only: goes out in order.placed, and nowhere else. */
  readonly paymentToken?: string | undefined;
}

export interface CommandOutcome {
  readonly view: OrderView;
  /** What the command appended: nothing when it changed nothing. */
  readonly recorded: readonly RecordedOrderEvent[];
}

/** Tries before a command that keeps losing the race for its order gives up. */
export const MAX_ATTEMPTS = 5;

/**
 * Runs a command on an order: reads its stream, decides, and appends the new events at the
 * next version, with the read model's row, the integration events and the payment deadline
 * timer in the same transaction. When another writer appended first, it reads the stream again and decides
 * again (the command may no longer apply), up to MAX_ATTEMPTS times.
 */
@Injectable()
export class OrderCommandHandler {
  private readonly logger = new Logger('OrderCommandHandler');

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly store: OrderEventStore,
    private readonly readModel: OrderReadModel,
    private readonly publisher: EventPublisher,
    private readonly deadline: PaymentDeadline,
  ) {}

  async execute(command: OrderCommand, options: ExecuteOptions = {}): Promise<CommandOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt(command, options);
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.debug(
          `${error.message}; deciding ${command.type} again (try ${String(attempt + 1)})`,
        );
      }
    }
  }

  private async attempt(command: OrderCommand, options: ExecuteOptions): Promise<CommandOutcome> {
    const history = await this.store.load(options.context?.tx ?? this.db, command.orderId);
    const before = replay(history.map((recorded) => recorded.event));
    const events = decide(before, command);
    const after = replay(events, before);
    // decide refuses every command on an empty stream but PlaceOrder, which places the order.
    if (after === undefined) throw new Error(`${command.type} left order ${command.orderId} empty`);
    if (events.length === 0) return { view: orderView(after, history), recorded: [] };

    const last = history[history.length - 1];
    const write = async (tx: Tx, context: EventContext): Promise<CommandOutcome> => {
      const now = new Date();
      const recorded = await this.store.append(tx, command.orderId, last?.version ?? 0, events, {
        recordedAt: last !== undefined && last.recordedAt > now ? last.recordedAt : now,
        correlationId: context.cause?.correlationId ?? context.correlationId ?? null,
        causationId: context.cause?.id ?? null,
      });
      const view = orderView(after, [...history, ...recorded]);
      await this.readModel.save(tx, view);
      await publishIntegrationEvents(this.publisher, context, after, events, options.paymentToken);
      await this.deadline.follow(context, command.orderId, events, now);
      return { view, recorded };
    };
    return options.context === undefined
      ? this.publisher.unitOfWork(write, { correlationId: options.correlationId })
      : write(options.context.tx, options.context);
  }
}
