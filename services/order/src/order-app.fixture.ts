// The order service on its own, as the module tests drive it: requests sent as the gateway
// sends them (in process, through Nest's microservice pipeline), its input events published on
// the transport as the other services would, its output read back from its outbox.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  OrderCancelled,
  OrderConfirmed,
  OrderPlaced,
  Rpc,
  type Envelope,
  type EventData,
  type EventDefinition,
  type RpcErrorBody,
  type RpcPattern,
  type RpcRequest,
  type RpcResponse,
} from '@eventmart/contracts';
import {
  InMemoryTransport,
  decodeEnvelope,
  encodeEnvelope,
  eventingTables,
  newEnvelope,
  type SqlDatabase,
} from '@eventmart/eventing';
import {
  InProcessRpcClient,
  InProcessRpcHub,
  RpcCallRejected,
  callRpc,
  rpcServerOptions,
} from '@eventmart/nest-rpc';
import { EventingModule, ServiceEventingHost } from '@eventmart/nestjs';
import { Module, type INestMicroservice } from '@nestjs/common';
import type { NestFactory } from '@nestjs/core';
import type { OrderModuleOptions } from './application/order-settings.js';
import { orderTables } from './infrastructure/order.tables.js';
import { OrderModule } from './order.module.js';

/** Polls until `check` gives something other than undefined or false. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

export const CUSTOMER = 'customer-1';

export const placeRequest = (
  overrides: Partial<RpcRequest<typeof Rpc.placeOrder>> = {},
): RpcRequest<typeof Rpc.placeOrder> => ({
  customerId: CUSTOMER,
  lines: [
    { sku: 'BOOK-1', quantity: 2, unitPrice: 1_500 },
    { sku: 'PEN-1', quantity: 1, unitPrice: 250 },
  ],
  currency: 'EUR',
  paymentToken: 'tok_visa',
  ...overrides,
});

/** The body of the failure a call was rejected with (its code, message and details). */
export const failureOf = (call: Promise<unknown>): Promise<RpcErrorBody> =>
  call.then(
    () => Promise.reject(new Error('expected the call to be rejected')),
    (error: unknown) =>
      error instanceof RpcCallRejected ? error.body : Promise.reject(error as Error),
  );

export class OrderApp {
  /** What reached the transport on the topics the service publishes to. */
  readonly sent: Envelope[] = [];

  private constructor(
    readonly app: INestMicroservice,
    readonly database: SqlDatabase,
    readonly transport: InMemoryTransport,
    private readonly client: InProcessRpcClient,
  ) {}

  /**
   * Boots OrderModule on the database (PGlite in memory) and a fresh in-memory transport;
   * with `options`, as OrderModule.forRoot(options).
   */
  static async start(
    database: SqlDatabase,
    nest: Pick<typeof NestFactory, 'createMicroservice'>,
    options?: OrderModuleOptions,
  ): Promise<OrderApp> {
    const transport = new InMemoryTransport();
    const hub = new InProcessRpcHub();
    const orderModule = options === undefined ? OrderModule : OrderModule.forRoot(options);
    @Module({ imports: [EventingModule.forRoot({ database, transport }), orderModule] })
    class TestAppModule {}
    const app = await nest.createMicroservice(TestAppModule, {
      ...rpcServerOptions({ transport: 'in-process', hub }),
      logger: false,
    });
    await app.listen();
    const client = new InProcessRpcClient({ hub });
    await client.connect();
    const orders = new OrderApp(app, database, transport, client);
    const topics = [OrderPlaced.topic, OrderConfirmed.topic, OrderCancelled.topic];
    await transport.subscribe({ group: 'observer', topics }, (message) => {
      const decoded = decodeEnvelope(message);
      if (decoded.ok) orders.sent.push(decoded.envelope);
      return Promise.resolve();
    });
    return orders;
  }

  async stop(): Promise<void> {
    this.client.close();
    await this.app.close();
    await this.transport.close();
    await this.database.close();
  }

  /** Sends a request as the gateway does: the answer is checked against the response schema. */
  call<P extends RpcPattern>(pattern: P, payload: RpcRequest<P>): Promise<RpcResponse<P>> {
    return callRpc(this.client, pattern, payload);
  }

  place(overrides: Partial<RpcRequest<typeof Rpc.placeOrder>> = {}) {
    return this.call(Rpc.placeOrder, placeRequest(overrides));
  }

  /** Publishes an event about an order as another service would, and waits until it is handled. */
  async deliver<D extends EventDefinition>(
    definition: D,
    data: EventData<D> & { orderId: string },
    { source = 'inventory', correlationId }: { source?: string; correlationId?: string } = {},
  ): Promise<Envelope> {
    const envelope = newEnvelope(definition, data, {
      subject: data.orderId,
      source,
      correlationId,
    });
    await this.transport.publish([encodeEnvelope(envelope, definition.topic)]);
    await this.handled(envelope.id);
    return envelope;
  }

  /** Publishes the very same event again, and waits until the inbox turned it away. */
  async redeliver(envelope: Envelope, definition: EventDefinition): Promise<void> {
    const { stats } = this.app.get(ServiceEventingHost).eventing.consumer;
    const before = stats.get('duplicates');
    await this.transport.publish([encodeEnvelope(envelope, definition.topic)]);
    await eventually(() => stats.get('duplicates') > before);
  }

  /** How the service dealt with an event: 'processed' or 'dead-lettered', once it has. */
  handled(eventId: string): Promise<string> {
    return eventually(async () => {
      const row = await eventingTables(this.database.db, 'order')
        .selectFrom('inbox')
        .select('status')
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return row?.status;
    });
  }

  /** What the service published about the order, in order: its outbox, final at commit. */
  async published(orderId: string): Promise<Envelope[]> {
    const rows = await eventingTables(this.database.db, 'order')
      .selectFrom('outbox')
      .select(['headers', 'payload'])
      .where('message_key', '=', orderId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => {
      const decoded = decodeEnvelope({ headers: row.headers, value: row.payload });
      if (!decoded.ok) throw new Error(decoded.error);
      return decoded.envelope;
    });
  }

  /** The order's stream as stored. */
  stream(orderId: string) {
    return orderTables(this.database.db.withSchema('order'))
      .selectFrom('order_events')
      .selectAll()
      .where('stream_id', '=', orderId)
      .orderBy('version')
      .execute();
  }

  /** The order's row in the read model. */
  row(orderId: string) {
    return orderTables(this.database.db.withSchema('order'))
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirst();
  }

  deadLetter(eventId: string) {
    return eventingTables(this.database.db, 'order')
      .selectFrom('dead_letters')
      .selectAll()
      .where('event_id', '=', eventId)
      .executeTakeFirst();
  }
}
