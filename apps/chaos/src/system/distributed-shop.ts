import { fileURLToPath } from 'node:url';
import type { SqlDatabase } from '@eventmart/eventing';
import {
  SERVICES,
  Supervisor,
  envPrefix,
  processSpec,
  readyOrExited,
  type ChildExit,
  type ProcessName,
  type ServiceName,
  type SupervisedChild,
} from '@eventmart/distributed';
import { openDatabase } from '@eventmart/postgres';
import { freePort } from './free-port.js';
import { ProcessOutput } from './process-output.js';
import { SHOP_SETTINGS } from './shop-settings.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** As `npm run start:<service>` runs a process: TypeScript sources compiled by SWC on load. */
const SOURCE_LOADER = [
  '--conditions=@eventmart/source',
  '--import',
  '@swc-node/register/esm-register',
] as const;

/** The services (every process but the gateway), in start order. */
export const BACKEND_SERVICES = SERVICES.filter((name): name is ServiceName => name !== 'gateway');

/**
 * How long a process may take to print its ready line, by default: seven processes compiling
 * their TypeScript at once take about 20 s on two idle cores, several times that on a loaded
 * machine.
 */
export const DEFAULT_START_TIMEOUT_MS = 120_000;

/** The application name of the harness's own connections, which faults must never touch. */
export const HARNESS_APPLICATION_NAME = 'eventmart-chaos';

export interface DistributedShopOptions {
  /** The database of every service and (without Kafka) the event log; it must exist. */
  readonly databaseUrl: string;
  /** For every process, over the shop's settings: KAFKA_BROKERS, fault settings and the like. */
  readonly env?: Readonly<Record<string, string>>;
  /** Where the processes' lines go, prefixed with their name. Default: kept for errors only. */
  readonly write?: (line: string) => void;
  /**
   * A process that had been serving exited by itself (a crash, not a kill or a stop): its
   * name, how it ended, and its last lines.
   */
  readonly onExit?: (name: ProcessName, how: string, lastLines: string) => void;
  /** A restarted process that exited before it served; it is started again, up to 3 times. */
  readonly onFailedStart?: (name: ProcessName, why: string) => void;
  /** How long a process may take to print its ready line. Default DEFAULT_START_TIMEOUT_MS. */
  readonly startTimeoutMs?: number;
}

/**
 * The shop as distributed mode runs it: each service in its own OS process, started exactly
 * as `npm run start:<service>` does (apps/distributed's main.ts), the gateway in front of
 * them over TCP on free ports, and a pool of the harness's own on the shop's database.
 * A service can be killed and started again on the same port.
 */
export class DistributedShop {
  private readonly children = new Map<ProcessName, SupervisedChild>();
  /** Processes killed on purpose: their exit is no crash. */
  private readonly killed = new WeakSet<SupervisedChild>();
  private stopping = false;
  #url = '';
  #database: SqlDatabase | undefined;

  private constructor(
    /** What every process was started with. */
    readonly env: Readonly<Record<string, string>>,
    private readonly supervisor: Supervisor,
    private readonly output: ProcessOutput,
    private readonly options: DistributedShopOptions,
  ) {}

  static async start(options: DistributedShopOptions): Promise<DistributedShop> {
    const env: Record<string, string> = {
      ...SHOP_SETTINGS,
      DATABASE_URL: options.databaseUrl,
      SWC_NODE_PROJECT: `${ROOT}tsconfig.json`,
      PORT: '0',
      ...options.env,
    };
    for (const name of BACKEND_SERVICES) {
      env[`${envPrefix(name)}_RPC_PORT`] = String(await freePort());
    }
    const output = new ProcessOutput(options.write);
    const supervisor = new Supervisor(SERVICES, { write: output.write, stopTimeoutMs: 15_000 });
    const shop = new DistributedShop(env, supervisor, output, options);
    for (const name of SERVICES) shop.launch(name);
    try {
      // All settled before giving up on one: none is left running unseen.
      const started = await Promise.allSettled(SERVICES.map((name) => shop.ready(name)));
      const failed = started.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      const gateway = started[SERVICES.indexOf('gateway')];
      shop.#url = gateway?.status === 'fulfilled' ? gateway.value.replace(/^http /, '') : '';
      shop.#database = await openDatabase({
        url: options.databaseUrl,
        poolSize: 4,
        applicationName: HARNESS_APPLICATION_NAME,
      });
      return shop;
    } catch (error) {
      shop.stopping = true;
      await supervisor.stop();
      throw error;
    }
  }

  /** The gateway's HTTP address. */
  get url(): string {
    return this.#url;
  }

  /** The harness's pool, to look at what the services stored. */
  get database(): SqlDatabase {
    if (this.#database === undefined) throw new Error('the shop has not started');
    return this.#database;
  }

  /** The process id of a running process. */
  pid(name: ProcessName): number | undefined {
    const child = this.child(name);
    return child.running ? child.process.pid : undefined;
  }

  /** Sends `signal` and waits for the process to exit. */
  kill(name: ProcessName, signal: NodeJS.Signals): Promise<ChildExit> {
    const child = this.child(name);
    this.killed.add(child);
    return this.supervisor.kill(child, signal);
  }

  /**
   * Starts a process that exited again, as it was started (same port), and waits until it
   * serves. One that exits before it serves (its database connection cut while it starts, say)
   * is started again, as an orchestrator would, up to 3 times.
   */
  async restart(name: ProcessName): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      this.launch(name, this.child(name));
      try {
        await this.ready(name);
        return;
      } catch (error) {
        if (attempt >= 3 || this.child(name).running) throw error;
        this.options.onFailedStart?.(name, (error as Error).message);
      }
    }
  }

  /** Stops every process (SIGTERM, then SIGKILL) and closes the harness's pool. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.supervisor.stop();
    await this.#database?.close();
  }

  private launch(name: ProcessName, previous?: SupervisedChild): void {
    const child =
      previous === undefined
        ? this.supervisor.start({
            ...processSpec(name, { ...process.env, ...this.env }, SOURCE_LOADER),
            cwd: ROOT,
          })
        : this.supervisor.restart(previous);
    this.children.set(name, child);
    let served = false;
    void child.ready.then(() => (served = true));
    void child.exited.then((exit) => {
      if (this.stopping || this.killed.has(child) || !served) return;
      const how = exit.signal ?? `exit code ${String(exit.code)}`;
      this.options.onExit?.(name, how, this.output.tail(name, 15));
    });
  }

  /** What the process serves, once it says so; rejects, with its last lines, if it cannot. */
  private async ready(name: ProcessName): Promise<string> {
    try {
      return await readyOrExited(
        this.child(name),
        this.options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; its last lines:\n${this.output.tail(name)}`, {
        cause: error,
      });
    }
  }

  private child(name: ProcessName): SupervisedChild {
    const child = this.children.get(name);
    if (child === undefined) throw new Error(`${name} was never started`);
    return child;
  }
}
