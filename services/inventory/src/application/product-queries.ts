import { Injectable } from '@nestjs/common';
import type { Product } from '../domain/product.js';
import { InventoryStore } from './inventory-store.port.js';

export type ProductLookup =
  | { readonly found: true; readonly products: Product[] }
  | { readonly found: false; readonly missing: string[] };

/** Reads the catalogue and its stock (committed state). */
@Injectable()
export class ProductQueries {
  constructor(private readonly store: InventoryStore) {}

  list(): Promise<Product[]> {
    return this.store.products();
  }

  /** The products in the order asked (each once), or every SKU that does not exist. */
  async get(skus: readonly string[]): Promise<ProductLookup> {
    const wanted = [...new Set(skus)];
    const bySku = new Map((await this.store.products(wanted)).map((p) => [p.sku, p]));
    const missing = wanted.filter((sku) => !bySku.has(sku));
    if (missing.length > 0) return { found: false, missing };
    return { found: true, products: wanted.flatMap((sku) => bySku.get(sku) ?? []) };
  }
}
