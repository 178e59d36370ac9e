import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/** The text between `<!-- name:start -->` and `<!-- name:end -->` in the README. */
export function readmeSection(name: string): string {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`README.md has no ${name} section`);
  return text.slice(start + `<!-- ${name}:start -->`.length, end).trim();
}

export function replaceReadmeSection(name: string, content: string): void {
  const text = readFileSync(README, 'utf8');
  const start = text.indexOf(`<!-- ${name}:start -->`) + `<!-- ${name}:start -->`.length;
  const end = text.indexOf(`<!-- ${name}:end -->`);
  writeFileSync(README, `${text.slice(0, start)}\n${content}\n${text.slice(end)}`);
}

/** The shell script inside a section's fenced code block. */
export function shellBlock(section: string): string {
  const match = /```sh\n([\s\S]*?)```/.exec(section);
  if (match?.[1] === undefined) throw new Error('no ```sh block in the section');
  return match[1];
}
