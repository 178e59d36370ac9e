import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FuzzRecord } from './fuzz-records.js';
import { MUTATION_KINDS } from './mutations.js';
import type { Accounted } from './outcomes.js';
import type { Refused } from './raw-wire.js';

export interface FuzzReport {
  readonly transport: string;
  readonly seed: number;
  readonly records: number;
  readonly onTheWire: number;
  readonly orders: number;
  /** Per outcome: how many (record, consumer group) pairs ended so, and how many records. */
  readonly byOutcome: Record<string, { readonly deliveries: number; readonly records: number }>;
  /** Per kind: records made, refused by the wire, and their outcomes per consumer group. */
  readonly byKind: Record<
    string,
    {
      readonly records: number;
      readonly refused: number;
      readonly outcomes: Record<string, number>;
    }
  >;
  /** Why the wire refused records it cannot carry. */
  readonly refused: Record<string, number>;
  readonly problems: number;
  readonly elapsedMs: Readonly<Record<string, number>>;
}

const bump = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};

export function buildReport(fields: {
  transport: string;
  seed: number;
  records: readonly FuzzRecord[];
  refused: readonly Refused[];
  accounted: readonly Accounted[];
  orders: number;
  elapsedMs: Readonly<Record<string, number>>;
}): FuzzReport {
  const byKind: Record<
    string,
    { records: number; refused: number; outcomes: Record<string, number> }
  > = {};
  for (const kind of MUTATION_KINDS) byKind[kind] = { records: 0, refused: 0, outcomes: {} };
  for (const record of fields.records) (byKind[record.kind] ?? { records: 0 }).records += 1;
  for (const { fuzz } of fields.refused) (byKind[fuzz.kind] ?? { refused: 0 }).refused += 1;
  const deliveries: Record<string, number> = {};
  const distinct = new Map<string, Set<number>>();
  for (const entry of fields.accounted) {
    const outcome = entry.outcome ?? 'unaccounted';
    bump(deliveries, outcome);
    distinct.set(outcome, (distinct.get(outcome) ?? new Set()).add(entry.produced.fuzz.index));
    const kind = byKind[entry.produced.fuzz.kind];
    if (kind !== undefined) bump(kind.outcomes, outcome);
  }
  const byOutcome = Object.fromEntries(
    Object.entries(deliveries)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([outcome, n]) => [
        outcome,
        { deliveries: n, records: distinct.get(outcome)?.size ?? 0 },
      ]),
  );
  const refused: Record<string, number> = {};
  for (const { why } of fields.refused) bump(refused, why);
  return {
    transport: fields.transport,
    seed: fields.seed,
    records: fields.records.length,
    onTheWire: fields.records.length - fields.refused.length,
    orders: fields.orders,
    byOutcome,
    byKind,
    refused,
    problems: fields.accounted.filter((entry) => entry.problem !== undefined).length,
    elapsedMs: fields.elapsedMs,
  };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The report as a person reads it at the end of the test. */
export function renderReport(report: FuzzReport): string {
  const outcomes = table(
    ['outcome (per consumer group)', 'deliveries', 'records'],
    Object.entries(report.byOutcome).map(([outcome, n]) => [
      outcome,
      String(n.deliveries),
      String(n.records),
    ]),
  );
  const kinds = table(
    ['kind', 'records', 'refused by the wire', 'outcomes'],
    Object.entries(report.byKind).map(([kind, n]) => [
      kind,
      String(n.records),
      String(n.refused),
      Object.entries(n.outcomes)
        .map(([outcome, count]) => `${outcome.replace('dead letter: ', '')} ${String(count)}`)
        .join(', '),
    ]),
  );
  const refused = Object.entries(report.refused)
    .map(([why, n]) => `  ${why}: ${String(n)}`)
    .join('\n');
  const times = Object.entries(report.elapsedMs)
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
  return [
    `wire fuzz on ${report.transport}: seed ${String(report.seed)}, ${String(report.records)} records (${String(report.onTheWire)} on the wire), ${String(report.orders)} orders, ${String(report.problems)} problems`,
    outcomes,
    '',
    kinds,
    ...(refused === '' ? [] : ['', 'refused by the wire:', refused]),
    '',
    `times: ${times}`,
  ].join('\n');
}

/** Where the JSON reports go: FUZZ_REPORT_DIR, or `.fuzz-report/` at the repository root. */
export function reportDir(env: NodeJS.ProcessEnv): string {
  return env.FUZZ_REPORT_DIR ?? fileURLToPath(new URL('../../.fuzz-report', import.meta.url));
}

/** Writes `wire-fuzz.<transport>.json`; answers its path. */
export async function writeReport(report: FuzzReport, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `wire-fuzz.${report.transport}.json`);
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
