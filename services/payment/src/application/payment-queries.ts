import { Injectable } from '@nestjs/common';
import type { Payment } from '../domain/payment.js';
import { PaymentStore } from './payment-store.port.js';

/** Reads payments (committed state): for operators, the launcher's console and tests. */
@Injectable()
export class PaymentQueries {
  constructor(private readonly store: PaymentStore) {}

  find(orderId: string): Promise<Payment | undefined> {
    return this.store.find(orderId);
  }
}
