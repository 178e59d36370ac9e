import { GatewayModule } from '@eventmart/gateway';
import { consoleLogger, type Logger, type SqlDatabase } from '@eventmart/eventing';
import { EventingModule } from '@eventmart/nestjs';
import { InProcessRpcHub, rpcClientOptions } from '@eventmart/nest-rpc';
import { openDatabase } from '@eventmart/postgres';
import { FulfillmentModule } from '@eventmart/service-fulfillment';
import { InventoryModule } from '@eventmart/service-inventory';
import { NotificationModule } from '@eventmart/service-notification';
import { OrderModule } from '@eventmart/service-order';
import { PaymentModule } from '@eventmart/service-payment';
import { UserModule } from '@eventmart/service-user';
import { PgLogTransport } from '@eventmart/transport-pg-log';
import { type DynamicModule, Module } from '@nestjs/common';
import { join } from 'node:path';
import type { EmbeddedConfig } from './config.js';

export interface EmbeddedModuleOptions {
  readonly config: EmbeddedConfig;
  /** Request/response between gateway and services, in process. */
  readonly hub: InProcessRpcHub;
  /** Where eventing logs go; JSON lines on stderr by default. */
  readonly logger?: Logger;
}

/** Opens the one database: PostgreSQL with DATABASE_URL, else PGlite in the data folder. */
export function openEmbeddedDatabase(config: EmbeddedConfig): Promise<SqlDatabase> {
  return config.databaseUrl === undefined
    ? openDatabase({ dataDir: join(config.dataDir, 'db') })
    : openDatabase({ url: config.databaseUrl, applicationName: 'eventmart-embedded' });
}

/**
 * Every service, the gateway and the event log in one Nest application: the embedded mode.
 * Services keep to their own schemas and talk only through events on the Postgres event log,
 * exactly as they do when each runs in its own process.
 */
@Module({})
export class EmbeddedModule {
  static forRoot(options: EmbeddedModuleOptions): DynamicModule {
    const { config, hub } = options;
    return {
      module: EmbeddedModule,
      imports: [
        EventingModule.forRoot({
          database: () => openEmbeddedDatabase(config),
          transport: (database) => new PgLogTransport(database, { pollIntervalMs: 250 }),
          logger: options.logger ?? consoleLogger('eventing', 'warn'),
          retry: config.retry,
        }),
        UserModule.forRoot({ jwtSecret: config.jwtSecret }),
        InventoryModule,
        OrderModule,
        PaymentModule.forRoot({ timeoutMs: config.paymentTimeoutMs }),
        NotificationModule.forRoot(config.smtpUrl === undefined ? {} : { smtpUrl: config.smtpUrl }),
        FulfillmentModule,
        GatewayModule.forRoot({ clients: rpcClientOptions({ transport: 'in-process', hub }) }),
      ],
    };
  }
}
