import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/**
 * Tests that start the whole system as several OS processes, or load it for a minute (the wire
 * fuzzer): they get the machine to themselves.
 */
const WHOLE_SYSTEM = [
  'test/distributed/**/*.e2e.test.ts',
  'test/chaos/**/*.test.ts',
  'test/fuzz/**/*.e2e.test.ts',
];

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
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'in-process',
          include: ['{packages,services,apps,test,deploy}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', ...WHOLE_SYSTEM],
          // Much of it waits on PostgreSQL, Kafka group joins and timers: two files at a time
          // keep both cores busy.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'whole-system',
          include: WHOLE_SYSTEM,
          // Seven service processes (and a Kafka mock) per file: one file at a time, after the rest.
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
