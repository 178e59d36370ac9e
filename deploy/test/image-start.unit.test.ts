import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEPLOY, ROOT } from './deploy-files.js';

const dockerfile = readFileSync(`${DEPLOY}Dockerfile`, 'utf8');
const startScript = readFileSync(`${DEPLOY}start.sh`, 'utf8');

describe("the image's start command", () => {
  it('is deploy/start.sh, which runs the production build with plain node', () => {
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/app\/deploy\/start\.sh"\]$/m);
    const exec = startScript.split('\n').find((line) => line.startsWith('exec '));
    expect(exec).toBe('exec node --enable-source-maps apps/distributed/dist/main.js "$service"');
  });

  // A fresh clone has no build yet: make it (about a second), so `npm test` alone runs this case.
  beforeAll(() => {
    if (!existsSync(`${ROOT}apps/distributed/dist/main.js`))
      execFileSync(process.execPath, [`${ROOT}tools/build/build.mjs`], {
        cwd: ROOT,
        stdio: 'ignore',
      });
  }, 60_000);

  it('starts the gateway from the build here, outside a container, and it writes its ready file', async () => {
    const readyFile = join(mkdtempSync(join(tmpdir(), 'eventmart-image-')), 'ready');
    const child = spawn('sh', [`${DEPLOY}start.sh`], {
      env: {
        PATH: process.env.PATH,
        SERVICE: 'gateway',
        PORT: '0',
        HOST: '127.0.0.1',
        EVENTMART_READY_FILE: readyFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const ready = await new Promise<string>((resolve, reject) => {
      const look = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = /ready: http (\S+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      child.once('exit', (code) => reject(new Error(`exited ${String(code)}:\n${output}`)));
    });
    try {
      expect(readFileSync(readyFile, 'utf8')).toBe(`ready: http ${ready}\n`);
      const docs = await fetch(`${ready}/docs-json`);
      expect(docs.status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses to start without SERVICE, naming the choices', async () => {
    const child = spawn('sh', [`${DEPLOY}start.sh`], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(2);
    expect(errors).toMatch(/SERVICE is not set: user, inventory/);
  });
});
