// A service's operator request/response handlers (dead letters, parked events) in one process,
// for their tests: an in-memory database and transport, and an in-process RPC client.
import { fileURLToPath } from 'node:url';
import { OrderPlaced } from '@eventmart/contracts';
import {
  encodeEnvelope,
  InMemoryTransport,
  newEnvelope,
  type Logger,
  type SqlDatabase,
} from '@eventmart/eventing';
import { InProcessRpcClient, InProcessRpcHub, rpcServerOptions } from '@eventmart/nest-rpc';
import { openDatabase } from '@eventmart/postgres';
import { Module, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventingModule } from './index.js';

/** The migration of an `orders` table, for a handler that records the orders it is sent. */
export const ordersTable = fileURLToPath(new URL('./examples/migrations/orders', import.meta.url));

export interface OperatorRpcApp {
  readonly database: SqlDatabase;
  readonly transport: InMemoryTransport;
  readonly server: INestMicroservice;
  readonly client: InProcessRpcClient;
  close(): Promise<void>;
}

/** Starts the services of `features` (EventingModule.forFeature modules) as one microservice. */
export async function startOperatorRpcApp(
  features: readonly Type[],
  options: { logger?: Logger } = {},
): Promise<OperatorRpcApp> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const transport = new InMemoryTransport();
  const hub = new InProcessRpcHub();
  @Module({
    imports: [
      EventingModule.forRoot({
        database,
        transport,
        ...(options.logger !== undefined && { logger: options.logger }),
      }),
      ...features,
    ],
  })
  class AppModule {}
  const server = await NestFactory.createMicroservice(AppModule, {
    ...rpcServerOptions({ transport: 'in-process', hub }),
    logger: false,
  });
  await server.listen();
  return {
    database,
    transport,
    server,
    client: new InProcessRpcClient({ hub }),
    close: async () => {
      await server.close();
      await transport.close();
      await database.close();
    },
  };
}

/** Publishes an order.placed of `orderId` keyed `subject`, as the order service would. */
export async function publishOrderPlaced(
  transport: InMemoryTransport,
  orderId: string,
  subject: string,
): Promise<void> {
  const envelope = newEnvelope(
    OrderPlaced,
    {
      orderId,
      customerId: 'customer-1',
      lines: [{ sku: 'BOOK-1', quantity: 1, unitPrice: 500 }],
      total: 500,
      currency: 'EUR',
      paymentToken: 'tok_visa',
    },
    { subject, source: 'order' },
  );
  await transport.publish([encodeEnvelope(envelope, OrderPlaced.topic)]);
}
