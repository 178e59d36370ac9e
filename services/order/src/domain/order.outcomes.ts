import { OrderError } from './order.error.js';
import type { OrderEvent } from './order.events.js';
import { isPaid, type CancellationReason, type OrderState } from './order.state.js';

/** A command the order refuses in its status, saying why. */
export const conflict = (state: OrderState, why: string): OrderError =>
  new OrderError('conflict', `order ${state.id} is ${state.status}: ${why}`);

/** The cancellation of an order, saying whether it had been paid (then payment refunds). */
export function cancelled(
  state: OrderState,
  reason: CancellationReason,
  detail: string | undefined,
): OrderEvent {
  return {
    type: 'OrderCancelled',
    data: {
      reason,
      detail: detail === undefined || detail === '' ? null : detail,
      wasPaid: isPaid(state),
    },
  };
}
