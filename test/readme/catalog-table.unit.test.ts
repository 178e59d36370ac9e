import { EVENT_CATALOG } from '@eventmart/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readmeSection, replaceReadmeSection } from './readme-sections.js';

function fieldsOf(schema: z.ZodType): string {
  return schema instanceof z.ZodObject
    ? Object.keys(schema.shape)
        .map((key) => `\`${key}\``)
        .join(', ')
    : '';
}

/** The README's event table, built from the catalog itself. */
export function catalogTable(): string {
  const rows = EVENT_CATALOG.map(
    (d) =>
      `| \`${d.type}\` | ${String(d.version)} | \`${d.topic}\` | ${fieldsOf(d.schema)} | ${d.description} |`,
  );
  return [
    '| event | version | topic | data | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** A Markdown table as rows of trimmed cells, so that a formatter's padding does not count. */
function cells(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .filter((line) => !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('README event catalog', () => {
  it('lists exactly the events of the catalog (UPDATE_README=1 rewrites it)', () => {
    if (process.env.UPDATE_README === '1') replaceReadmeSection('catalog', catalogTable());
    expect(cells(readmeSection('catalog'))).toEqual(cells(catalogTable()));
  });
});
