import type {
  ChargeLookup,
  ChargeRequest,
  ChargeResult,
  PaymentProvider,
  RefundRequest,
  RefundResult,
} from '../application/payment-provider.port.js';
import { SimulatedPaymentProvider } from '../infrastructure/simulated-payment-provider.js';

/**
 * - `unavailable`: the provider is down; nothing reaches it;
 * - `lose-answer`: the provider does the work, then the connection drops before the answer;
 * - `hang`: no answer at all (the caller's timeout decides).
 */
export type Fault = 'unavailable' | 'lose-answer' | 'hang';

/** The simulator behind a network that fails as scripted, one fault per call, then works. */
export class FaultyProvider implements PaymentProvider {
  readonly simulator = new SimulatedPaymentProvider();
  /** Every call that reached this provider, failed or not: what a circuit breaker spares. */
  readonly calls: { readonly kind: 'charge' | 'lookup' | 'refund'; readonly key: string }[] = [];
  private readonly chargeFaults: Fault[] = [];
  private readonly refundFaults: Fault[] = [];
  private readonly lookupFaults: Fault[] = [];
  private downFor = 0;

  /** The provider is down for the next `calls` calls of any kind (charge, lookup, refund). */
  down(calls = Number.POSITIVE_INFINITY): this {
    this.downFor += calls;
    return this;
  }

  /** The provider is back. */
  up(): this {
    this.downFor = 0;
    return this;
  }

  failCharges(...faults: Fault[]): this {
    this.chargeFaults.push(...faults);
    return this;
  }

  failLookups(...faults: Fault[]): this {
    this.lookupFaults.push(...faults);
    return this;
  }

  failRefunds(...faults: Fault[]): this {
    this.refundFaults.push(...faults);
    return this;
  }

  charge(request: ChargeRequest): Promise<ChargeResult> {
    this.calls.push({ kind: 'charge', key: request.idempotencyKey });
    return this.call(this.chargeFaults.shift(), () => this.simulator.charge(request));
  }

  lookUpCharge(idempotencyKey: string): Promise<ChargeLookup> {
    this.calls.push({ kind: 'lookup', key: idempotencyKey });
    return this.call(this.lookupFaults.shift(), () => this.simulator.lookUpCharge(idempotencyKey));
  }

  refund(request: RefundRequest): Promise<RefundResult> {
    this.calls.push({ kind: 'refund', key: request.idempotencyKey });
    return this.call(this.refundFaults.shift(), () => this.simulator.refund(request));
  }

  private async call<T>(scripted: Fault | undefined, perform: () => Promise<T>): Promise<T> {
    let fault = scripted;
    if (this.downFor > 0) {
      this.downFor -= 1;
      fault = 'unavailable';
    }
    if (fault === 'unavailable') throw new Error('provider unavailable');
    if (fault === 'hang') return new Promise<never>(() => undefined);
    const answer = await perform();
    if (fault === 'lose-answer') throw new Error('connection reset before the answer');
    return answer;
  }
}
