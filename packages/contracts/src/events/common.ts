import { z } from 'zod';

/** Money is an integer count of the currency's minor unit (cents), never a float. */
export const Money = z.number().int().min(0);
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');
export const Sku = z.string().min(1).max(64);
export const Quantity = z.number().int().min(1);
export const Id = z.string().min(1).max(128);

export const StockLine = z.object({ sku: Sku, quantity: Quantity });
