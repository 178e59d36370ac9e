import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { flag, text, type Env } from '../config/env.js';
import type { ServiceName } from '../config/services.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@eventmart.local';

/**
 * What a service sets up at every start, idempotently (several processes of one service may
 * run it at once): inventory upserts the demo catalogue (new SKUs only get stock; stock moved
 * by orders is kept), user ensures the admin account. Other services have nothing to do.
 */
export async function runStartupTasks(
  service: ServiceName,
  app: INestApplicationContext,
  env: Env,
  logger: LoggerService,
): Promise<void> {
  if (service === 'inventory' && flag(env, 'SEED_CATALOGUE', true)) {
    const { DEMO_CATALOGUE, InventoryCatalogue } = await import('@eventmart/service-inventory');
    await app.get(InventoryCatalogue, { strict: false }).upsert(DEMO_CATALOGUE);
  }
  if (service === 'user') {
    const email = text(env, 'ADMIN_EMAIL') ?? DEFAULT_ADMIN_EMAIL;
    const password = text(env, 'ADMIN_PASSWORD');
    if (password === undefined) {
      logger.warn('ADMIN_PASSWORD is not set: no admin account is ensured', 'Startup');
      return;
    }
    const { AdminAccounts } = await import('@eventmart/service-user');
    await app.get(AdminAccounts, { strict: false }).ensureAdmin(email, password, 'Administrator');
  }
}
