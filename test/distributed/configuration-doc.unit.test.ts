import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What reads the environment: the launchers, the Kafka transport's settings, the services. */
const READERS = [
  'apps/distributed/src',
  'apps/chaos/src',
  'apps/embedded/src',
  'packages/transport-kafka/src/kafka-config-from-env.ts',
  'services/payment/src/application/payment-settings.ts',
  'packages/postgres/src/open-database.ts',
  'packages/eventing/src/consumer/retry-settings.ts',
];
/** Where the test-only variables of the doc are read. */
const TEST_READERS = [
  'packages/testing/src',
  'packages/transport-conformance/src',
  'packages/transport-kafka/src',
  'tools/kafka-mock/kafka-mock.c',
  'test/distributed',
];

const PATTERNS = [
  /\b(?:text|required|integer|port|flag)\(\s*env,\s*'([A-Z][A-Z0-9_]*)'/g,
  /\benv\.([A-Z][A-Z0-9_]*)\b/g,
  /\bread\.\w+\(\s*'([A-Z][A-Z0-9_]*)'/g,
];
// `${envPrefix(service)}_RPC_PORT`: one variable per service, documented as <SERVICE>_RPC_PORT.
const PER_SERVICE = /`\$\{[^}]+\}_([A-Z][A-Z0-9_]*)`/g;

async function sources(paths: readonly string[], withTests: boolean): Promise<string[]> {
  const texts: string[] = [];
  for (const path of paths) {
    const full = join(ROOT, path);
    const files = /\.(ts|c)$/.test(path)
      ? [full]
      : (await readdir(full, { recursive: true }))
          .filter((file) => file.endsWith('.ts') && (withTests || !file.endsWith('.test.ts')))
          .map((file) => join(full, file));
    for (const file of files) texts.push(await readFile(file, 'utf8'));
  }
  return texts;
}

/** `VARIABLE` → its default, for each row of the doc's tables (or one section of them). */
function documented(markdown: string): Map<string, string> {
  const rows = [...markdown.matchAll(/^\| `([A-Z<][A-Z0-9_<>]*)` +\|([^|]*)\|/gm)];
  return new Map(rows.map(([, name = '', rest = '']) => [name, rest.trim()]));
}

describe('docs/configuration.md', () => {
  it('lists every variable the launchers, services and the Kafka transport read, and no other', async () => {
    const doc = await readFile(join(ROOT, 'docs/configuration.md'), 'utf8');
    const listed = documented(doc);
    const read = new Set<string>();
    for (const text of await sources(READERS, false)) {
      for (const pattern of PATTERNS)
        for (const [, name] of text.matchAll(pattern)) read.add(name ?? '');
      for (const [, name] of text.matchAll(PER_SERVICE)) read.add(`<SERVICE>_${name ?? ''}`);
    }
    expect([...read].filter((name) => !listed.has(name)).sort()).toEqual([]);

    const everything = (await sources([...READERS, ...TEST_READERS], true)).join('\n');
    const unknown = [...listed.keys()].filter(
      (name) => !everything.includes(name.replace('<SERVICE>', '')),
    );
    expect(unknown).toEqual([]);
  });

  it('gives the Kafka variables the defaults the Kafka transport documents', async () => {
    const doc = await readFile(join(ROOT, 'docs/configuration.md'), 'utf8');
    const kafkaSection = doc.slice(doc.indexOf('## Kafka'), doc.indexOf('## Tests'));
    const readme = await readFile(join(ROOT, 'packages/transport-kafka/README.md'), 'utf8');
    const theirs = [...documented(readme)].filter(([name]) => name.startsWith('KAFKA_'));
    expect(theirs.length).toBeGreaterThan(0);
    expect(documented(kafkaSection)).toEqual(
      new Map(theirs.filter(([name]) => name !== 'KAFKA_MOCK_BIN')),
    );
  });
});
