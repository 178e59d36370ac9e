import { z } from 'zod';
import { CancellationReason, OrderLine } from '../events/order.events.js';
import { Currency, Id, Money, Sku } from '../events/common.js';

/**
 * Request/response messages between the gateway and the services (NestJS @MessagePattern).
 * Each entry names its pattern and the schemas of request and response; both sides validate.
 * In embedded mode they travel in process; in distributed mode over NestJS's TCP transport.
 */
function pattern<Req extends z.ZodType, Res extends z.ZodType>(
  name: string,
  request: Req,
  response: Res,
) {
  return Object.freeze({ name, request, response });
}

export interface RpcPattern<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly request: Req;
  readonly response: Res;
}
export type RpcRequest<P extends RpcPattern> = z.infer<P['request']>;
export type RpcResponse<P extends RpcPattern> = z.infer<P['response']>;

export const Role = z.enum(['customer', 'admin']);
export const UserView = z.object({
  id: Id,
  email: z.email(),
  name: z.string(),
  role: Role,
  createdAt: z.iso.datetime({ offset: true }),
});

export const ProductView = z.object({
  sku: Sku,
  name: z.string(),
  unitPrice: Money,
  currency: Currency,
  available: z.number().int().min(0),
});

export const OrderStatus = z.enum([
  'PLACED',
  'STOCK_RESERVED',
  'CONFIRMED',
  'FULFILLMENT_READY',
  'SHIPPED',
  'CANCELLED',
]);

export const OrderView = z.object({
  id: Id,
  customerId: Id,
  status: OrderStatus,
  lines: z.array(OrderLine),
  total: Money,
  currency: Currency,
  cancellationReason: CancellationReason.nullable(),
  cancellationDetail: z.string().nullable(),
  version: z.number().int(),
  placedAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export const OrderHistoryEntry = z.object({
  version: z.number().int(),
  type: z.string(),
  data: z.record(z.string(), z.unknown()),
  recordedAt: z.iso.datetime({ offset: true }),
});

export const MailView = z.object({
  id: Id,
  to: z.email(),
  subject: z.string(),
  template: z.string(),
  text: z.string(),
  orderId: Id.nullable(),
  sentAt: z.iso.datetime({ offset: true }),
});

const Credentials = z.object({ email: z.email(), password: z.string().min(8).max(200) });

export const Rpc = {
  registerUser: pattern(
    'user.register',
    Credentials.extend({ name: z.string().min(1).max(200) }),
    UserView,
  ),
  /** Checks the password and answers a signed JWT. */
  login: pattern('user.login', Credentials, z.object({ accessToken: z.string(), user: UserView })),
  /** Answers the user behind a valid token (the gateway's auth guard calls it). */
  verifyToken: pattern('user.verify-token', z.object({ token: z.string() }), UserView),
  getUser: pattern('user.get-user', z.object({ userId: Id }), UserView),

  listProducts: pattern('inventory.list-products', z.object({}), z.array(ProductView)),
  getProducts: pattern(
    'inventory.get-products',
    z.object({ skus: z.array(Sku).min(1) }),
    z.array(ProductView),
  ),

  placeOrder: pattern(
    'order.place',
    z.object({
      customerId: Id,
      lines: z.array(OrderLine).min(1).max(100),
      currency: Currency,
      paymentToken: z.string().min(1),
      correlationId: z.string().min(1).optional(),
    }),
    OrderView,
  ),
  listOrders: pattern('order.list', z.object({ customerId: Id }), z.array(OrderView)),
  /** NOT_FOUND unless the order exists and (when customerId is given) belongs to that customer. */
  getOrder: pattern(
    'order.get',
    z.object({
      orderId: Id,
      customerId: Id.optional(),
      asOf: z.iso.datetime({ offset: true }).optional(),
    }),
    z.object({ order: OrderView, history: z.array(OrderHistoryEntry) }),
  ),
  /** CONFLICT once shipped or already cancelled. */
  cancelOrder: pattern(
    'order.cancel',
    z.object({ orderId: Id, customerId: Id.optional(), reason: z.string().max(500).optional() }),
    OrderView,
  ),

  /** Admin: NOT_FOUND without a shipment for the order, CONFLICT if cancelled or shipped. */
  markShipped: pattern(
    'fulfillment.mark-shipped',
    z.object({
      orderId: Id,
      carrier: z.string().min(1).max(100).optional(),
      trackingNumber: z.string().min(1).max(100).optional(),
    }),
    z.object({ orderId: Id, shipmentId: Id, status: z.enum(['READY', 'SHIPPED', 'CANCELLED']) }),
  ),

  listMailbox: pattern(
    'notification.list-mailbox',
    z.object({ to: z.email().optional(), limit: z.number().int().min(1).max(500).optional() }),
    z.array(MailView),
  ),
} as const;
