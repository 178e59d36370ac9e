#!/usr/bin/env node
// The `eventmart` command. The repository runs its TypeScript from source (no build step):
// SWC compiles the CLI as it loads, exactly as `npm run cli` and `npm start` do.
/* global process, URL */
import { fileURLToPath } from 'node:url';

process.env.SWC_NODE_PROJECT ??= fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
await import('@swc-node/register/esm-register');
await import('../src/main.ts');
