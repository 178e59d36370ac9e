import { readFile } from 'node:fs/promises';
import { onEventMetadataOf } from '@eventmart/nestjs';
import { describe, expect, it } from 'vitest';
import { TEST_TOKENS } from './infrastructure/simulated-payment-provider.js';
import { PaymentModule } from './payment.module.js';

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

const readme = (): Promise<string> => readFile(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('lists every event the service consumes, with its pinned handler name', async () => {
    const text = await readme();
    const handlers = handlersOf(PaymentModule.forRoot().providers ?? []);
    expect(handlers).toHaveLength(3);
    for (const [type, name] of handlers) {
      expect(text).toMatch(new RegExp(`\\| \`${type}\` +\\| \`${String(name)}\` +\\|`));
    }
  });

  it('documents every test token of the simulator', async () => {
    const text = await readme();
    for (const token of Object.values(TEST_TOKENS)) expect(text).toContain(`| \`${token}\``);
  });
});
