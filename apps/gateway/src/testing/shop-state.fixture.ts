import type { Rpc, RpcResponse } from '@eventmart/contracts';
import { Injectable } from '@nestjs/common';

type UserView = RpcResponse<typeof Rpc.getUser>;
type ProductView = RpcResponse<typeof Rpc.listProducts>[number];
type OrderDetails = RpcResponse<typeof Rpc.getOrder>;
type MailView = RpcResponse<typeof Rpc.listMailbox>[number];

/** How the catalogue stand-in misbehaves, to drive the gateway's fault handling. */
export type CatalogueFault = 'crash' | 'hang' | 'garbage' | undefined;

export const ADMIN = { email: 'admin@example.com', password: 'admin-password' } as const;

/**
 * What the stand-in services know, shared between them because, unlike the real services,
 * they do not exchange events: shipping an order here changes the order at once.
 */
@Injectable()
export class ShopState {
  readonly users = new Map<string, { view: UserView; password: string }>();
  readonly tokens = new Map<string, string>();
  readonly products: ProductView[] = [
    { sku: 'MUG', name: 'Mug', unitPrice: 900, currency: 'EUR', available: 10 },
    { sku: 'TEE', name: 'T-shirt', unitPrice: 1500, currency: 'EUR', available: 5 },
    { sku: 'CAP', name: 'Cap', unitPrice: 1200, currency: 'USD', available: 5 },
  ];
  readonly orders = new Map<string, OrderDetails>();

  /** Moves an order along as the saga would (the stand-ins keep what they are told). */
  setOrderStatus(orderId: string, status: OrderDetails['order']['status']): void {
    const found = this.orders.get(orderId);
    if (found === undefined) throw new Error(`no order ${orderId}`);
    Object.assign(found.order, { status });
  }
  readonly mails: MailView[] = [];
  catalogueFault: CatalogueFault;
  private sequence = 0;

  constructor() {
    this.addUser({ name: 'Admin', role: 'admin', ...ADMIN });
  }

  nextId(prefix: string): string {
    this.sequence += 1;
    return `${prefix}-${this.sequence}`;
  }

  addUser(input: { email: string; password: string; name: string; role: UserView['role'] }) {
    const view: UserView = {
      id: this.nextId('user'),
      email: input.email,
      name: input.name,
      role: input.role,
      createdAt: new Date().toISOString(),
    };
    this.users.set(view.id, { view, password: input.password });
    return view;
  }

  userByEmail(email: string) {
    return [...this.users.values()].find((user) => user.view.email === email);
  }
}

/** A signed-in user, made without going through the routes (the auth tests do that). */
export function signedIn(
  state: ShopState,
  email: string,
  role: 'customer' | 'admin' = 'customer',
): { user: ReturnType<ShopState['addUser']>; authorization: string } {
  const user = state.addUser({ email, password: 'password-1', name: email, role });
  state.tokens.set(`token-${user.id}`, user.id);
  return { user, authorization: `Bearer token-${user.id}` };
}
