import { readFile } from 'node:fs/promises';
import { onEventMetadataOf } from '@eventmart/nestjs';
import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from './demo-catalogue.js';
import { InventoryModule } from './inventory.module.js';

/** `[event type, handler name]` of every @OnEvent method of the module's providers. */
function handlersOf(providers: unknown[]): [string, string | undefined][] {
  return providers
    .filter((provider): provider is new () => object => typeof provider === 'function')
    .flatMap((type) =>
      Object.getOwnPropertyNames(type.prototype).flatMap((method) => {
        const metadata = onEventMetadataOf(Reflect.get(type.prototype as object, method));
        return metadata === undefined ? [] : [[metadata.event.type, metadata.name]];
      }),
    ) as [string, string | undefined][];
}

describe('the README', () => {
  it('lists every event the service consumes, with its pinned handler name', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const providers = Reflect.getMetadata('providers', InventoryModule) as unknown[];
    const handlers = handlersOf(providers);
    expect(handlers).toHaveLength(4);
    for (const [type, name] of handlers) {
      expect(readme).toMatch(new RegExp(`\\| \`${type}\` +\\| \`${String(name)}\` +\\|`));
    }
  });

  it('describes the demo catalogue as it is', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('Eight products');
    expect(DEMO_CATALOGUE).toHaveLength(8);
    expect(DEMO_CATALOGUE.find((p) => p.sku === 'POSTER-LAST-ONE')?.stock).toBe(1);
  });
});
