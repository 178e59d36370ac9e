import { z } from 'zod';

/**
 * What a service answers when a request/response call fails for a reason the caller should
 * see. The gateway maps `code` to an HTTP status; anything else is a 500 and is logged.
 */
export const RpcErrorCode = z.enum([
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
]);
export type RpcErrorCode = z.infer<typeof RpcErrorCode>;

export const RpcErrorBody = z.object({
  code: RpcErrorCode,
  message: z.string(),
  details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type RpcErrorBody = z.infer<typeof RpcErrorBody>;

export const HTTP_STATUS_OF: Readonly<Record<RpcErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};
