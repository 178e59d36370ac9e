/** A migration file that failed: names the file, the line when PostgreSQL gave a position. */
export class MigrationFileError extends Error {
  override readonly name = 'MigrationFileError';

  constructor(
    readonly path: string,
    text: string,
    override readonly cause: unknown,
  ) {
    super(`${path}${lineOf(text, cause)}: ${describe(cause)}`, { cause });
  }
}

function lineOf(text: string, cause: unknown): string {
  const position = Number((cause as { position?: unknown } | null)?.position);
  if (!Number.isInteger(position) || position < 1) return '';
  return `, line ${text.slice(0, position - 1).split('\n').length}`;
}

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const { detail, hint } = cause as { detail?: unknown; hint?: unknown };
  return [
    cause.message,
    typeof detail === 'string' ? `(${detail})` : '',
    typeof hint === 'string' ? `hint: ${hint}` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
}
