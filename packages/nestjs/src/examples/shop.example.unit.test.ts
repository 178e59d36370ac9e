import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from './shop.example.js';

const read = (path: string): Promise<string> => readFile(new URL(path, import.meta.url), 'utf8');

describe('the README example', () => {
  it('is shown in the README as it is here', async () => {
    const example = await read('./shop.example.ts');
    const readme = await read('../../README.md');
    const regions = [...example.matchAll(/\/\/ #region (\w+)\n([\s\S]*?)\/\/ #endregion\n/g)];
    expect(regions.map(([, name]) => name)).toEqual(['imports', 'orders', 'inventory', 'app']);
    for (const [, , code] of regions) expect(readme).toContain(`\`\`\`ts\n${code ?? ''}\`\`\``);
  });

  it('places an order that inventory reserves, then shuts down', async () => {
    expect(await main()).toBe('reserved');
  });
});
