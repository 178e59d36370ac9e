import { describe, expect, it } from 'vitest';
import { shareOf } from './assignment.js';

const members = [
  { memberId: 'c', topics: ['orders'] },
  { memberId: 'a', topics: ['orders', 'payments'] },
  { memberId: 'b', topics: ['orders'] },
];

describe('shareOf', () => {
  it('deals every partition to exactly one member, evenly, whatever order members are listed in', () => {
    const shares = ['a', 'b', 'c'].map((id) => shareOf(id, members, 8));
    const reversed = ['a', 'b', 'c'].map((id) => shareOf(id, [...members].reverse(), 8));
    expect(reversed).toEqual(shares);
    const dealt = shares.flat().map((tp) => `${tp.topic}/${String(tp.partition)}`);
    expect(new Set(dealt).size).toBe(16);
    expect(dealt).toHaveLength(16);
    expect(shares.map((share) => share.filter((tp) => tp.topic === 'orders').length)).toEqual([
      3, 3, 2,
    ]);
  });

  it('gives a topic only to the members reading it', () => {
    expect(shareOf('a', members, 8).filter((tp) => tp.topic === 'payments')).toHaveLength(8);
    expect(shareOf('b', members, 8).some((tp) => tp.topic === 'payments')).toBe(false);
  });

  it('gives nothing to a member missing from the list', () => {
    expect(shareOf('z', members, 8)).toEqual([]);
  });
});
