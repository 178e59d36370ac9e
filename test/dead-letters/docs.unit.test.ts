import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../apps/cli/src/args.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const docs = read('../../docs/dead-letters.md');
/** The gateway's routes, as its README table lists them (its own test checks that table). */
const served = new Set(
  [...read('../../apps/gateway/README.md').matchAll(/^\| (GET|POST) +\| `([^`]+)`/gm)].map(
    ([, method, path]) => `${String(method)} ${String(path)}`,
  ),
);

/** Words as a POSIX shell splits them, for the double-quoted arguments the page uses. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map(([, quoted, bare]) => quoted ?? bare ?? '');
}

describe('docs/dead-letters.md', () => {
  it('shows only command lines the CLI accepts', () => {
    const lines = docs
      .split('\n')
      .filter((line) => line.startsWith('eventmart dead-letters '))
      .map((line) => words(line).slice(1));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const argv of lines) expect(() => parseCommand(argv), argv.join(' ')).not.toThrow();
  });

  it('names only routes the gateway serves (its README table is checked against them)', () => {
    const documented = [...docs.matchAll(/^\| `((?:GET|POST) \/admin\/dead-letters[^`]*)`/gm)].map(
      ([, route]) => route,
    );
    expect(documented).toHaveLength(4);
    for (const route of documented) expect(served).toContain(route);
  });

  it('shows only parked-event command lines the CLI accepts, and names the routes served', () => {
    const lines = docs
      .split('\n')
      .filter((line) => line.startsWith('eventmart parked '))
      .map((line) => words(line).slice(1));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const argv of lines) expect(() => parseCommand(argv), argv.join(' ')).not.toThrow();
    const documented = [...docs.matchAll(/^\| `((?:GET|POST) \/admin\/parked-events[^`]*)`/gm)].map(
      ([, route]) => route,
    );
    expect(documented).toHaveLength(3);
    for (const route of documented) expect(served).toContain(route);
  });
});
