import { fileURLToPath } from 'node:url';
import { EventingModule } from '@eventmart/nestjs';
import { Module, type DynamicModule } from '@nestjs/common';
import { InventoryRpcController } from './api/inventory.rpc-controller.js';
import { ConfirmReservationOnOrderConfirmed } from './application/confirm-reservation.handler.js';
import { InventoryCatalogue } from './application/inventory-catalogue.js';
import {
  INVENTORY_SCHEMA,
  INVENTORY_SETTINGS,
  inventorySettings,
  type InventoryModuleOptions,
} from './application/inventory-settings.js';
import { InventoryStore } from './application/inventory-store.port.js';
import { ProductQueries } from './application/product-queries.js';
import { ReleaseReservation } from './application/release-reservation.js';
import { ReleaseStockOnOrderCancelled } from './application/release-stock.handler.js';
import { ReservationExpiry } from './application/reservation-expiry.js';
import { ReserveStockOnOrderPlaced } from './application/reserve-stock.handler.js';
import { SellStockOnOrderShipped } from './application/sell-stock.handler.js';
import { KyselyInventoryStore } from './infrastructure/kysely-inventory-store.js';

export const INVENTORY_MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * The inventory service: products, stock and reservations in the `inventory` schema. Imported
 * as is, it takes its settings from the environment; `InventoryModule.forRoot(options)` sets
 * them in code.
 */
@Module({
  imports: [
    EventingModule.forFeature({
      service: 'inventory',
      schema: INVENTORY_SCHEMA,
      migrations: [INVENTORY_MIGRATIONS_DIR],
    }),
  ],
  controllers: [InventoryRpcController],
  providers: [
    { provide: InventoryStore, useClass: KyselyInventoryStore },
    ReserveStockOnOrderPlaced,
    ReleaseStockOnOrderCancelled,
    ConfirmReservationOnOrderConfirmed,
    SellStockOnOrderShipped,
    ReleaseReservation,
    ReservationExpiry,
    InventoryCatalogue,
    ProductQueries,
    // Read when the module is instantiated, so a bad setting fails at startup.
    { provide: INVENTORY_SETTINGS, useFactory: () => inventorySettings() },
  ],
  exports: [InventoryCatalogue, ProductQueries],
})
export class InventoryModule {
  /** The module with settings given in code (they win over the environment). */
  static forRoot(options: InventoryModuleOptions = {}): DynamicModule {
    const settings = inventorySettings(options);
    return {
      module: InventoryModule,
      providers: [{ provide: INVENTORY_SETTINGS, useValue: settings }],
    };
  }
}
