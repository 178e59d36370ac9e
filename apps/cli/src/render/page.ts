import type { ServiceFault } from '../answers.js';
import { table, type Cell, type Column } from './table.js';
import { withFaults } from './text.js';

/** A page of a list over every service, as the gateway answers it. */
export interface ListPage<Item> {
  readonly items: readonly Item[];
  readonly total: number;
  readonly unavailable: readonly ServiceFault[];
}

/**
 * The page as a table, a row per item, with which of how many it shows (`things` names them);
 * then the services that did not answer.
 */
export function renderPage<Item>(
  list: ListPage<Item>,
  offset: number,
  things: string,
  columns: readonly Column[],
  row: (item: Item) => Cell[],
): string {
  if (list.items.length === 0) {
    return withFaults(`No ${things} (${String(list.total)} match).`, list.unavailable);
  }
  const shown = `${String(offset + 1)}-${String(offset + list.items.length)}`;
  return withFaults(
    `${table(columns, list.items.map(row))}\n${shown} of ${String(list.total)} ${things}.`,
    list.unavailable,
  );
}
