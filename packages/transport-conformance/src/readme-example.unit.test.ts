import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it('the README example is the in-memory conformance run, verbatim', () => {
  const example = /```ts\n([\s\S]*?)```/.exec(read('../README.md'))?.[1];
  expect(example).toBe(read('./in-memory.conformance.unit.test.ts'));
});
