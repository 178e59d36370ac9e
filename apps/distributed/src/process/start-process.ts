import type { LoggerService } from '@nestjs/common';
import type { Env } from '../config/env.js';
import type { ProcessName } from '../config/services.js';
import type { RunningProcess } from './running-process.js';

/**
 * Starts what `main.ts <name>` runs, configured from `env`. The gateway and the services
 * are loaded on demand: neither compiles the other's code.
 */
export async function startProcess(
  name: ProcessName,
  env: Env,
  logger: LoggerService,
): Promise<RunningProcess> {
  if (name === 'gateway') {
    const { loadGatewayConfig } = await import('../config/gateway-config.js');
    const { startGateway } = await import('./start-gateway.js');
    return startGateway(loadGatewayConfig(env), logger);
  }
  const { loadServiceConfig } = await import('../config/service-config.js');
  const { startService } = await import('./start-service.js');
  return startService(loadServiceConfig(name, env), logger);
}
