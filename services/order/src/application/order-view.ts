import type { Rpc, RpcResponse } from '@eventmart/contracts';
import type { OrderState } from '../domain/index.js';
import type { RecordedOrderEvent } from './order-event-store.port.js';
import type { OrderView } from './order-read-model.port.js';

/** One event of the audit trail, as Rpc.getOrder answers it. */
export type HistoryEntry = RpcResponse<typeof Rpc.getOrder>['history'][number];

/** The view of `state`, which `recorded` (the stream from its start) led to. */
export function orderView(state: OrderState, recorded: readonly RecordedOrderEvent[]): OrderView {
  const first = recorded[0];
  const last = recorded[recorded.length - 1];
  if (first === undefined || last === undefined) throw new Error(`order ${state.id} has no events`);
  return {
    id: state.id,
    customerId: state.customerId,
    status: state.status,
    lines: state.lines.map(({ sku, quantity, unitPrice }) => ({ sku, quantity, unitPrice })),
    total: state.total,
    currency: state.currency,
    cancellationReason: state.cancellation?.reason ?? null,
    cancellationDetail: state.cancellation?.detail ?? null,
    version: last.version,
    placedAt: first.recordedAt.toISOString(),
    updatedAt: last.recordedAt.toISOString(),
  };
}

export function historyEntry({ version, event, recordedAt }: RecordedOrderEvent): HistoryEntry {
  return {
    version,
    type: event.type,
    data: { ...event.data },
    recordedAt: recordedAt.toISOString(),
  };
}
