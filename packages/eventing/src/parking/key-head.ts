import type { ExpressionBuilder } from 'kysely';
import type { ParkingTables } from './parked-table.js';

// The first parked event of a (consumer, ordering key) is the only one of its key that may run;
// the others wait behind it. Both queries read the lot aliased `p`.

type Lot = ExpressionBuilder<ParkingTables & { p: ParkingTables['parked_events'] }, 'p'>;

/** Whether `p` is the first parked event of its key: none of its key was parked before it. */
export function isKeyHead(eb: Lot) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('parked_events as q')
        .select('q.seq')
        .whereRef('q.consumer', '=', 'p.consumer')
        .whereRef('q.ordering_key', '=', 'p.ordering_key')
        .whereRef('q.seq', '<', 'p.seq'),
    ),
  );
}

/** The seq of the first parked event of `p`'s key, selected as `key_head`. */
export function keyHead(eb: Lot) {
  return eb
    .selectFrom('parked_events as h')
    .select((inner) => inner.fn.min<string>('h.seq').as('seq'))
    .whereRef('h.consumer', '=', 'p.consumer')
    .whereRef('h.ordering_key', '=', 'p.ordering_key')
    .as('key_head');
}
