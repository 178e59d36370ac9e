// `npm run build`: every workspace's src/ to dist/ as plain ES modules, so services start with
// `node` and no compiler. SWC with the options @swc-node/register derives from tsconfig.base.json
// (legacy decorators with their metadata, which NestJS's injection reads; define semantics for
// class fields, as target ES2022 implies), so the build runs the code exactly as the source run
// does. Types are not emitted: the `types` export condition points at src/, and
// `npm run typecheck` is the type check. Tests (`*.test.ts`) are left out; other files of src/
// (SQL of the examples) are copied beside the JavaScript.
import { transformFile } from '@swc/core';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** @type {import('@swc/core').Options} */
const SWC = {
  swcrc: false,
  sourceMaps: true,
  module: { type: 'es6', strict: true },
  jsc: {
    target: 'es2022',
    keepClassNames: true,
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
  },
};

async function workspaces() {
  const { workspaces: globs } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const found = [];
  for (const glob of globs) {
    const parent = join(ROOT, glob.replace(/\/\*$/, ''));
    for (const entry of await readdir(parent, { withFileTypes: true }))
      if (entry.isDirectory()) found.push(join(parent, entry.name));
  }
  return found;
}

async function sourceFiles(src) {
  try {
    const entries = await readdir(src, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
}

async function emit(file, src, dist) {
  const target = join(dist, relative(src, file));
  await mkdir(dirname(target), { recursive: true });
  if (!file.endsWith('.ts')) return copyFile(file, target);
  const js = target.replace(/\.ts$/, '.js');
  const sourceFileName = relative(dirname(js), file);
  const output = await transformFile(file, { ...SWC, filename: file, sourceFileName });
  await writeFile(js, `${output.code}\n//# sourceMappingURL=${basename(js)}.map\n`);
  await writeFile(`${js}.map`, output.map ?? '');
}

/** Runs `work` on every item, `width` at a time. */
async function pool(items, width, work) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

const started = performance.now();
const jobs = [];
for (const workspace of await workspaces()) {
  const src = join(workspace, 'src');
  const dist = join(workspace, 'dist');
  await rm(dist, { recursive: true, force: true });
  for (const file of await sourceFiles(src))
    if (!file.endsWith('.test.ts') && !file.endsWith('.d.ts')) jobs.push({ file, src, dist });
}
await pool(jobs, Math.max(2, cpus().length), ({ file, src, dist }) => emit(file, src, dist));
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`built ${String(jobs.length)} files into dist/ in ${seconds} s\n`);
