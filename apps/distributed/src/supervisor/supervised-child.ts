import { spawn, type ChildProcess } from 'node:child_process';
import { READY_PATTERN } from '../process/running-process.js';
import { LineSplitter } from './line-splitter.js';

export interface ChildSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Its working directory; default this process's. */
  readonly cwd?: string;
}

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * One process of the set: its output as lines (stdout and stderr alike), a promise of its
 * ready line's address, and a promise of its exit.
 */
export class SupervisedChild {
  readonly process: ChildProcess;
  /** What it serves once ready (`http http://…`, `rpc tcp://…`, `events`). */
  readonly ready: Promise<string>;
  readonly exited: Promise<ChildExit>;

  constructor(
    readonly spec: ChildSpec,
    onLine: (line: string) => void,
  ) {
    // Its own process group: a Ctrl-C on the terminal reaches the supervisor only, which
    // then stops the children in order instead of all of them being interrupted at once.
    this.process = spawn(spec.command, spec.args, {
      env: spec.env,
      cwd: spec.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let markReady: (serves: string) => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    const forward = (line: string): void => {
      const match = READY_PATTERN.exec(line);
      if (match !== null) markReady([match[1], match[2]].filter(Boolean).join(' '));
      onLine(line);
    };
    const out = new LineSplitter(forward);
    const err = new LineSplitter(forward);
    this.process.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    this.process.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    this.exited = new Promise((resolve) => {
      this.process.once('error', (error) => {
        onLine(`could not be started: ${error.message}`);
        resolve({ code: null, signal: null });
      });
      this.process.once('close', (code, signal) => {
        out.end();
        err.end();
        resolve({ code, signal });
      });
    });
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) this.process.kill(signal);
  }
}
