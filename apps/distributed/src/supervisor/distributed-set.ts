import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { text } from '../config/env.js';
import { SERVICES, type ProcessName } from '../config/services.js';
import type { ChildSpec, SupervisedChild } from './supervised-child.js';
import { Supervisor, type SupervisorOptions } from './supervisor.js';

const BUILT = extname(fileURLToPath(import.meta.url)) === '.js';
/** `main.ts` beside this folder (`main.js` once built). */
const MAIN = fileURLToPath(new URL(`../main${BUILT ? '.js' : '.ts'}`, import.meta.url));
/** The production build's `main.js` (`npm run build`), wherever this file runs from. */
const BUILT_MAIN = fileURLToPath(
  new URL(BUILT ? '../main.js' : '../../dist/main.js', import.meta.url),
);

/**
 * `EVENTMART_SERVICES_FROM=build` runs the children from the production build with plain node
 * (no compiler at their start) even when this supervisor runs from the source; `source` (the
 * default) runs them as this process runs.
 */
function startFromBuild(env: NodeJS.ProcessEnv): boolean {
  const from = text(env, 'EVENTMART_SERVICES_FROM') ?? 'source';
  if (from !== 'source' && from !== 'build')
    throw new Error(`EVENTMART_SERVICES_FROM must be source or build, got "${from}"`);
  return from === 'build';
}

export interface LaunchedSet {
  readonly supervisor: Supervisor;
  /**
   * The gateway's HTTP address, once all seven printed their ready line. If one exits before
   * that, the others are stopped and it rejects: a half-started shop is not left running.
   */
  readonly ready: Promise<string>;
}

/**
 * How to run one process of the set, as `npm run start:<name>` does: node with `nodeArgs`
 * (by default this process's own flags, so `--import @swc-node/register/esm-register` and the
 * conditions carry over), then `main.ts <name>`; or, from the build, plain node and `main.js`.
 */
export function processSpec(
  name: ProcessName,
  env: NodeJS.ProcessEnv,
  nodeArgs: readonly string[] = process.execArgv,
): ChildSpec {
  const args = startFromBuild(env) && !BUILT ? [BUILT_MAIN, name] : [...nodeArgs, MAIN, name];
  return { name, command: process.execPath, args, env };
}

/** Starts every service and the gateway, one process each, with `env`. */
export function launchDistributedSet(
  env: NodeJS.ProcessEnv,
  options: SupervisorOptions = {},
): LaunchedSet {
  const supervisor = new Supervisor(SERVICES, options);
  const children = SERVICES.map((name) => supervisor.start(processSpec(name, env)));
  const ready = (async () => {
    try {
      const serves = await Promise.all(children.map((child) => readyOrExited(child)));
      const gateway = serves[SERVICES.indexOf('gateway')] ?? '';
      return gateway.replace(/^http /, '');
    } catch (error) {
      await supervisor.stop();
      throw error;
    }
  })();
  return { supervisor, ready };
}

/**
 * What the child serves once it printed its ready line; rejects if it exits first, or (with
 * `timeoutMs`) if it is not ready by then, leaving it running.
 */
export async function readyOrExited(child: SupervisedChild, timeoutMs?: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    if (timeoutMs !== undefined) timer = setTimeout(() => resolve({ late: true }), timeoutMs);
  });
  const outcome = await Promise.race([
    child.ready.then((serves) => ({ serves })),
    child.exited.then((exit) => ({ exit })),
    late,
  ]);
  clearTimeout(timer);
  if ('serves' in outcome) return outcome.serves;
  if ('exit' in outcome)
    throw new Error(
      `${child.spec.name} exited before it was ready (${JSON.stringify(outcome.exit)})`,
    );
  throw new Error(`${child.spec.name} was not ready after ${String(timeoutMs)} ms`);
}
