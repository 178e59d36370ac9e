export { PaymentModule, PAYMENT_MIGRATIONS_DIR } from './payment.module.js';
export {
  PaymentProvider,
  type ChargeRequest,
  type ChargeResult,
  type RefundRequest,
  type RefundResult,
} from './application/payment-provider.port.js';
export {
  DEFAULT_PAYMENT_TIMEOUT_MS,
  paymentTimeoutMs,
  type PaymentModuleOptions,
} from './application/payment-settings.js';
export { PaymentQueries } from './application/payment-queries.js';
export { DEFAULT_CIRCUIT_BREAKER, type CircuitBreakerSettings } from '@eventmart/resilience';
export {
  SimulatedPaymentProvider,
  TEST_TOKENS,
  type LedgerEntry,
} from './infrastructure/simulated-payment-provider.js';
export type { Payment, PaymentStatus } from './domain/payment.js';
