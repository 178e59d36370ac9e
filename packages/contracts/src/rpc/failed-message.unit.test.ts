import { describe, expect, it } from 'vitest';
import { bytesView, PREVIEW_BYTES } from './bytes-view.js';
import { textMessage, toFailedMessage } from './failed-message.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const decoded = (base64: string) => [...Buffer.from(base64, 'base64')];

describe('bytesView', () => {
  it('gives text, base64 and the same text as preview for plain UTF-8', () => {
    const json = '{"city":"Zürich","note":"line\\none"}';
    const view = bytesView(new TextEncoder().encode(json));
    expect(view.text).toBe(json);
    expect(Buffer.from(view.base64, 'base64').toString('utf8')).toBe(json);
    expect(view.preview).toBe(json.replace('\\', '\\\\'));
  });

  it('gives no text for NUL, invalid UTF-8 or control characters, and escapes them in the preview', () => {
    const body = bytes(0x7b, 0x00, 0xff, 0xc3, 0xa9, 0x1b, 0x5b, 0x0a, 0xed, 0xa0, 0x80, 0x7d);
    const view = bytesView(body);
    expect(view.text).toBeNull();
    expect(decoded(view.base64)).toEqual([...body]);
    // é is valid and kept; ESC, NUL, a stray 0xff and a UTF-8 encoded surrogate are escaped.
    expect(view.preview).toBe('{\\x00\\xffé\\x1b[\\n\\xed\\xa0\\x80}');
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    // eslint-disable-next-line no-control-regex
    expect(view.preview).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('keeps the empty body and a byte-order mark exactly', () => {
    expect(bytesView(bytes())).toEqual({ text: '', base64: '', preview: '' });
    expect(decoded(bytesView(bytes(0xef, 0xbb, 0xbf, 0x41)).base64)).toEqual([
      0xef, 0xbb, 0xbf, 0x41,
    ]);
  });

  it('previews the first bytes of a large body and says how many more there are', () => {
    const view = bytesView(new Uint8Array(PREVIEW_BYTES + 10).fill(0x61));
    expect(view.preview).toBe(`${'a'.repeat(PREVIEW_BYTES)}… (10 more bytes)`);
    expect(Buffer.from(view.base64, 'base64')).toHaveLength(PREVIEW_BYTES + 10);
  });
});

describe('toFailedMessage', () => {
  it('keeps every header raw, null values and duplicates too, and only text ones by name', () => {
    const message = toFailedMessage(
      {
        key: bytes(0x6f, 0x00),
        value: bytes(0x00, 0x01),
        headers: [
          { name: 'ce_type', value: new TextEncoder().encode('order.placed') },
          { name: 'trace', value: null },
          { name: 'blob', value: bytes(0xff, 0xfe, 0x00) },
          { name: 'ce_type', value: new TextEncoder().encode('order.cancelled') },
        ],
      },
      null,
    );
    expect(message.headers).toEqual({ ce_type: 'order.cancelled' });
    expect(message.payload).toBe('\\x00\\x01');
    expect(message.raw.key).toMatchObject({ text: null, preview: 'o\\x00' });
    expect(message.raw.headers.map((h) => [h.name, h.value?.preview ?? null])).toEqual([
      ['ce_type', 'order.placed'],
      ['trace', null],
      ['blob', '\\xff\\xfe\\x00'],
      ['ce_type', 'order.cancelled'],
    ]);
    expect(decoded(message.raw.headers[2]?.value?.base64 ?? '')).toEqual([0xff, 0xfe, 0x00]);
  });

  it('shows a message stored as text as the bytes it was', () => {
    const message = toFailedMessage(textMessage('o-1', { ce_id: 'e-1' }, '{"a":1}'), 'at x');
    expect(message).toMatchObject({
      headers: { ce_id: 'e-1' },
      payload: '{"a":1}',
      errorStack: 'at x',
    });
    expect(message.raw.key?.text).toBe('o-1');
  });
});
