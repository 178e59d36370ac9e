import type { Rpc, RpcResponse } from '@eventmart/contracts';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { field: string; message: string }[];
  correlationId: string;
}

export type OrderView = RpcResponse<typeof Rpc.placeOrder>;
export type OrderDetails = RpcResponse<typeof Rpc.getOrder>;
export type UserView = RpcResponse<typeof Rpc.getUser>;
export type LoginAnswer = RpcResponse<typeof Rpc.login>;
export type MailView = RpcResponse<typeof Rpc.listMailbox>[number];

/** A response body, typed as the route documents it. */
export const bodyOf = <T>(response: { body: unknown }): T => response.body as T;

export const errorOf = (response: { body: unknown }): ErrorBody => response.body as ErrorBody;

/** The fields a 400 names, in order. */
export const fieldsOf = (response: { body: unknown }): string[] =>
  errorOf(response).details?.map((detail) => detail.field) ?? [];
