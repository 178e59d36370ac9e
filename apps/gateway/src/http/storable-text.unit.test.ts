import { describe, expect, it } from 'vitest';
import { unstorableFields, unstorableReason } from './storable-text.js';

describe('unstorableReason', () => {
  it.each([
    ['plain text', 'Ada Lovelace'],
    ['an empty string', ''],
    ['a surrogate pair (an emoji)', 'cup \uD83C\uDF75'],
    ['other control characters', 'tab\tbell\u0007del\u007F'],
    ['a replacement character', '\uFFFD'],
  ])('accepts %s', (_case, text) => {
    expect(unstorableReason(text)).toBeUndefined();
  });

  it.each([
    ['U+0000', 'ab\u0000', 'contains U+0000 (NUL) at index 2'],
    [
      'a high surrogate at the end',
      'ab\uD800',
      'contains a lone UTF-16 surrogate (U+D800) at index 2',
    ],
    ['a high surrogate before text', '\uDBFFx', '(U+DBFF) at index 0'],
    ['a low surrogate alone', 'x\uDC00', '(U+DC00) at index 1'],
    ['two high surrogates', '\uD800\uD800\uDC00', '(U+D800) at index 0'],
    ['a reversed pair', '\uDE00\uD83D', '(U+DE00) at index 0'],
  ])('refuses %s, saying where', (_case, text, reason) => {
    expect(unstorableReason(text)).toContain(reason);
  });
});

describe('unstorableFields', () => {
  it('names each offending string by its path, in arrays and nested objects', () => {
    expect(
      unstorableFields({
        fine: 'x',
        lines: [{ sku: 'ok' }, { sku: 'M\u0000G' }],
        deep: { note: '\uDFFF' },
        count: 3,
        nothing: null,
      }).map((error) => error.field),
    ).toEqual(['lines.1.sku', 'deep.note']);
  });

  it('checks field names too, showing them escaped', () => {
    expect(unstorableFields({ 'a\u0000b': 'fine' })).toEqual([
      {
        field: 'a\\u0000b',
        message: expect.stringContaining('the field name contains U+0000') as string,
      },
    ]);
  });

  it('walks a body nested deeper than the call stack goes', () => {
    let deep: unknown = ['\u0000'];
    for (let level = 0; level < 50_000; level += 1) deep = [deep];
    const [found] = unstorableFields({ deep });
    expect(found?.field).toBe(['deep', ...Array<string>(50_001).fill('0')].join('.'));
  });

  it('finds nothing in values without text', () => {
    expect(unstorableFields(undefined)).toEqual([]);
    expect(unstorableFields({})).toEqual([]);
    expect(unstorableFields([1, true, null])).toEqual([]);
  });
});
