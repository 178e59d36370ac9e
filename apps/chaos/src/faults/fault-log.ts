/** The faults a run injects; each can be switched off (docs/chaos.md). */
export const FAULT_KINDS = [
  'kill',
  'broker',
  'pg-terminate',
  'duplicates',
  'poison',
  'handler-errors',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultEntry {
  readonly at: string;
  /** Since the run started. */
  readonly elapsedMs: number;
  readonly fault: FaultKind;
  /** What it hit, in words: a process, a broker, connections, a topic. */
  readonly target: string;
  /** How many of the thing it did: messages re-published, connections cut; 1 otherwise. */
  readonly count: number;
}

/** Seconds since the start, as every line of a run shows it. */
export const stamp = (elapsedMs: number): string =>
  `[${(elapsedMs / 1000).toFixed(1).padStart(6)} s]`;

/**
 * Every fault as it happens (when, what, at what), printed at once and kept for the report;
 * also notes that are not faults (a killed service serving again) and faults that could not
 * be injected or undone, which fail the run.
 */
export class FaultLog {
  readonly entries: FaultEntry[] = [];
  readonly problems: string[] = [];
  /** Restarted processes that exited before they served, and were started again. */
  failedStarts = 0;

  constructor(
    private readonly startedAt: number,
    private readonly say: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get elapsedMs(): number {
    return this.now() - this.startedAt;
  }

  record(fault: FaultKind, target: string, count = 1): void {
    const elapsedMs = this.elapsedMs;
    this.entries.push({
      at: new Date(this.startedAt + elapsedMs).toISOString(),
      elapsedMs,
      fault,
      target,
      count,
    });
    this.say(`${stamp(elapsedMs)} fault ${fault}: ${target}`);
  }

  note(line: string): void {
    this.say(`${stamp(this.elapsedMs)} ${line}`);
  }

  /** `what` (a fault, a step of the run) failed. */
  problem(what: string, error: unknown): void {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    this.problems.push(message);
    this.say(`${stamp(this.elapsedMs)} PROBLEM ${message}`);
  }

  /** Per kind: how many times it struck, and how many things it did in all. */
  totals(): Record<FaultKind, { readonly injections: number; readonly count: number }> {
    const totals = Object.fromEntries(
      FAULT_KINDS.map((kind) => [kind, { injections: 0, count: 0 }]),
    ) as Record<FaultKind, { injections: number; count: number }>;
    for (const entry of this.entries) {
      totals[entry.fault].injections += 1;
      totals[entry.fault].count += entry.count;
    }
    return totals;
  }
}
