import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC, not esbuild, compiles the tests: NestJS needs the decorator metadata esbuild does not emit.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
    }),
  ],
  resolve: { conditions: ['@eventmart/source'] },
  ssr: { resolve: { conditions: ['@eventmart/source'] } },
  test: {
    include: ['{packages,services,apps,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
