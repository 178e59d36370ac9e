import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES } from '../config/services.js';
import type { SupervisedChild } from './supervised-child.js';
import { Supervisor, type SupervisorOptions } from './supervisor.js';

/** `main.ts` beside this folder (`main.js` once built), run with this process's flags. */
const MAIN = fileURLToPath(
  new URL(`../main${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

export interface LaunchedSet {
  readonly supervisor: Supervisor;
  /**
   * The gateway's HTTP address, once all seven printed their ready line. If one exits before
   * that, the others are stopped and it rejects: a half-started shop is not left running.
   */
  readonly ready: Promise<string>;
}

/** Starts every service and the gateway, one process each, with `env`. */
export function launchDistributedSet(
  env: NodeJS.ProcessEnv,
  options: SupervisorOptions = {},
): LaunchedSet {
  const supervisor = new Supervisor(SERVICES, options);
  const children = SERVICES.map((name) =>
    supervisor.start({
      name,
      command: process.execPath,
      // The loader flags (`--import @swc-node/register/esm-register`, conditions) carry over.
      args: [...process.execArgv, MAIN, name],
      env,
    }),
  );
  const ready = (async () => {
    try {
      const serves = await Promise.all(children.map(readyOrExited));
      const gateway = serves[SERVICES.indexOf('gateway')] ?? '';
      return gateway.replace(/^http /, '');
    } catch (error) {
      await supervisor.stop();
      throw error;
    }
  })();
  return { supervisor, ready };
}

async function readyOrExited(child: SupervisedChild): Promise<string> {
  const outcome = await Promise.race([
    child.ready.then((serves) => ({ serves })),
    child.exited.then((exit) => ({ exit })),
  ]);
  if ('serves' in outcome) return outcome.serves;
  throw new Error(
    `${child.spec.name} exited before it was ready (${JSON.stringify(outcome.exit)})`,
  );
}
