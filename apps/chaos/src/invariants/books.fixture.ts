import type { Books } from '../books/books.js';
import type { OutboxEvent } from '../books/events.js';
import type { OrderRow } from '../books/orders.js';
import type { StockRow } from '../books/stock.js';
import { poisonMessage } from '../faults/poison-message.js';
import type { ServiceHandler } from '../settle/service-handlers.js';
import type { RunFacts } from './invariant.js';

let counter = 0;
const id = (): string => `00000000-0000-7000-8000-${String((counter += 1)).padStart(12, '0')}`;

const event = (service: string, type: string, key: string, payload = '{}'): OutboxEvent => ({
  service,
  seq: String(counter),
  eventId: id(),
  type,
  topic: type,
  key,
  sent: true,
  headers: {},
  payload,
});

const stock = (sku: string, total: number, reserved = 0, sold = 0): StockRow => ({
  sku,
  total,
  available: total - reserved - sold,
  reserved,
  sold,
});

const order = (
  id: string,
  status: string,
  sku: string,
  quantity: number,
  extra: Partial<OrderRow> = {},
): OrderRow => ({
  id,
  customerId: 'u1',
  status,
  total: 100 * quantity,
  lines: [{ sku, quantity }],
  cancellationReason: status === 'CANCELLED' ? 'CUSTOMER_REQUEST' : null,
  wasConfirmed: status !== 'CANCELLED',
  ...extra,
});

const HANDLERS: ServiceHandler[] = [
  {
    service: 'inventory',
    consumer: 'inventory.reserve-stock',
    type: 'order.placed',
    version: 1,
    topic: 'orders.new',
  },
  {
    service: 'notification',
    consumer: 'notification.welcome-mail',
    type: 'user.registered',
    version: 1,
    topic: 'users.registered',
  },
];

/**
 * Three orders that went right (one ready, one shipped, one paid then cancelled and refunded),
 * with their stock, money, events, inbox rows and e-mails, and two poison messages on
 * orders.new dead-lettered as they should be: books on which every invariant holds.
 */
export function healthyRun(): { books: Books; facts: RunFacts } {
  const orders = [
    order('o1', 'FULFILLMENT_READY', 'A', 2),
    order('o2', 'SHIPPED', 'B', 1),
    order('o3', 'CANCELLED', 'A', 1, { wasConfirmed: true }),
  ];
  const events = [
    event('user', 'user.registered', 'u1'),
    ...orders.map((o) => event('order', 'order.placed', o.id)),
    ...orders.map((o) => event('payment', 'payment.succeeded', o.id)),
    ...orders.map((o) => event('order', 'order.confirmed', o.id)),
    event('fulfillment', 'order.shipped', 'o2'),
    event('order', 'order.cancelled', 'o3'),
    event('inventory', 'stock.released', 'o3'),
    event('payment', 'payment.refunded', 'o3'),
  ];
  const worthy = events.filter((e) =>
    ['user.registered', 'order.confirmed', 'order.cancelled', 'order.shipped'].includes(e.type),
  );
  const template = (type: string) =>
    type === 'user.registered' ? 'welcome' : type.replace('.', '-');
  const mails = worthy.map((e) => ({
    id: id(),
    eventId: e.eventId,
    template: template(e.type),
    orderId: e.key,
  }));
  events.push(
    ...mails.map((mail) =>
      event('notification', 'email.sent', mail.orderId, JSON.stringify({ emailId: mail.id })),
    ),
  );
  const malformed = poisonMessage('malformed-json', 'orders.new', 'order.placed');
  const invalid = poisonMessage('invalid-data', 'orders.new', 'order.placed');
  const inbox = [
    ...events
      .filter((e) => e.type === 'order.placed')
      .map((e) => ({
        consumer: 'inventory.reserve-stock',
        eventId: e.eventId,
        status: 'processed' as const,
      })),
    { consumer: 'inventory.reserve-stock', eventId: invalid.id, status: 'dead-lettered' as const },
    ...events
      .filter((e) => e.type === 'user.registered')
      .map((e) => ({
        consumer: 'notification.welcome-mail',
        eventId: e.eventId,
        status: 'processed' as const,
      })),
  ];
  const letter = (consumer: string, reason: string, poisonId: string, eventId: string | null) => ({
    service: 'inventory',
    consumer,
    reason,
    eventId,
    eventType: 'order.placed',
    topic: 'orders.new',
    messageId: poisonId,
    position: `orders.new:0:${poisonId}`,
  });
  const books: Books = {
    stock: new Map([
      ['A', stock('A', 10, 2)],
      ['B', stock('B', 5, 0, 1)],
    ]),
    reservations: [
      { orderId: 'o1', sku: 'A', quantity: 2, status: 'RESERVED' },
      { orderId: 'o2', sku: 'B', quantity: 1, status: 'SOLD' },
      { orderId: 'o3', sku: 'A', quantity: 1, status: 'RELEASED' },
    ],
    orders,
    money: new Map([
      ['o1', { paymentId: 'p1', charged: 200, refunds: 0, refunded: 0 }],
      ['o2', { paymentId: 'p2', charged: 100, refunds: 0, refunded: 0 }],
      ['o3', { paymentId: 'p3', charged: 100, refunds: 1, refunded: 100 }],
    ]),
    charges: new Map([
      ['o1', 1],
      ['o2', 1],
      ['o3', 1],
    ]),
    paymentIds: new Map([
      ['o1', 'p1'],
      ['o2', 'p2'],
      ['o3', 'p3'],
    ]),
    events,
    inbox,
    deadLetters: [
      letter('inventory', 'malformed-json', malformed.id, null),
      letter('inventory.reserve-stock', 'invalid-data', invalid.id, invalid.id),
    ],
    mails,
  };
  return {
    books,
    facts: {
      initialStock: new Map([
        ['A', stock('A', 10)],
        ['B', stock('B', 5)],
      ]),
      accepted: orders.map((o) => o.id),
      poisons: [malformed, invalid],
      handlers: HANDLERS,
    },
  };
}
