import type {
  DeadLetterActionReport,
  DeadLetterDetails,
  DeadLetterRecord,
} from '@eventmart/eventing';
import { toFailedMessage, type DeadLetterPatterns, type RpcResponse } from '@eventmart/contracts';

type View = RpcResponse<DeadLetterPatterns['list']>['items'][number];
type Details = RpcResponse<DeadLetterPatterns['get']>;
type Report = RpcResponse<DeadLetterPatterns['replay']>;

const iso = (date: Date): string => date.toISOString();

/** A dead letter as the contract carries it: times as ISO strings. */
export function toDeadLetterView(record: DeadLetterRecord): View {
  return {
    ...record,
    firstFailedAt: iso(record.firstFailedAt),
    lastFailedAt: iso(record.lastFailedAt),
    resolvedAt: record.resolvedAt === null ? null : iso(record.resolvedAt),
  };
}

export function toDeadLetterDetails(details: DeadLetterDetails): Details {
  return {
    ...toDeadLetterView(details),
    ...toFailedMessage(details.raw, details.errorStack),
    replayable: details.replayable,
    audit: details.audit.map(({ deadLetterId: _, at, selection, ...entry }) => ({
      ...entry,
      at: iso(at),
      selection: { ...selection },
    })),
  };
}

export function toDeadLetterReport(report: DeadLetterActionReport): Report {
  return {
    ...report,
    results: report.results.map((result) => ({ ...result, handlers: [...result.handlers] })),
    missing: [...report.missing],
  };
}
