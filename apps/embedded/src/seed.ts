import { DEMO_CATALOGUE, InventoryCatalogue } from '@eventmart/service-inventory';
import { AdminAccounts } from '@eventmart/service-user';
import type { INestApplicationContext } from '@nestjs/common';
import type { EmbeddedConfig } from './config.js';

/**
 * Idempotent: the demo catalogue is upserted and the admin account created or kept, so every
 * start can run it. Stock already changed by orders is not reset (upsert only adds products).
 */
export async function seed(app: INestApplicationContext, config: EmbeddedConfig): Promise<void> {
  await app
    .get(AdminAccounts, { strict: false })
    .ensureAdmin(config.admin.email, config.admin.password, 'Administrator');
  if (config.seedCatalogue)
    await app.get(InventoryCatalogue, { strict: false }).upsert(DEMO_CATALOGUE);
}
