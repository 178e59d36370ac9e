import { describe, expect, it } from 'vitest';
import { ProcessOutput } from './process-output.js';

describe('process output', () => {
  it('keeps the last lines of each process and passes every line on', () => {
    const sink: string[] = [];
    const output = new ProcessOutput((line) => sink.push(line), 2);
    for (const line of [
      'order     | one',
      'payment   | boom',
      'order     | two',
      'order     | three',
      'order     | killed (SIGKILL)',
    ])
      output.write(line);
    expect(sink).toHaveLength(5);
    expect(output.tail('order')).toBe('order     | three\norder     | killed (SIGKILL)');
    expect(output.tail('order', 1)).toBe('order     | killed (SIGKILL)');
    expect(output.tail('payment')).toBe('payment   | boom');
    expect(output.tail('gateway')).toBe('');
  });
});
