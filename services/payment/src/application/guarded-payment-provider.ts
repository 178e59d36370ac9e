import { Inject, Injectable, Logger } from '@nestjs/common';
import { DependencyCircuit } from '@eventmart/resilience';
import {
  PaymentProvider,
  type ChargeLookup,
  type ChargeRequest,
  type ChargeResult,
  type RefundRequest,
  type RefundResult,
} from './payment-provider.port.js';
import { PAYMENT_SETTINGS, type PaymentSettings } from './payment-settings.js';
import { withTimeout, type Timed } from './with-timeout.js';

/**
 * How the handlers call the provider: within the timeout, behind a circuit breaker. A throw
 * and a call without an answer in time both count as failures; after enough in a row the
 * circuit opens, and calls throw RetryLaterError without reaching the provider, so events
 * wait for it to recover instead of using up their attempts and ending in dead letters.
 */
@Injectable()
export class GuardedPaymentProvider {
  readonly circuit: DependencyCircuit;

  constructor(
    private readonly provider: PaymentProvider,
    @Inject(PAYMENT_SETTINGS) private readonly settings: PaymentSettings,
  ) {
    this.circuit = new DependencyCircuit(
      'payment provider',
      settings.circuitBreaker,
      new Logger('payment'),
    );
  }

  charge(request: ChargeRequest): Promise<Timed<ChargeResult>> {
    return this.guarded(() => this.provider.charge(request));
  }

  lookUpCharge(idempotencyKey: string): Promise<Timed<ChargeLookup>> {
    return this.guarded(() => this.provider.lookUpCharge(idempotencyKey));
  }

  refund(request: RefundRequest): Promise<Timed<RefundResult>> {
    return this.guarded(() => this.provider.refund(request));
  }

  private guarded<T>(call: () => Promise<T>): Promise<Timed<T>> {
    return this.circuit.call(
      () => withTimeout(call(), this.settings.timeoutMs),
      (answer) => (answer.timedOut ? `no answer within ${String(answer.afterMs)} ms` : undefined),
    );
  }
}
