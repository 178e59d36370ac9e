import type { ServiceFault } from '../answers.js';

/** The text, then the services that did not answer, if any. */
export function withFaults(text: string, faults: readonly ServiceFault[]): string {
  if (faults.length === 0) return text;
  const named = faults.map((fault) => `${fault.service} (${fault.code}: ${fault.message})`);
  return `${text}\nDid not answer: ${named.join('; ')}.`;
}

/** A message body: indented JSON if it is JSON, as received otherwise. */
export function pretty(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** Aligned `name  value` lines. */
export function fieldLines(fields: readonly (readonly [string, string])[]): string {
  const width = Math.max(...fields.map(([name]) => name.length));
  return fields.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n');
}

/** `replayed 2, failed 1`: how many of each outcome, in the order they first come. */
export function tally(outcomes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts].map(([outcome, n]) => `${outcome} ${String(n)}`).join(', ');
}
