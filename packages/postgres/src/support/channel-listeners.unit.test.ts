import { describe, expect, it, vi } from 'vitest';
import { ChannelListeners } from './channel-listeners.js';

function commands() {
  return { listen: vi.fn(() => Promise.resolve()), unlisten: vi.fn(() => Promise.resolve()) };
}

describe('ChannelListeners', () => {
  it('LISTENs on the first callback of a channel and UNLISTENs after the last', async () => {
    const sql = commands();
    const listeners = new ChannelListeners(sql);
    const stopA = await listeners.listen('orders', () => undefined);
    const stopB = await listeners.listen('orders', () => undefined);
    expect(sql.listen).toHaveBeenCalledTimes(1);
    await stopA();
    await stopA();
    expect(sql.unlisten).not.toHaveBeenCalled();
    await stopB();
    expect(sql.unlisten).toHaveBeenCalledExactlyOnceWith('orders');
  });

  it('dispatches to the callbacks of that exact channel only', async () => {
    const listeners = new ChannelListeners(commands());
    const upper = vi.fn();
    const lower = vi.fn();
    await listeners.listen('Orders', upper);
    await listeners.listen('orders', lower);
    listeners.dispatch('Orders', 'p');
    expect(upper).toHaveBeenCalledExactlyOnceWith('p');
    expect(lower).not.toHaveBeenCalled();
  });

  it('keeps calling the other callbacks when one throws, and logs it', async () => {
    const warn = vi.fn();
    const listeners = new ChannelListeners(commands(), { warn });
    const after = vi.fn();
    await listeners.listen('c', () => {
      throw new Error('listener bug');
    });
    await listeners.listen('c', after);
    listeners.dispatch('c', 'x');
    expect(after).toHaveBeenCalledWith('x');
    expect(warn).toHaveBeenCalledWith('A notification listener threw', expect.anything());
  });

  it('leaves no trace of a listen whose LISTEN failed', async () => {
    const sql = commands();
    sql.listen.mockRejectedValueOnce(new Error('connection refused'));
    const listeners = new ChannelListeners(sql);
    await expect(listeners.listen('c', () => undefined)).rejects.toThrow('connection refused');
    await listeners.whileUnchanged(async (channels) => expect(channels).toEqual([]));
    await listeners.listen('c', () => undefined);
    expect(sql.listen).toHaveBeenCalledTimes(2);
  });

  it('rejects a channel name PostgreSQL would truncate', async () => {
    const listeners = new ChannelListeners(commands());
    await expect(listeners.listen('x'.repeat(64), () => undefined)).rejects.toThrow('63 bytes');
  });
});
