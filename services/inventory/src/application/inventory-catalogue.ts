import { EventPublisher } from '@eventmart/eventing';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { CatalogueEntry } from '../domain/product.js';
import { setAvailable } from '../domain/stock-level.js';
import { InventoryStore } from './inventory-store.port.js';

/** Loads products and counts stock: for the launcher's demo catalogue, operators and tests. */
@Injectable()
export class InventoryCatalogue {
  constructor(
    private readonly store: InventoryStore,
    private readonly publisher: EventPublisher,
  ) {}

  /**
   * Adds the SKUs that are new, with `stock` available, and updates the name and price of the
   * others. Existing stock is left alone, so seeding again at every start loses no reservation.
   */
  async upsert(entries: readonly CatalogueEntry[]): Promise<void> {
    const valid = z.array(CatalogueEntry).parse(entries);
    const skus = valid.map((entry) => entry.sku);
    if (new Set(skus).size !== skus.length) throw new Error('a SKU appears twice in the catalogue');
    await this.publisher.unitOfWork((tx) => this.store.upsertProducts(tx, valid));
  }

  /**
   * Sets the units available for sale (a stock count, a restock). Reserved and sold units
   * belong to orders and do not change; the SKU's total moves with the count.
   */
  async setStock(sku: string, available: number): Promise<void> {
    await this.publisher.unitOfWork(async (tx) => {
      const level = (await this.store.lockStock(tx, [sku])).get(sku);
      if (level === undefined) throw new Error(`unknown SKU ${sku}`);
      await this.store.saveStock(tx, [setAvailable(level, available)]);
    });
  }
}
