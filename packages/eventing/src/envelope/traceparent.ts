import { TRACEPARENT_PATTERN } from '@eventmart/contracts';

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return Array.from(buffer, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A traceparent for a new span in the same trace (W3C trace-context: new parent-id). */
export function childTraceparent(parent: string): string {
  if (!TRACEPARENT_PATTERN.test(parent)) return newTraceparent();
  const [version, traceId, , flags] = parent.split('-');
  return `${version ?? '00'}-${traceId ?? randomHex(16)}-${randomHex(8)}-${flags ?? '01'}`;
}

export function newTraceparent(): string {
  return `00-${randomHex(16)}-${randomHex(8)}-01`;
}
