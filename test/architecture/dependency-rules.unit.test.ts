import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the project's .dependency-cruiser.cjs over a throwaway tree in which every file imports
// exactly one thing, and checks that exactly the expected files break exactly the expected rules.

const root = fileURLToPath(new URL('../..', import.meta.url));
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = join(root, '.dependency-cruiser.cjs');

const contracts = 'packages/contracts/src';
const eventing = 'packages/eventing/src';
const postgres = 'packages/postgres/src';
const order = 'services/order/src';

/** Per rule, [file, what the file imports]: each must be reported, and nothing else. */
const violations: Record<string, [file: string, specifier: string][]> = {
  'contracts-only-zod': [
    [`${contracts}/hash.ts`, 'node:crypto'],
    [`${contracts}/id.ts`, 'uuid'],
  ],
  'eventing-core-no-infrastructure': [
    [`${eventing}/kafka.ts`, 'kafkajs'],
    [`${eventing}/pg.ts`, 'pg'],
    [`${eventing}/pglite.ts`, '@electric-sql/pglite'],
    [`${eventing}/nest.ts`, '@nestjs/common'],
    [`${eventing}/transport.ts`, '@eventmart/transport-kafka'],
    [`${eventing}/postgres.ts`, '@eventmart/postgres'],
    [`${eventing}/unlinked.ts`, '@eventmart/transport-nats'],
  ],
  'packages-not-to-services-or-apps': [
    [`${postgres}/service.ts`, '../../../services/order/src/domain/order.js'],
    [`${postgres}/app.ts`, '../../../apps/gateway/src/main.js'],
  ],
  'domain-not-to-outer-layers': [
    [`${order}/domain/uses-application.ts`, '../application/place-order.command.js'],
    [`${order}/domain/uses-infrastructure.ts`, '../infrastructure/order.repository.js'],
    [`${order}/domain/uses-api.ts`, '../api/order.controller.js'],
  ],
  'domain-not-to-frameworks': [
    [`${order}/domain/nest.ts`, '@nestjs/common'],
    [`${order}/domain/kysely.ts`, 'kysely'],
    [`${order}/domain/pg.ts`, 'pg'],
    [`${order}/domain/pglite.ts`, '@electric-sql/pglite'],
    [`${order}/domain/kafka.ts`, 'kafkajs'],
  ],
  'application-not-to-adapters': [
    [`${order}/application/uses-infrastructure.ts`, '../infrastructure/order.repository.js'],
    [`${order}/application/uses-api.ts`, '../api/order.controller.js'],
  ],
  'service-not-to-other-service': [
    [`${order}/application/charge.ts`, '../../../payment/src/domain/payment.js'],
  ],
  // A cycle is reported once, on one of its edges (cycle-b.ts -> cycle-a.ts is listed as allowed).
  'no-circular': [[`${postgres}/cycle-a.ts`, './cycle-b.js']],
  'not-to-dev-dep': [[`${postgres}/uses-vitest.ts`, 'vitest']],
  'no-non-package-json': [[`${postgres}/undeclared.ts`, 'uuid']],
  'not-to-unresolvable': [
    [`${postgres}/typo.ts`, './does-not-exist.js'],
    [`${eventing}/unlinked.ts`, '@eventmart/transport-nats'],
  ],
};

/** [file, what it imports]: the layering the rules must keep allowing. */
const allowed: [file: string, specifier: string][] = [
  [`${contracts}/index.ts`, 'zod'],
  [`${contracts}/index.unit.test.ts`, 'vitest'],
  [`${eventing}/index.ts`, '@eventmart/contracts'],
  [`${eventing}/database.port.ts`, 'kysely'],
  [`${postgres}/index.ts`, 'pg'],
  [`${postgres}/index.unit.test.ts`, 'vitest'],
  [`${postgres}/database.features.ts`, 'vitest'],
  ['packages/transport-conformance/src/suite.ts', 'vitest'],
  [`${postgres}/cycle-b.ts`, './cycle-a.js'],
  ['packages/transport-kafka/src/index.ts', 'kafkajs'],
  ['packages/transport-kafka/src/transport.ts', '@eventmart/eventing'],
  [`${order}/domain/order.ts`, '@eventmart/contracts'],
  [`${order}/domain/order.repository.port.ts`, './order.js'],
  [`${order}/application/place-order.command.ts`, '../domain/order.repository.port.js'],
  [`${order}/application/place-order.handler.ts`, '@nestjs/common'],
  [`${order}/infrastructure/order.repository.ts`, '../domain/order.repository.port.js'],
  [`${order}/infrastructure/order.module.ts`, '../application/place-order.command.js'],
  [`${order}/infrastructure/database.ts`, '@eventmart/postgres'],
  [`${order}/api/order.controller.ts`, '../application/place-order.command.js'],
  [`${order}/order.domain.unit.test.ts`, 'vitest'],
  ['services/payment/src/domain/payment.ts', '@eventmart/contracts'],
  ['apps/gateway/src/main.ts', '../../../services/order/src/api/order.controller.js'],
];

const sources: Record<string, string> = {
  // A type-only import of a devDependency is erased at build time, so it is allowed.
  'packages/postgres/src/test-context.ts':
    "import type { TestContext } from 'vitest';\nexport type Context = TestContext;\n",
};

const npmPackages = [
  'zod',
  'kysely',
  'pg',
  '@electric-sql/pglite',
  'kafkajs',
  '@nestjs/common',
  'uuid',
  'vitest',
];

const workspaces: Record<string, Record<string, string>> = {
  // uuid is declared, so that only contracts-only-zod fires for it.
  'packages/contracts': { zod: '1.0.0', uuid: '1.0.0' },
  'packages/eventing': {
    // Declared, so that only the architecture rule (not no-non-package-json) fires.
    ...Object.fromEntries(
      npmPackages.filter((name) => name !== 'vitest').map((name) => [name, '1.0.0']),
    ),
    '@eventmart/contracts': '0.1.0',
    '@eventmart/postgres': '0.1.0',
    '@eventmart/transport-kafka': '0.1.0',
  },
  'packages/postgres': { pg: '1.0.0', kysely: '1.0.0' },
  'packages/transport-kafka': { kafkajs: '1.0.0', '@eventmart/eventing': '0.1.0' },
  'packages/transport-conformance': {},
  'services/order': {
    '@nestjs/common': '1.0.0',
    kysely: '1.0.0',
    pg: '1.0.0',
    '@electric-sql/pglite': '1.0.0',
    kafkajs: '1.0.0',
    '@eventmart/contracts': '0.1.0',
    '@eventmart/postgres': '0.1.0',
  },
  'services/payment': { '@eventmart/contracts': '0.1.0' },
  'apps/gateway': {},
};

// A test-support package runs inside the host's Vitest: a peer, not a dev dependency.
const peerDependencies: Record<string, Record<string, string>> = {
  'packages/transport-conformance': { vitest: '1.0.0' },
};

interface CruiseResult {
  summary: { violations: { from: string; rule: { name: string } }[] };
}

function cruise(cwd: string, folders: string[]): Promise<string[]> {
  const args = [depcruise, ...folders, '--config', config, '--output-type', 'json'];
  return new Promise((resolve, reject) => {
    // depcruise exits non-zero when it finds violations; the JSON on stdout is what counts.
    execFile(
      process.execPath,
      args,
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      (_error, stdout, stderr) => {
        try {
          const result = JSON.parse(stdout) as CruiseResult;
          resolve(
            result.summary.violations.map(({ rule, from }) => `${rule.name}: ${from}`).sort(),
          );
        } catch {
          reject(new Error(`depcruise did not produce a report:\n${stderr}`));
        }
      },
    );
  });
}

async function write(base: string, file: string, content: string): Promise<void> {
  await mkdir(dirname(join(base, file)), { recursive: true });
  await writeFile(join(base, file), content);
}

async function createFixture(base: string): Promise<void> {
  const files = new Map<string, string>(Object.entries(sources));
  for (const [file, specifier] of [...Object.values(violations).flat(), ...allowed]) {
    files.set(file, `import '${specifier}';\n`);
  }
  files.set(
    'package.json',
    JSON.stringify({
      name: 'fixture',
      type: 'module',
      workspaces: ['packages/*', 'services/*', 'apps/*'],
      devDependencies: { vitest: '1.0.0' },
    }),
  );
  files.set(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', customConditions: ['@eventmart/source'] },
      include: ['packages', 'services', 'apps'],
    }),
  );
  for (const name of npmPackages) {
    const manifest = { name, version: '1.0.0', type: 'module', main: 'index.js' };
    files.set(`node_modules/${name}/package.json`, JSON.stringify(manifest));
    files.set(`node_modules/${name}/index.js`, 'export {};\n');
  }
  for (const [folder, dependencies] of Object.entries(workspaces)) {
    const exports = { '.': { '@eventmart/source': './src/index.ts', default: './dist/index.js' } };
    const manifest = {
      name: `@eventmart/${basename(folder)}`,
      type: 'module',
      exports,
      dependencies,
      peerDependencies: peerDependencies[folder],
    };
    files.set(`${folder}/package.json`, JSON.stringify(manifest));
    if (!files.has(`${folder}/src/index.ts`)) files.set(`${folder}/src/index.ts`, 'export {};\n');
  }
  await Promise.all([...files].map(([file, content]) => write(base, file, content)));

  // What `npm install` does for workspace packages (transport-nats is left unlinked on purpose).
  await mkdir(join(base, 'node_modules/@eventmart'));
  const packages = Object.keys(workspaces).filter((folder) => folder.startsWith('packages/'));
  for (const folder of packages) {
    await symlink(join(base, folder), join(base, 'node_modules/@eventmart', basename(folder)));
  }
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  let fixture: string;

  beforeAll(async () => {
    fixture = await mkdtemp(join(tmpdir(), 'eventmart-deps-'));
    await createFixture(fixture);
  });

  afterAll(async () => {
    await rm(fixture, { recursive: true, force: true });
  });

  it('reports every violation by rule name, and nothing in the allowed layering', async () => {
    const expected = Object.entries(violations)
      .flatMap(([rule, cases]) => cases.map(([file]) => `${rule}: ${file}`))
      .sort();
    expect(await cruise(fixture, ['packages', 'services', 'apps'])).toEqual(expected);
  });

  it('finds no violation in the real tree', async () => {
    const folders = ['packages', 'services', 'apps'].filter((folder) =>
      existsSync(join(root, folder)),
    );
    expect(await cruise(root, folders)).toEqual([]);
  });
});
