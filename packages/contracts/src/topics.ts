/**
 * Every topic eventmart publishes to, in one place. Each event type has exactly one topic
 * (see catalog.ts); the partition key is always the envelope's subject.
 */
export const Topics = {
  UsersRegistered: 'users.registered',
  OrdersNew: 'orders.new',
  OrdersConfirmed: 'orders.confirmed',
  OrdersCancelled: 'orders.cancelled',
  OrdersDeadlines: 'orders.deadlines',
  StockReserved: 'inventory.stock.reserved',
  StockReservationFailed: 'inventory.stock.reservation-failed',
  StockReleased: 'inventory.stock.released',
  StockDeadlines: 'inventory.stock.deadlines',
  PaymentsSucceeded: 'payments.succeeded',
  PaymentsFailed: 'payments.failed',
  PaymentsRefunded: 'payments.refunded',
  FulfillmentReady: 'fulfillment.order.ready',
  FulfillmentShipped: 'fulfillment.order.shipped',
  EmailSent: 'notifications.email.sent',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.freeze(Object.values(Topics));
