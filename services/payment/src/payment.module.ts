import { fileURLToPath } from 'node:url';
import { EventingModule } from '@eventmart/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { ChargeOnStockReserved } from './application/charge-on-stock-reserved.handler.js';
import { circuitBreakerSettings } from '@eventmart/resilience';
import { GuardedPaymentProvider } from './application/guarded-payment-provider.js';
import { PaymentProvider } from './application/payment-provider.port.js';
import { PaymentQueries } from './application/payment-queries.js';
import {
  DEFAULT_CALL_BACKOFF,
  PAYMENT_SETTINGS,
  paymentTimeoutMs,
  type PaymentModuleOptions,
  type PaymentSettings,
} from './application/payment-settings.js';
import { PaymentStore } from './application/payment-store.port.js';
import { ProviderCallPoller } from './application/provider-call-poller.js';
import { ProviderCalls } from './application/provider-calls.js';
import { RecordOrderOnOrderPlaced } from './application/record-order.handler.js';
import { RefundOnOrderCancelled } from './application/refund-on-order-cancelled.handler.js';
import { KyselyPaymentStore } from './infrastructure/kysely-payment-store.js';
import { SimulatedPaymentProvider } from './infrastructure/simulated-payment-provider.js';

export const PAYMENT_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

const paymentEventing = EventingModule.forFeature({
  service: 'payment',
  schema: 'payment',
  migrations: [PAYMENT_MIGRATIONS_DIR],
});

/**
 * The payment service: charges on stock.reserved, refunds on order.cancelled; the provider is
 * called outside the handlers' transactions (ProviderCalls).
 */
@Module({})
export class PaymentModule {
  static forRoot(options: PaymentModuleOptions = {}): DynamicModule {
    const settings: PaymentSettings = {
      timeoutMs: paymentTimeoutMs(options.timeoutMs),
      circuitBreaker: circuitBreakerSettings('PAYMENT', options.circuitBreaker),
      callBackoff: options.callBackoff ?? DEFAULT_CALL_BACKOFF,
    };
    return {
      module: PaymentModule,
      imports: [paymentEventing],
      providers: [
        { provide: PaymentProvider, useValue: options.provider ?? new SimulatedPaymentProvider() },
        { provide: PAYMENT_SETTINGS, useValue: settings },
        { provide: PaymentStore, useClass: KyselyPaymentStore },
        GuardedPaymentProvider,
        ProviderCalls,
        ProviderCallPoller,
        RecordOrderOnOrderPlaced,
        ChargeOnStockReserved,
        RefundOnOrderCancelled,
        PaymentQueries,
      ],
      exports: [PaymentProvider, PaymentQueries],
    };
  }
}
