export { OrderModule, ORDER_MIGRATIONS_DIR } from './order.module.js';
export {
  DEFAULT_ORDER_PAYMENT_TIMEOUT_MS,
  orderSettings,
  type OrderModuleOptions,
} from './application/order-settings.js';
export { PlaceOrder, type PlaceOrderRequest } from './application/place-order.command.js';
export { CancelOrder, type CancelOrderRequest } from './application/cancel-order.command.js';
export { OrderQueries, type OrderWithHistory } from './application/order-queries.js';
export type { OrderView } from './application/order-read-model.port.js';
export type { HistoryEntry } from './application/order-view.js';
