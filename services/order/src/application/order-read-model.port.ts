import type { Rpc, RpcResponse } from '@eventmart/contracts';
import type { Db, Tx } from '@eventmart/eventing';

/** An order as queries answer it (the response of Rpc.getOrder and the others). */
export type OrderView = RpcResponse<typeof Rpc.placeOrder>;

/** The `orders` table: the latest state of every order, for queries. */
export abstract class OrderReadModel {
  /**
   * Writes the order's row in the transaction that appended its events. A view older than
   * the row (a lower version) leaves the row as it is.
   */
  abstract save(tx: Tx, view: OrderView): Promise<void>;

  abstract find(db: Db, orderId: string): Promise<OrderView | undefined>;

  /** The customer's orders, most recently placed first. */
  abstract listByCustomer(db: Db, customerId: string): Promise<OrderView[]>;
}
