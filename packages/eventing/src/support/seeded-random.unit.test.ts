import { describe, expect, it } from 'vitest';
import { Random } from './seeded-random.js';

describe('seeded random', () => {
  it('repeats itself for the same seed, and differs for another', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => new Random(seed).next());
    const a = new Random(42);
    const b = new Random(42);
    const sequence = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sequence);
    expect(sequence.every((n) => n >= 0 && n < 1)).toBe(true);
    expect(draw(1)).not.toEqual(draw(2).map((n) => n + 1));
    expect(new Random(1).next()).not.toBe(new Random(2).next());
  });

  it('picks whole numbers in range, by weight, and samples without repeating', () => {
    const random = new Random(7);
    const ints = Array.from({ length: 500 }, () => random.int(2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
    const picks = Array.from({ length: 2000 }, () => random.weighted({ rare: 1, common: 9 }));
    const rare = picks.filter((key) => key === 'rare').length;
    expect(rare).toBeGreaterThan(100);
    expect(rare).toBeLessThan(320);
    expect(random.weighted({ only: 0, other: 1 })).toBe('other');
    const sample = random.sample(['a', 'b', 'c', 'd'], 3);
    expect(new Set(sample).size).toBe(3);
    expect(random.sample(['a'], 5)).toEqual(['a']);
  });

  it('derives streams fixed by the seed and the name, whatever was drawn before', () => {
    const draws = (random: Random) => Array.from({ length: 10 }, () => random.next());
    const fresh = new Random(2026);
    const used = new Random(2026);
    draws(used);
    expect(draws(used.derive('kill'))).toEqual(draws(fresh.derive('kill')));
    expect(draws(fresh.derive('kill'))).not.toEqual(draws(fresh.derive('broker')));
    expect(draws(fresh.derive('kill'))).not.toEqual(draws(new Random(2027).derive('kill')));
    expect(draws(fresh.derive('kill'))).not.toEqual(draws(fresh));
  });
});
