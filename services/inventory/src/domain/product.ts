import { Currency, Money, Sku } from '@eventmart/contracts';
import { z } from 'zod';
import type { StockLevel } from './stock-level.js';

/** A product as sold: its catalogue entry and its stock. */
export interface Product extends StockLevel {
  readonly name: string;
  /** In minor units (cents) of `currency`. */
  readonly unitPrice: number;
  readonly currency: string;
}

/** One entry of a catalogue to load: `stock` is the units available when the SKU is new. */
export const CatalogueEntry = z.object({
  sku: Sku,
  name: z.string().min(1).max(200),
  unitPrice: Money,
  currency: Currency,
  stock: z.number().int().min(0),
});
export type CatalogueEntry = z.infer<typeof CatalogueEntry>;
