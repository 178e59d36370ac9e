import type { RawHeader, RawRecord } from '@eventmart/eventing';
import type { LogMessage } from './held-partition.js';

const utf8 = new TextEncoder();

/** The name under which headers that are not a JSON object are kept, as their JSON text. */
export const UNSHAPED_HEADERS = '(headers)';

/**
 * A log row as the bytes a transport hands over. Our publisher writes headers as a JSON object
 * of strings, but anything with access to the table can write any JSON there: a string value
 * is the header's text, null is a header without a value, any other value (a number, an
 * object) is kept as its JSON text, and headers that are not an object at all become one
 * header named UNSHAPED_HEADERS holding their JSON, so that nothing written is lost and
 * nothing makes the consumer throw.
 */
export function logRecord(row: Pick<LogMessage, 'key' | 'value' | 'headers'>): RawRecord {
  return {
    key: utf8.encode(row.key),
    value: utf8.encode(row.value),
    headers: headersOf(row.headers),
  };
}

function headersOf(headers: unknown): RawHeader[] {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    return [{ name: UNSHAPED_HEADERS, value: utf8.encode(JSON.stringify(headers) ?? 'null') }];
  return Object.entries(headers).map(([name, value]: [string, unknown]) => ({
    name,
    value:
      value === null
        ? null
        : utf8.encode(typeof value === 'string' ? value : (JSON.stringify(value) ?? '')),
  }));
}
