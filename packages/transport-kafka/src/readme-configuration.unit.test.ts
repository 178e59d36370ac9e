import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it("the README's configuration table lists exactly the variables kafkaConfigFromEnv reads", () => {
  const readByCode = [...read('./kafka-config-from-env.ts').matchAll(/\(\s*'(KAFKA_[A-Z_]+)'/g)]
    .map((match) => match[1])
    .sort();
  const documented = [...read('../README.md').matchAll(/^\| `(KAFKA_[A-Z_]+)`/gm)]
    .map((match) => match[1])
    .sort();
  expect(readByCode.length).toBeGreaterThan(20);
  expect(documented).toEqual([...new Set(readByCode)]);
});
