import { describe, expect, it } from 'vitest';
import { processSpec } from './distributed-set.js';

const LOADER = ['--conditions=@eventmart/source', '--import', '@swc-node/register/esm-register'];

describe('processSpec', () => {
  it('runs a child from the source, with the loader, by default', () => {
    const spec = processSpec('order', {}, LOADER);
    expect(spec.command).toBe(process.execPath);
    expect(spec.args).toEqual([
      ...LOADER,
      expect.stringMatching(/apps\/distributed\/src\/main\.ts$/),
      'order',
    ]);
  });

  it('runs a child from the production build with plain node when EVENTMART_SERVICES_FROM=build', () => {
    const spec = processSpec('order', { EVENTMART_SERVICES_FROM: 'build' }, LOADER);
    expect(spec.args).toEqual([
      expect.stringMatching(/apps\/distributed\/dist\/main\.js$/),
      'order',
    ]);
  });

  it('refuses a value it does not know, naming the variable', () => {
    expect(() => processSpec('order', { EVENTMART_SERVICES_FROM: 'dist' }, LOADER)).toThrow(
      /EVENTMART_SERVICES_FROM must be source or build, got "dist"/,
    );
  });
});
