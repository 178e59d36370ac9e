import { SupervisedChild, type ChildExit, type ChildSpec } from './supervised-child.js';

const COLOURS = [36, 33, 35, 32, 34, 31, 96] as const;

export interface SupervisorOptions {
  /** Where prefixed lines go. Default: stdout. */
  readonly write?: (line: string) => void;
  /** Colour the name column (on a terminal). */
  readonly colours?: boolean;
  /** How long `stop` waits for a child after SIGTERM before it kills it. Default 20 s. */
  readonly stopTimeoutMs?: number;
}

/**
 * Runs a set of processes side by side, each line of theirs prefixed with its name. It
 * restarts nothing: a process that exits is reported and stays down. `stop` sends SIGTERM
 * to every child, waits for them, and SIGKILLs what is still running after the timeout.
 */
export class Supervisor {
  readonly children: SupervisedChild[] = [];
  /** Children killed on purpose (kill): their exit is no surprise. */
  private readonly killed = new WeakSet<SupervisedChild>();
  private readonly write: (line: string) => void;
  private readonly width: number;
  private stopping: Promise<void> | undefined;

  constructor(
    names: readonly string[],
    private readonly options: SupervisorOptions = {},
  ) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.width = Math.max(...names.map((name) => name.length));
    // Detached children outlive the supervisor unless it takes them along, even on a crash.
    process.once('exit', () => {
      for (const child of this.children) child.signal('SIGKILL');
    });
  }

  start(spec: ChildSpec): SupervisedChild {
    return this.launch(spec, this.children.length);
  }

  /**
   * Kills a child on purpose (a test, the chaos harness): its exit is reported as asked for,
   * not as a crash. Resolves once it has exited.
   */
  async kill(child: SupervisedChild, signal: NodeJS.Signals): Promise<ChildExit> {
    this.killed.add(child);
    child.signal(signal);
    return await child.exited;
  }

  /** Starts a child that has exited again, from its spec, in its place among the children. */
  restart(child: SupervisedChild): SupervisedChild {
    const index = this.children.indexOf(child);
    if (index === -1) throw new Error(`${child.spec.name} is not a child of this supervisor`);
    if (child.running) throw new Error(`${child.spec.name} is still running`);
    return this.launch(child.spec, index);
  }

  /** Stops every child (SIGTERM, then SIGKILL after the timeout); safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const timeoutMs = this.options.stopTimeoutMs ?? 20_000;
      await Promise.all(
        this.children.map(async (child, index) => {
          const label = this.label(child.spec.name, index);
          child.signal('SIGTERM');
          const timer = setTimeout(() => {
            this.write(`${label} still running after ${String(timeoutMs)} ms: killed`);
            child.signal('SIGKILL');
          }, timeoutMs);
          const exit = await child.exited;
          clearTimeout(timer);
          this.write(`${label} stopped (${describe(exit)})`);
        }),
      );
    })();
    return this.stopping;
  }

  private launch(spec: ChildSpec, index: number): SupervisedChild {
    const label = this.label(spec.name, index);
    const child = new SupervisedChild(spec, (line) => this.write(`${label} ${line}`));
    this.children[index] = child;
    void child.exited.then((exit) => {
      if (this.stopping !== undefined) return;
      if (this.killed.has(child)) this.write(`${label} killed (${describe(exit)})`);
      else this.write(`${label} exited (${describe(exit)}); not restarted`);
    });
    return child;
  }

  private label(name: string, index: number): string {
    const text = `${name.padEnd(this.width)} |`;
    if (this.options.colours !== true) return text;
    return `\u001b[${String(COLOURS[index % COLOURS.length])}m${text}\u001b[0m`;
  }
}

function describe(exit: ChildExit): string {
  return exit.signal ?? `exit code ${String(exit.code)}`;
}
