import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

describe('line splitter', () => {
  it('joins the halves of a line cut between chunks, and of a UTF-8 character', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    const bytes = new TextEncoder().encode('first\r\nsecond «line»\nthird');
    splitter.push(bytes.slice(0, 3));
    splitter.push(bytes.slice(3, 17)); // ends inside «
    splitter.push(bytes.slice(17));
    expect(lines).toEqual(['first', 'second «line»']);
    splitter.end();
    expect(lines).toEqual(['first', 'second «line»', 'third']);
  });
});
