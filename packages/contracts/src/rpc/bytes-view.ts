import type { BytesView } from './failure-record.schemas.js';

/** How many bytes the preview shows; the base64 always holds them all. */
export const PREVIEW_BYTES = 1024;

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes as JSON can carry them and a terminal can print them: `text` when they are valid
 * UTF-8 without control characters (tab and line breaks aside), else null; `base64`, always,
 * the exact bytes; `preview`, one printable line of the first PREVIEW_BYTES, where an invalid
 * byte or a control character is `\xHH` (`\n`, `\r`, `\t`, `\\` as in C).
 */
export function bytesView(bytes: Uint8Array): BytesView {
  return { text: asText(bytes), base64: base64(bytes), preview: preview(bytes) };
}

/** Base64 with the platform's btoa, so contracts stay free of Node's Buffer. */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The bytes a base64 string (as base64() writes it) stands for. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function asText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text) ? null : text;
}

const ESCAPES: Readonly<Record<number, string>> = {
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x5c: '\\\\',
};

/** The length of the UTF-8 sequence a lead byte starts; 0 for a byte that starts none. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function preview(bytes: Uint8Array): string {
  const shown = bytes.subarray(0, PREVIEW_BYTES);
  let out = '';
  let i = 0;
  while (i < shown.length) {
    const byte = shown[i] ?? 0;
    const length = sequenceLength(byte);
    const char = length === 0 ? undefined : decodeOne(shown.subarray(i, i + length));
    if (char === undefined) {
      out += hex(byte);
      i += 1;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    out += ESCAPES[code] ?? (code < 0x20 || (code >= 0x7f && code <= 0x9f) ? hex(code) : char);
    i += length;
  }
  const rest = bytes.length - shown.length;
  return rest > 0 ? `${out}… (${String(rest)} more bytes)` : out;
}

function decodeOne(sequence: Uint8Array): string | undefined {
  try {
    return strict.decode(sequence);
  } catch {
    return undefined;
  }
}

const hex = (value: number): string => `\\x${value.toString(16).padStart(2, '0')}`;
