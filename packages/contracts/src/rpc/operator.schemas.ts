import { z } from 'zod';
import type { RpcPattern } from './patterns.js';

// Building blocks of the operator patterns each service answers (dead letters, parked events).

export const When = z.iso.datetime({ offset: true });
export const Text = z.string().min(1).max(200);

/** A page of a list: `limit` items at most, after `offset`. */
export const PageRequest = {
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
};

export const ListResponse = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), total: z.number().int() });

/** An operator's action on a selection, `extra` between who asks and why. */
export const ActionRequest = <Selection extends z.ZodType, Extra extends z.ZodRawShape>(
  selection: Selection,
  extra: Extra,
) =>
  z.object({
    selection,
    /** Who acts: the administrator, as the gateway knows them. */
    actor: Text,
    ...extra,
    note: z.string().max(500).optional(),
  });

export function operatorPattern<Req extends z.ZodType, Res extends z.ZodType>(
  name: string,
  request: Req,
  response: Res,
): RpcPattern<Req, Res> {
  return Object.freeze({ name, request, response });
}
