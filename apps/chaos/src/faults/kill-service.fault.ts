import type { Random } from '../random.js';
import { BACKEND_SERVICES, type DistributedShop } from '../system/distributed-shop.js';
import type { FaultLog } from './fault-log.js';

/**
 * SIGKILL of a random service process (never the gateway: the customers' door stays open and
 * answers 503 for what the dead service served), then the same process started again on the
 * same port, as an operator or an orchestrator would. Resolves once it serves again.
 */
export function killService(shop: DistributedShop, random: Random, log: FaultLog) {
  return async (): Promise<void> => {
    const victim = random.pick(BACKEND_SERVICES);
    log.record('kill', `SIGKILL ${victim} (pid ${String(shop.pid(victim))})`);
    await shop.kill(victim, 'SIGKILL');
    const started = Date.now();
    await shop.restart(victim);
    log.note(
      `${victim} restarted (pid ${String(shop.pid(victim))}), serving after ${String(Date.now() - started)} ms`,
    );
  };
}
