import type { OrderKind, PlannedOrder } from './order-plan.js';
import type { ShopClient } from './shop-client.js';

/** What became of one planned order, as the harness saw it through the API. */
export interface OrderOutcome {
  readonly kind: OrderKind;
  /** Set once the gateway accepted it (202). */
  id?: string;
  /** The status of the last answer to placing it: 202, or why it was not placed (0: no answer). */
  placeStatus: number;
  /** The answer to the customer's cancel, or the admin's ship, when the kind calls for one. */
  actionStatus?: number;
  /** Why the kind's action did not happen (the order ended before it could). */
  note?: string;
}

export interface OrderRunnerOptions {
  readonly orders: readonly PlannedOrder[];
  /** One client per customer, logged in. */
  readonly customers: readonly ShopClient[];
  readonly admin: ShopClient;
  /** Orders placed at once. */
  readonly concurrency: number;
  /** How long an order may take to become ready for shipping before its action is given up. */
  readonly readyTimeoutMs?: number;
}

interface Waiting {
  readonly order: PlannedOrder;
  readonly outcome: OrderOutcome;
  readonly since: number;
}

const READY = 'FULFILLMENT_READY';
const ENDED = ['CANCELLED', 'SHIPPED'];

/**
 * Places the planned orders through the gateway, `concurrency` at a time, and carries out what
 * each kind calls for: a cancel right after placing, or once the order is ready for shipping,
 * or a shipment. Orders waiting to be ready are watched together, one `GET /orders` per
 * customer a second, so waiting costs the shop little; every other order is left to the saga
 * (the recovery window checks that it ends).
 */
export class OrderRunner {
  readonly outcomes: OrderOutcome[] = [];
  /** When the last order was placed (Date.now()), once it was. */
  placedAt: number | undefined;
  private readonly waiting = new Map<string, Waiting>();
  private readonly actions: Promise<void>[] = [];
  private next = 0;
  private placing = true;

  constructor(private readonly options: OrderRunnerOptions) {}

  /** Orders the gateway accepted so far. */
  get accepted(): number {
    return this.outcomes.filter((outcome) => outcome.id !== undefined).length;
  }

  async run(): Promise<void> {
    const watching = this.watch();
    try {
      await Promise.all(
        Array.from({ length: this.options.concurrency }, async () => {
          for (let order = this.take(); order !== undefined; order = this.take()) {
            await this.place(order);
          }
        }),
      );
    } finally {
      this.placing = false;
      this.placedAt = Date.now();
    }
    await watching;
    await Promise.all(this.actions);
  }

  private take(): PlannedOrder | undefined {
    const order = this.options.orders[this.next];
    this.next += 1;
    return order;
  }

  private customer(order: PlannedOrder): ShopClient {
    const customer = this.options.customers[order.customer];
    if (customer === undefined) throw new Error(`no customer ${String(order.customer)}`);
    return customer;
  }

  private async place(order: PlannedOrder): Promise<void> {
    const customer = this.customer(order);
    const outcome: OrderOutcome = { kind: order.kind, placeStatus: 0 };
    this.outcomes.push(outcome);
    // A 504 may hide an order that was placed: it is not placed again (the books show it).
    const placed = await customer.post<{ id?: string }>(
      '/orders',
      { lines: order.lines, paymentToken: order.paymentToken },
      { finalOn: [504] },
    );
    outcome.placeStatus = placed.status;
    const id = placed.body.id;
    if (placed.status !== 202 || id === undefined) return;
    outcome.id = id;
    if (order.kind === 'cancel-early') {
      outcome.actionStatus = (await customer.post(`/orders/${id}/cancel`)).status;
    } else if (order.kind === 'cancel-late' || order.kind === 'ship') {
      this.waiting.set(id, { order, outcome, since: Date.now() });
    }
  }

  /** Until placing is over and nobody waits: each customer's orders, once a second. */
  private async watch(): Promise<void> {
    const timeoutMs = this.options.readyTimeoutMs ?? 180_000;
    while (this.placing || this.waiting.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const customers = new Set([...this.waiting.values()].map((w) => w.order.customer));
      for (const index of customers) {
        const client = this.options.customers[index];
        const answer = await client?.get<{ id: string; status: string }[]>('/orders', {
          retryForMs: 0,
        });
        if (answer?.status !== 200) continue;
        for (const { id, status } of answer.body) {
          const waiting = this.waiting.get(id);
          if (waiting === undefined) continue;
          if (status === READY) {
            this.waiting.delete(id);
            this.actions.push(this.act(waiting));
          } else if (ENDED.includes(status)) {
            this.waiting.delete(id);
            waiting.outcome.note = `order was ${status} before it could be ${verb(waiting.order.kind)}`;
          }
        }
      }
      for (const [id, waiting] of this.waiting) {
        if (Date.now() - waiting.since < timeoutMs) continue;
        this.waiting.delete(id);
        waiting.outcome.note = `order not ready after ${String(timeoutMs)} ms; not ${verb(waiting.order.kind)}`;
      }
    }
  }

  private async act({ order, outcome }: Waiting): Promise<void> {
    const answer =
      order.kind === 'ship'
        ? await this.options.admin.post(`/admin/orders/${String(outcome.id)}/ship`, {
            carrier: 'CHAOS',
          })
        : await this.customer(order).post(`/orders/${String(outcome.id)}/cancel`);
    outcome.actionStatus = answer.status;
  }
}

const verb = (kind: OrderKind): string => (kind === 'ship' ? 'shipped' : 'cancelled');
