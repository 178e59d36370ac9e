// `npm run deploy:generate`: writes the files of deploy/ that are derived from the code (the
// topic job's script from the event catalog, the per-process Kubernetes resources from
// apps/distributed). deploy/test fails when a committed file and its generator differ.
import { writeFile } from 'node:fs/promises';
import { GENERATED } from './generated-files.js';

for (const { path, generate } of GENERATED) {
  await writeFile(path, generate());
  process.stdout.write(`wrote ${path}\n`);
}
