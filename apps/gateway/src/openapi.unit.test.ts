import { readFile } from 'node:fs/promises';
import {
  DEAD_LETTER_SERVICES,
  deadLetterPatterns,
  parkedEventPatterns,
  Rpc,
} from '@eventmart/contracts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayApp, type GatewayTestApp } from './testing/gateway-app.fixture.js';

interface Operation {
  summary?: string;
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: unknown }>;
}
type Document = { paths: Record<string, Record<string, Operation>> } & Record<string, unknown>;

let shop: GatewayTestApp;
let document: Document;
const http = () => request(shop.app.getHttpServer());
const readme = () => readFile(new URL('../README.md', import.meta.url), 'utf8');

/** The README's route table: method, path, auth column and the service calls. */
async function readmeRoutes() {
  const rows = [
    ...(await readme()).matchAll(/^\| (GET|POST) +\| `([^`]+)` +\| (\w+) +\|[^|]+\|(.+)\|$/gm),
  ];
  return rows.map(([, method = '', path = '', auth = '', calls = '']) => ({
    route: `${method} ${path}`,
    auth,
    calls: [...calls.matchAll(/`([^`]+)`/g)].map(([, name]) => name),
  }));
}

/** What Express really serves, minus the docs themselves; Nest adds a trailing-slash twin. */
function servedRoutes(): string[] {
  type Stack = { route?: { path: string; methods: Record<string, boolean> } }[];
  const express: unknown = shop.app.getHttpAdapter().getInstance();
  const router = (express as { router: { stack: Stack } }).router;
  const routes = router.stack.flatMap(({ route }) =>
    route === undefined || route.path.startsWith('/docs')
      ? []
      : Object.keys(route.methods).map((method) => {
          const path = route.path.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');
          return `${method.toUpperCase()} ${path}`;
        }),
  );
  return [...new Set(routes)].sort();
}

function documentedRoutes(): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

beforeAll(async () => {
  shop = await startGatewayApp();
  document = (await http().get('/docs-json').expect(200)).body as Document;
});
afterAll(() => shop.app.close());

describe('the OpenAPI document at /docs-json', () => {
  it('lists every route the gateway serves, and the README table lists the same', async () => {
    const served = servedRoutes();
    expect(served).toHaveLength(18);
    expect(documentedRoutes().sort()).toEqual(served);
    expect((await readmeRoutes()).map(({ route }) => route).sort()).toEqual(served);
  });

  it('declares bearer auth on exactly the routes the README marks bearer or admin', async () => {
    expect(document).toMatchObject({
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    });
    for (const { route, auth } of await readmeRoutes()) {
      const [method = '', path = ''] = route.split(' ');
      const operation = document.paths[path]?.[method.toLowerCase()];
      expect(operation?.security ?? [], route).toEqual(auth === 'public' ? [] : [{ bearer: [] }]);
      if (auth !== 'public')
        expect(Object.keys(operation?.responses ?? {}), route).toContain('401');
      if (auth === 'admin') expect(Object.keys(operation?.responses ?? {}), route).toContain('403');
    }
  });

  it('gives every route a summary, a typed success answer and typed error answers', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const label = `${method} ${path}`;
        expect(operation.summary, label).toBeTruthy();
        const success = Object.entries(operation.responses).filter(([status]) => status < '300');
        expect(success, label).toHaveLength(1);
        expect(success[0]?.[1].content, label).toBeDefined();
        expect(operation.responses['500']?.content, label).toBeDefined();
        if (operation.requestBody !== undefined) {
          expect(Object.keys(operation.responses), label).toEqual(
            expect.arrayContaining(['400', '413']),
          );
        }
      }
    }
  });

  it('describes the bodies with their limits', () => {
    expect(document).toMatchObject({
      components: {
        schemas: {
          PlaceOrderDto: { properties: { lines: { minItems: 1, maxItems: 100 } } },
          OrderLineRequestDto: { properties: { quantity: { minimum: 1, maximum: 1000 } } },
        },
      },
    });
    const register = (document.components as { schemas: Record<string, { required: string[] }> })
      .schemas.RegisterDto;
    expect(register?.required.sort()).toEqual(['email', 'name', 'password']);
  });

  it('is browsable at /docs', async () => {
    const page = await http().get('/docs').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('swagger-ui');
  });
});

describe('the README', () => {
  it('names only service calls the contracts define', async () => {
    const patterns = new Set(
      [
        ...Object.values(Rpc),
        ...DEAD_LETTER_SERVICES.flatMap((service) => [
          ...Object.values(deadLetterPatterns(service)),
          ...Object.values(parkedEventPatterns(service)),
        ]),
      ].map((pattern) => pattern.name),
    );
    for (const { calls } of await readmeRoutes()) {
      for (const call of calls.map((name) => name ?? '')) {
        // `<service>.x` stands for the pattern of every service that runs eventing.
        const names = call.startsWith('<service>.')
          ? DEAD_LETTER_SERVICES.map((service) => call.replace('<service>', service))
          : [call];
        for (const name of names) expect(patterns, call).toContain(name);
      }
    }
  });

  it('shows the embedded example as it is in src/examples', async () => {
    const example = await readFile(
      new URL('./examples/embedded-gateway.example.ts', import.meta.url),
      'utf8',
    );
    const code = /\/\/ #region example\n([\s\S]*?)\/\/ #endregion\n/.exec(example)?.[1];
    expect(code).toBeDefined();
    expect(await readme()).toContain(`\`\`\`ts\n${code ?? ''}\`\`\``);
  });
});
