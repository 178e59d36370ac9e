// Start to ready, from the source (compiled at load time by @swc-node/register) and from the
// production build (`npm run build`, plain node): one service process (inventory, on a fresh
// PostgreSQL database), the whole embedded system (on a fresh PGlite directory), and the whole
// distributed set (seven processes). The clock runs from spawn to the process's ready line.
// Run: npm run build && npm run bench:start [-- --runs 3 --distributed-runs 1]
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'distributed-runs': { type: 'string', default: '1' },
  },
});
const SERVER = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const FROM_SOURCE = [
  '--conditions=@eventmart/source',
  '--import',
  '@swc-node/register/esm-register',
];
const SOURCE_ENV = { SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') };
const TIMEOUT_MS = 300_000;
/** Ports of its own for the distributed set, so a shop running on the defaults does not collide. */
const BENCH_PORTS = {
  PORT: '0',
  USER_RPC_PORT: '14001',
  INVENTORY_RPC_PORT: '14002',
  ORDER_RPC_PORT: '14003',
  FULFILLMENT_RPC_PORT: '14004',
  NOTIFICATION_RPC_PORT: '14005',
};

type Mode = 'source' | 'build';
interface Target {
  readonly name: string;
  readonly ready: RegExp;
  args(mode: Mode): string[];
  /** A fresh environment per run (its own database or data directory) and how to clean up. */
  prepare(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
}

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `eventmart_bench_${String(process.pid)}_${String(Date.now())}`;
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: SERVER });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

const entry = (workspace: string, file: string, mode: Mode): string[] =>
  mode === 'source'
    ? [...FROM_SOURCE, join(ROOT, workspace, 'src', `${file}.ts`)]
    : ['--enable-source-maps', join(ROOT, workspace, 'dist', `${file}.js`)];

const onPostgres = (extra: Record<string, string>) => async () => {
  const database = await freshDatabase();
  return { env: { DATABASE_URL: database.url, ...extra }, cleanup: database.drop };
};

const TARGETS: readonly Target[] = [
  {
    name: 'one service (inventory)',
    ready: /ready: rpc /,
    args: (mode) => [...entry('apps/distributed', 'main', mode), 'inventory'],
    prepare: onPostgres({ INVENTORY_RPC_PORT: '0' }),
  },
  {
    name: 'embedded system',
    ready: /^eventmart is running/m,
    args: (mode) => entry('apps/embedded', 'main', mode),
    prepare: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'eventmart-bench-'));
      return {
        env: { EVENTMART_DATA_DIR: dir, PORT: '0' },
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'distributed set (7 processes)',
    ready: /^eventmart is running/m,
    args: (mode) => entry('apps/distributed', 'start-all', mode),
    prepare: async () => {
      const database = await freshDatabase();
      const dir = await mkdtemp(join(tmpdir(), 'eventmart-bench-'));
      return {
        env: { DATABASE_URL: database.url, EVENTMART_DATA_DIR: dir, ...BENCH_PORTS },
        cleanup: async () => {
          await database.drop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

/** Milliseconds from spawn to the ready line; the process is then stopped with SIGTERM. */
async function timeToReady(target: Target, mode: Mode): Promise<number> {
  const { env, cleanup } = await target.prepare();
  const started = performance.now();
  const child = spawn(process.execPath, target.args(mode), {
    cwd: ROOT,
    env: { ...process.env, ...(mode === 'source' ? SOURCE_ENV : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not ready after ${String(TIMEOUT_MS)} ms`)),
        TIMEOUT_MS,
      );
      const look = (chunk: Buffer): void => {
        output += chunk.toString();
        if (target.ready.test(output)) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited (${String(code)}) before ready:\n${output.slice(-2000)}`));
      });
    });
  } finally {
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await exited;
    await cleanup();
  }
}

const median = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const results = [];
for (const target of TARGETS) {
  const runs = Number(
    target.name.startsWith('distributed') ? values['distributed-runs'] : values.runs,
  );
  for (const mode of ['source', 'build'] as const) {
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) {
      const ms = await timeToReady(target, mode);
      samples.push(Math.round(ms));
      process.stdout.write(`${target.name}, ${mode}: ${(ms / 1000).toFixed(1)} s\n`);
    }
    results.push({ target: target.name, mode, samplesMs: samples, medianMs: median(samples) });
  }
}
const recorded = {
  measuredAt: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  loadAverage: (await import('node:os')).loadavg().map((load) => Number(load.toFixed(2))),
  results,
};
await writeFile(
  join(ROOT, 'bench/results/start-to-ready.json'),
  `${JSON.stringify(recorded, null, 2)}\n`,
);
for (const { target, mode, medianMs } of results)
  process.stdout.write(
    `${target.padEnd(30)} ${mode.padEnd(6)} median ${(medianMs / 1000).toFixed(1)} s\n`,
  );
