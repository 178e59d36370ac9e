import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GENERATED } from '../generate/generated-files.js';

describe('the generated files of deploy/', () => {
  it.each(GENERATED)(
    '$path is what its generator writes (UPDATE_DOCS=1 rewrites it)',
    async (file) => {
      const expected = file.generate();
      if (process.env.UPDATE_DOCS === '1') await writeFile(file.path, expected);
      expect(await readFile(file.path, 'utf8')).toBe(expected);
    },
  );
});
