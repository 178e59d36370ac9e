import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '@eventmart/cli';
import { SERVICES } from '@eventmart/distributed';
import { openDatabase } from '@eventmart/postgres';
import { describeWithPostgres, pgTestUrl } from '@eventmart/testing';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { Api } from '../e2e/support/api.js';
import { kill, startSystemProcess, type SystemProcess } from '../e2e/support/process.js';
import { freePort } from '@eventmart/chaos';

/** Runs a statement on the test server's maintenance database. */
async function onServer(statement: string): Promise<void> {
  const server = await openDatabase({ url: pgTestUrl(), poolSize: 1 });
  try {
    await sql.raw(statement).execute(server.db);
  } finally {
    await server.close();
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describeWithPostgres('npm run start:distributed', () => {
  const name = `em_dist_all_${String(Date.now())}`;
  let dataDir: string | undefined;
  let running: SystemProcess | undefined;

  afterAll(async () => {
    if (running !== undefined) await kill(running, 'SIGTERM');
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
    await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('creates the database, runs the seven processes, prefixes their lines, and stops them all on Ctrl-C', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'eventmart-dist-'));
    const url = new URL(pgTestUrl());
    url.pathname = `/${name}`;
    const env: Record<string, string> = {
      DATABASE_URL: url.toString(),
      EVENTMART_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    };
    for (const service of SERVICES.filter((name) => name !== 'gateway'))
      env[`${service.toUpperCase()}_RPC_PORT`] = String(await freePort());
    running = await startSystemProcess(env, {
      args: ['apps/distributed/src/start-all.ts'],
      timeoutMs: 120_000,
    });
    const output = running.output();
    expect(output).toContain(`created the database`);
    for (const service of SERVICES) expect(output).toMatch(new RegExp(`^${service} +\\| `, 'm'));

    const api = new Api(running.url);
    const products = await api.get<unknown[]>('/products');
    expect(products.status).toBe(200);
    expect(products.body.length).toBeGreaterThan(0);
    const password = (await readFile(join(dataDir, 'admin-password'), 'utf8')).trim();
    const login = await api.post<{ accessToken: string }>('/auth/login', {
      email: 'admin@eventmart.local',
      password,
    });
    expect(login.status).toBe(200);

    // Every process answers for its failures, payment included: the CLI hears from them all.
    for (const group of ['dead-letters', 'parked']) {
      let stdout = '';
      const code = await runCli([group, 'list', '--json'], {
        env: { EVENTMART_URL: running.url, EVENTMART_TOKEN: login.body.accessToken },
        stdout: (text) => (stdout += text),
        stderr: (text) => (stdout += text),
      });
      expect({
        group,
        code,
        unavailable: (JSON.parse(stdout) as { unavailable: unknown }).unavailable,
      }).toEqual({ group, code: 0, unavailable: [] });
    }

    // Each child's pid, from its logger's prefix: "[user] 12345  - …".
    const pids = [...output.matchAll(/^\S+ +\| \[[a-z]+\] (\d+) /gm)].map((m) => Number(m[1]));
    expect(new Set(pids).size).toBe(SERVICES.length);

    await kill(running, 'SIGINT');
    expect(running.child.exitCode).toBe(0);
    for (const service of SERVICES)
      expect(running.output()).toMatch(new RegExp(`^${service} +\\| stopped \\(SIGTERM\\)`, 'm'));
    expect(pids.filter(alive)).toEqual([]);
  });
});
