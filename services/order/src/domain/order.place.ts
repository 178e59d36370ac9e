import { OrderError } from './order.error.js';
import type { OrderEvent } from './order.events.js';
import type { OrderLine } from './order.state.js';

const CURRENCY = /^[A-Z]{3}$/;

/**
 * The OrderPlaced event of a new order, its total computed from the lines. The gateway
 * validated the request already; these checks keep the invariants of every recorded order
 * whoever calls.
 */
export function placeOrder(command: {
  readonly orderId: string;
  readonly customerId: string;
  readonly lines: readonly OrderLine[];
  readonly currency: string;
}): OrderEvent {
  const { orderId, customerId, lines, currency } = command;
  if (lines.length === 0) throw new OrderError('invalid', 'an order needs at least one line');
  for (const { sku, quantity, unitPrice } of lines) {
    if (sku === '') throw new OrderError('invalid', 'every line needs a SKU');
    if (!Number.isSafeInteger(quantity) || quantity < 1)
      throw new OrderError('invalid', `quantity of ${sku} must be a whole number of at least 1`);
    if (!Number.isSafeInteger(unitPrice) || unitPrice < 0)
      throw new OrderError('invalid', `unit price of ${sku} must be whole minor units, at least 0`);
  }
  if (!CURRENCY.test(currency))
    throw new OrderError('invalid', `currency ${currency} is not an ISO 4217 code`);
  const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  if (!Number.isSafeInteger(total)) throw new OrderError('invalid', 'the order total is too large');
  return {
    type: 'OrderPlaced',
    data: {
      orderId,
      customerId,
      lines: lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
      total,
      currency,
    },
  };
}
