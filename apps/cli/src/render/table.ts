/** A column: its heading, and at most how wide its cells may be (longer ones are cut with …). */
export interface Column {
  readonly heading: string;
  readonly max?: number;
}

/** Plain text, one line per cell: line breaks and tabs would break the table. */
export type Cell = string | number | null | undefined;

export function cell(value: Cell, max = Infinity): string {
  const text = value === null || value === undefined ? '-' : String(value);
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

/** Left-aligned columns, two spaces apart, with the heading in capitals. */
export function table(columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const cells = rows.map((row) => columns.map((column, i) => cell(row[i], column.max)));
  const headings = columns.map((column) => column.heading.toUpperCase());
  const widths = headings.map((heading, i) =>
    Math.max(heading.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headings), ...cells.map(line)].join('\n');
}

/** `2025-06-01T12:00:03.123Z` as `2025-06-01 12:00:03Z`: precise enough, and shorter. */
export function time(iso: string | null): string {
  return iso === null ? '-' : iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
