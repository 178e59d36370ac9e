import type { TransportCapabilities } from '@eventmart/eventing';
import { describe, it } from 'vitest';
import { consumerGroupCases } from './cases/consumer-groups.cases.js';
import { deliveryCases } from './cases/delivery.cases.js';
import { lifecycleCases } from './cases/lifecycle.cases.js';
import { orderingCases } from './cases/ordering.cases.js';
import { redeliveryCases } from './cases/redelivery.cases.js';
import {
  runCase,
  type CaseBody,
  type CaseSettings,
  type TransportFactory,
} from './harness/case-context.js';
import { range } from './harness/collections.js';

export interface ConformanceOptions {
  /** Multiplies every message count; 1 (the default) gives the counts the suite requires. */
  readonly scale?: number;
  /** Runs this many isolated copies of the suite at once. Default: env CONFORMANCE_STRESS, else 1. */
  readonly stress?: number;
  /** Bounds each wait of a case; a case may take a few of these. Default 10,000 ms. */
  readonly timeoutMs?: number;
  /** How long a case watches for something that must not happen (a late redelivery). Default 100 ms. */
  readonly quietMs?: number;
  /**
   * Cases a known transport bug makes fail, by number ('12') with the reason. They run as
   * `it.fails`: still run every time, and the suite reports when one starts passing.
   */
  readonly expectedFailures?: Readonly<Record<string, string>>;
}

interface Case {
  readonly title: string;
  readonly requires: readonly (keyof TransportCapabilities)[];
  readonly body: CaseBody;
}

const CASE_FILES = [
  deliveryCases,
  orderingCases,
  redeliveryCases,
  consumerGroupCases,
  lifecycleCases,
];

/**
 * Declares the conformance cases for one transport as Vitest tests. Each case gets a fresh
 * transport from `factory`; cases that need a capability the transport does not declare are
 * skipped, and the rest adapt (one subscriber instead of a group of five...).
 */
export function transportConformance(
  name: string,
  factory: TransportFactory,
  capabilities: TransportCapabilities,
  options: ConformanceOptions = {},
): void {
  const settings: CaseSettings = {
    capabilities,
    scale: positive('scale', options.scale ?? 1),
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? 10_000),
    quietMs: options.quietMs ?? 100,
  };
  const copies = options.stress ?? stressFromEnvironment();
  if (!Number.isInteger(copies) || copies < 1) {
    throw new Error(
      `transportConformance: stress must be a positive integer, got ${String(copies)}`,
    );
  }
  const cases: Case[] = [];
  for (const declare of CASE_FILES) {
    declare({ add: (title, requires, body) => cases.push({ title, requires, body }) });
  }
  cases.sort((a, b) => a.title.localeCompare(b.title));
  const expectedFailures = new Map(Object.entries(options.expectedFailures ?? {}));
  for (const id of expectedFailures.keys()) {
    if (!cases.some((c) => numberOf(c) === id)) {
      throw new Error(`transportConformance: no case ${id} to expect a failure of`);
    }
  }

  const declareAll = (copy: string): void => {
    for (const { title, requires, body } of cases) {
      const missing = requires.filter((capability) => !capabilities[capability]);
      const known = expectedFailures.get(numberOf({ title }));
      const skipped = it.skipIf(missing.length > 0);
      const test = known === undefined ? skipped : skipped.fails;
      const suffix =
        missing.length > 0
          ? ` (skipped: ${missing.join(', ')} not declared)`
          : known === undefined
            ? ''
            : ` (expected to fail: ${known})`;
      const caseId = `${copy}${numberOf({ title })}`;
      test(
        `${title}${suffix}`,
        ({ annotate }) => runCase(factory, settings, caseId, (message) => annotate(message), body),
        settings.timeoutMs * 4,
      );
    }
  };

  if (copies === 1) {
    describe(`transport conformance: ${name}`, () => declareAll(''));
    return;
  }
  describe.concurrent(
    `transport conformance: ${name} (stress: ${String(copies)} copies at once)`,
    () => {
      for (const copy of range(copies)) {
        describe(`copy ${String(copy + 1)}`, () => declareAll(`s${String(copy + 1)}-`));
      }
    },
  );
}

/** '07' of '07 transport close() waits...'. */
function numberOf({ title }: { title: string }): string {
  return title.slice(0, title.indexOf(' '));
}

function stressFromEnvironment(): number {
  const raw = process.env.CONFORMANCE_STRESS;
  if (raw === undefined || raw === '') return 1;
  const copies = Number(raw);
  if (!Number.isInteger(copies) || copies < 1) {
    throw new Error(`CONFORMANCE_STRESS must be a positive integer, got '${raw}'`);
  }
  return copies;
}

function positive(option: string, value: number): number {
  if (!(value > 0))
    throw new Error(`transportConformance: ${option} must be positive, got ${String(value)}`);
  return value;
}
