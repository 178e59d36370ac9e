import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface SystemProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
}

export interface SystemProcessOptions {
  /** The entry and its arguments, from the repository root. Default: the embedded system. */
  readonly args?: readonly string[];
  /** A line saying it serves; its first group is the `url`. Default: the embedded API line. */
  readonly ready?: RegExp;
  /** Default 60 s. */
  readonly timeoutMs?: number;
}

/**
 * Runs the embedded system as `npm start` does (or another entry, see options), in its own
 * process; answers once it serves.
 */
export async function startSystemProcess(
  env: Record<string, string>,
  options: SystemProcessOptions = {},
): Promise<SystemProcess> {
  const { args = ['apps/embedded/src/main.ts'], ready = /API\s+(http:\/\/\S+)/ } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(
    process.execPath,
    ['--conditions=@eventmart/source', '--import', '@swc-node/register/esm-register', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.json', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the system did not start in ${String(timeoutMs)} ms:\n${output}`)),
      timeoutMs,
    );
    child.stdout?.on('data', () => {
      const match = ready.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the system exited with ${String(code)}:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

export function kill(system: SystemProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (system.child.exitCode !== null) return resolve();
    system.child.once('exit', () => resolve());
    system.child.kill(signal);
  });
}
