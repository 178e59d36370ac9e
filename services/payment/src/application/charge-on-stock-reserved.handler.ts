import { StockReserved, type EventOf } from '@eventmart/contracts';
import type { HandlerContext } from '@eventmart/eventing';
import { OnEvent } from '@eventmart/nestjs';
import { Injectable } from '@nestjs/common';
import { startChargeIfDue, withStockReserved } from '../domain/payment.js';
import { callCause } from './call-cause.js';
import { PaymentStore } from './payment-store.port.js';

/**
 * stock.reserved: the go-ahead to charge. If order.placed has not arrived yet (it travels on
 * another topic), the go-ahead is kept and order.placed makes the charge owed; if the order
 * was cancelled first, nothing is ever charged. The charge itself is made by ProviderCalls,
 * after this transaction commits.
 */
@Injectable()
export class ChargeOnStockReserved {
  constructor(private readonly store: PaymentStore) {}

  @OnEvent(StockReserved, { name: 'charge' })
  async handle(event: EventOf<typeof StockReserved>, { tx }: HandlerContext): Promise<void> {
    const reserved = withStockReserved(await this.store.lock(tx, event.data.orderId));
    if (reserved === undefined) return;
    await this.store.save(tx, startChargeIfDue(reserved, callCause(event), new Date()));
  }
}
