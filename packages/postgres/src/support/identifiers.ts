const MAX_IDENTIFIER_BYTES = 63;

/** A double-quoted SQL identifier: safe for any name, and case-sensitive. */
export function quoteIdentifier(name: string): string {
  assertIdentifier(name);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Rejects names PostgreSQL would silently change: it truncates identifiers past 63 bytes,
 * and a channel listened to under a truncated name would never match its notifications.
 */
export function assertIdentifier(name: string): void {
  if (name.length === 0) throw new Error('An identifier cannot be empty');
  if (name.includes('\0')) throw new Error(`Identifier ${JSON.stringify(name)} contains NUL`);
  if (Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) {
    throw new Error(`Identifier "${name}" is longer than ${MAX_IDENTIFIER_BYTES} bytes`);
  }
}
