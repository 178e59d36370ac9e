// Architecture rules, checked by `npm run deps:check` and proven by
// test/architecture/dependency-rules.unit.test.ts (one violating fixture per rule).

/** An npm package by name, whether resolved into node_modules or left unresolved. */
const npm = (...names) => `(^|(^|/)node_modules/)(${names.join('|')})(/|$)`;

// Tests, cross-adapter feature suites (`*.features.ts`) and the cross-service scenarios.
const TEST_FILE = '(\\.test\\.ts$|\\.features\\.ts$|^test/)';
const INFRASTRUCTURE_NPM = npm('kafkajs', 'pg', '@electric-sql/pglite', '@nestjs/[^/]+');
// Workspace packages that carry a driver; unresolved names are matched too, so a package
// that is not linked yet still cannot slip through.
const INFRASTRUCTURE_WORKSPACES = [
  '^packages/(postgres|transport-[^/]+)/',
  '^@eventmart/(postgres|transport-[^/]+)(/|$)',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'contracts-only-zod',
      comment: 'Event contracts are shared by every service: they depend on zod and nothing else.',
      severity: 'error',
      from: { path: '^packages/contracts/', pathNot: TEST_FILE },
      to: { pathNot: ['^packages/contracts/', npm('zod')] },
    },
    {
      name: 'eventing-core-no-infrastructure',
      comment:
        'The eventing core knows ports only. Drivers, NestJS and transports live in their own ' +
        'packages and depend on the core, never the other way round.',
      severity: 'error',
      from: { path: '^packages/eventing/' },
      to: { path: [INFRASTRUCTURE_NPM, ...INFRASTRUCTURE_WORKSPACES] },
    },
    {
      name: 'packages-not-to-services-or-apps',
      comment: 'Reusable packages are below services and apps; they cannot reach up.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^(services|apps)/' },
    },
    {
      name: 'domain-not-to-outer-layers',
      comment: 'The domain is pure logic: it does not know its use cases, adapters or controllers.',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/domain/' },
      to: { path: '^services/$1/src/(application|infrastructure|api)/' },
    },
    {
      name: 'domain-not-to-frameworks',
      comment: 'The domain is testable without NestJS, SQL or a broker.',
      severity: 'error',
      from: { path: '^services/[^/]+/src/domain/' },
      to: { path: [INFRASTRUCTURE_NPM, npm('kysely'), ...INFRASTRUCTURE_WORKSPACES] },
    },
    {
      name: 'application-not-to-adapters',
      comment:
        'Use cases depend on ports (declared in domain or application); infrastructure ' +
        'implements them and api calls the use cases, so neither is imported from here.',
      severity: 'error',
      from: { path: '^services/([^/]+)/src/application/' },
      to: { path: '^services/$1/src/(infrastructure|api)/' },
    },
    {
      name: 'service-not-to-other-service',
      comment: 'Services talk through events from @eventmart/contracts, never through code.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'no-circular',
      comment: 'Cycles make load order fragile and layers meaningless.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-dev-dep',
      comment:
        'Runtime code may only import what its own package.json lists in dependencies or ' +
        'peerDependencies (a test-support package declares vitest as a peer). Test files may ' +
        'use devDependencies.',
      severity: 'error',
      from: { path: '^(packages|services|apps)/', pathNot: TEST_FILE },
      to: {
        dependencyTypes: ['npm-dev'],
        // Declared by the workspace itself (the root's devDependencies also apply, see
        // combinedDependencies). A type-only import is erased at build time.
        dependencyTypesNot: ['npm', 'npm-peer', 'npm-optional', 'type-only'],
        pathNot: 'node_modules/@types/',
      },
    },
    {
      name: 'no-non-package-json',
      comment:
        'The package imported is not declared by the importing workspace nor the root: it only ' +
        'works by the accident of hoisting.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'The import does not resolve to a file (typo, missing package, missing export).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output and local data of a workspace; `dist` inside node_modules is not excluded.
    exclude: { path: '^(packages|services|apps)/[^/]+/(dist|coverage|\\.eventmart-data)/' },
    // Type-only imports count: a domain that imports a kysely type is still coupled to kysely.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Root and workspace package.json files are merged, so a root devDependency is `npm-dev`
    // everywhere and an undeclared package is `npm-no-pkg`.
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // Workspace packages export their TypeScript source under this condition (as tsconfig's
      // customConditions and vitest's resolve.conditions do), so @eventmart/* resolves to src.
      conditionNames: ['@eventmart/source', 'import', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
