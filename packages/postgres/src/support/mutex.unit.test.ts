import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('Mutex', () => {
  it('runs critical sections one at a time, in request order', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const section = (name: string) =>
      mutex.run(async () => {
        log.push(`${name} in`);
        await tick();
        log.push(`${name} out`);
      });
    await Promise.all([section('a'), section('b'), section('c')]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('is released when the section throws', async () => {
    const mutex = new Mutex();
    await expect(mutex.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(mutex.held).toBe(false);
    await expect(mutex.run(() => Promise.resolve(1))).resolves.toBe(1);
  });

  it('ignores a second release', async () => {
    const mutex = new Mutex();
    const first = await mutex.acquire();
    const second = mutex.acquire();
    first();
    const releaseSecond = await second;
    first();
    expect(mutex.held).toBe(true);
    const third = mutex.acquire();
    let thirdGranted = false;
    void third.then(() => (thirdGranted = true));
    await tick();
    expect(thirdGranted).toBe(false);
    releaseSecond();
    await third;
    expect(thirdGranted).toBe(true);
  });
});
