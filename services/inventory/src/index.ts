export { InventoryModule, INVENTORY_MIGRATIONS_DIR } from './inventory.module.js';
export {
  DEFAULT_RESERVATION_TTL_MS,
  inventorySettings,
  type InventoryModuleOptions,
} from './application/inventory-settings.js';
export { InventoryCatalogue } from './application/inventory-catalogue.js';
export { ProductQueries, type ProductLookup } from './application/product-queries.js';
export { DEMO_CATALOGUE } from './demo-catalogue.js';
export { CatalogueEntry, type Product } from './domain/product.js';
export type { StockLevel } from './domain/stock-level.js';
export { InventoryStore } from './application/inventory-store.port.js';
