import type { SqlDatabase } from '@eventmart/eventing';
import type { DynamicModule, Type } from '@nestjs/common';
import { text, type Env } from '../config/env.js';
import type { ServiceName } from '../config/services.js';

/** Databases a service process opens for the service module itself. */
export interface ServiceResources {
  /**
   * The payment simulator's books, on a pool of their own: payment handlers call the provider
   * while holding a connection of the service's pool, so a provider drawing on that same pool
   * could wait for a connection that only its own answer would free.
   */
  readonly ledger?: SqlDatabase;
}

/**
 * The one service module a process runs, with its settings from the environment. Imported
 * on demand: a process compiles and loads its own service only, which halves its start.
 */
export async function serviceModule(
  service: ServiceName,
  env: Env,
  resources: ServiceResources,
): Promise<DynamicModule | Type> {
  switch (service) {
    case 'user': {
      const { UserModule } = await import('@eventmart/service-user');
      return UserModule.forRoot({ jwtSecret: text(env, 'JWT_SECRET') });
    }
    case 'inventory':
      return (await import('@eventmart/service-inventory')).InventoryModule;
    case 'order':
      return (await import('@eventmart/service-order')).OrderModule;
    case 'payment': {
      const { PaymentModule, SimulatedPaymentProvider } =
        await import('@eventmart/service-payment');
      // The simulator's ledger in the payment schema: a restarted process still charges an
      // order at most once. The timeout comes from PAYMENT_TIMEOUT_MS (read by the module).
      const { ledger } = resources;
      return PaymentModule.forRoot(
        ledger === undefined ? {} : { provider: SimulatedPaymentProvider.forDatabase(ledger) },
      );
    }
    case 'notification': {
      const { NotificationModule } = await import('@eventmart/service-notification');
      const smtpUrl = text(env, 'SMTP_URL');
      return NotificationModule.forRoot(smtpUrl === undefined ? {} : { smtpUrl });
    }
    case 'fulfillment':
      return (await import('@eventmart/service-fulfillment')).FulfillmentModule;
  }
}
