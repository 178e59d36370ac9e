/** 0, 1, ..., n - 1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, index) => index);
}

/** Consecutive slices of at most `size` items. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    slices.push(items.slice(start, start + size));
  return slices;
}

/** Round-robin over the lists: first of each, then second of each, and so on. */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const longest = Math.max(0, ...lists.map((list) => list.length));
  return range(longest).flatMap((index) =>
    lists.flatMap((list) => (index < list.length ? [list[index] as T] : [])),
  );
}

/** 5000 → "5,000": counts in failure messages are read by people. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
