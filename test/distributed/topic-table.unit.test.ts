import { readFile, writeFile } from 'node:fs/promises';
import { topicTable } from '@eventmart/distributed';
import { describe, expect, it } from 'vitest';

const DOC = new URL('../../docs/distributed.md', import.meta.url);
const START = '<!-- topics:start -->';
const END = '<!-- topics:end -->';

/** A Markdown table's cells, row by row, whatever its column alignment. */
const cells = (table: string): string[][] =>
  table
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );

describe('the topic table of docs/distributed.md', () => {
  it('is the one the catalog gives (UPDATE_DOCS=1 rewrites it; then run prettier on it)', async () => {
    const doc = await readFile(DOC, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start, `${START} … ${END} in docs/distributed.md`).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const expected = topicTable();
    if (process.env.UPDATE_DOCS === '1') {
      const updated = `${doc.slice(0, start + START.length)}\n\n${expected}\n\n${doc.slice(end)}`;
      await writeFile(DOC, updated);
      return;
    }
    expect(
      cells(doc.slice(start + START.length, end)),
      `the table is out of date; it should be:\n${expected}`,
    ).toEqual(cells(expected));
  });
});
