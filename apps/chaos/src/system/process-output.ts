/**
 * The processes' lines (each prefixed with its name by the supervisor): the last ones of each
 * process are kept, to say why one failed to start or died, and every line goes to `sink` if
 * given (a log file, the terminal).
 */
export class ProcessOutput {
  private readonly recent = new Map<string, string[]>();

  constructor(
    private readonly sink?: (line: string) => void,
    private readonly keep = 40,
  ) {}

  /** The supervisor's `write`. */
  readonly write = (line: string): void => {
    const name = /^(\S+)\s+\|/.exec(line)?.[1] ?? '';
    const lines = this.recent.get(name) ?? [];
    lines.push(line);
    if (lines.length > this.keep) lines.shift();
    this.recent.set(name, lines);
    this.sink?.(line);
  };

  /** The last lines of one process. */
  tail(name: string, lines = this.keep): string {
    return (this.recent.get(name) ?? []).slice(-lines).join('\n');
  }
}
