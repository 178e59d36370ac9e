import { fileURLToPath } from 'node:url';
import { EventingModule } from '@eventmart/nestjs';
import { Module } from '@nestjs/common';
import { InventoryRpcController } from './api/inventory.rpc-controller.js';
import { InventoryCatalogue } from './application/inventory-catalogue.js';
import { InventoryStore } from './application/inventory-store.port.js';
import { ProductQueries } from './application/product-queries.js';
import { ReleaseStockOnOrderCancelled } from './application/release-stock.handler.js';
import { ReserveStockOnOrderPlaced } from './application/reserve-stock.handler.js';
import { SellStockOnOrderShipped } from './application/sell-stock.handler.js';
import { KyselyInventoryStore } from './infrastructure/kysely-inventory-store.js';

export const INVENTORY_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** The inventory service: products, stock and reservations in the `inventory` schema. */
@Module({
  imports: [
    EventingModule.forFeature({
      service: 'inventory',
      schema: 'inventory',
      migrations: [INVENTORY_MIGRATIONS_DIR],
    }),
  ],
  controllers: [InventoryRpcController],
  providers: [
    { provide: InventoryStore, useClass: KyselyInventoryStore },
    ReserveStockOnOrderPlaced,
    ReleaseStockOnOrderCancelled,
    SellStockOnOrderShipped,
    InventoryCatalogue,
    ProductQueries,
  ],
  exports: [InventoryCatalogue, ProductQueries],
})
export class InventoryModule {}
