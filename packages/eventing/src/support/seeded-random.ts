/**
 * A seeded pseudo-random source (mulberry32): the same seed plans the same orders and picks
 * the same fault targets in the same order, so a failing run can be told apart from bad luck.
 * (What the system does with them still depends on timing.)
 */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * A stream of its own for one user of randomness, fixed by this seed and `name` alone: the
   * fault loops draw at times the machine decides, so from one shared stream a kill's victim
   * would depend on how many poison records had been drawn before it, and a seed would not
   * replay the same targets.
   */
  derive(name: string): Random {
    // FNV-1a over the name, started from the seed.
    let hash = (this.seed ^ 0x811c9dc5) >>> 0;
    for (let i = 0; i < name.length; i += 1)
      hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
    return new Random(hash);
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('nothing to pick from');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A key, with the chance of each proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let left = this.next() * total;
    for (const [key, weight] of entries) {
      left -= weight;
      if (left < 0) return key;
    }
    const last = entries.at(-1);
    if (last === undefined) throw new Error('no weights');
    return last[0];
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    }
    return chosen;
  }
}
