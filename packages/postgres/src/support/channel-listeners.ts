import type { DatabaseLogger, Notifier } from '../database.js';
import { assertIdentifier } from './identifiers.js';
import { Mutex } from './mutex.js';

/** How a notifier subscribes its connection to a channel. */
export interface ChannelCommands {
  /** Runs LISTEN; a rejection fails the `listen` call that needed it. */
  listen(channel: string): Promise<void>;
  /** Runs UNLISTEN; a rejection is logged, the callbacks are gone anyway. */
  unlisten(channel: string): Promise<void>;
}

interface Entry {
  readonly onNotify: (payload: string) => void;
}

/**
 * The callbacks per channel behind a Notifier: LISTEN when a channel gets its first callback,
 * UNLISTEN when it loses its last. Channel names are exact (case-sensitive, never folded), so
 * notify with `pg_notify('Name', …)` or `NOTIFY "Name"`.
 */
export class ChannelListeners implements Notifier {
  readonly #byChannel = new Map<string, Set<Entry>>();
  // Serializes LISTEN/UNLISTEN with each other and with resubscribing after a reconnect.
  readonly #changes = new Mutex();

  constructor(
    private readonly commands: ChannelCommands,
    private readonly logger?: DatabaseLogger,
  ) {}

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    assertIdentifier(channel);
    return await this.#changes.run(async () => {
      let entries = this.#byChannel.get(channel);
      if (entries === undefined) {
        await this.commands.listen(channel);
        entries = new Set();
        this.#byChannel.set(channel, entries);
      }
      const entry: Entry = { onNotify };
      entries.add(entry);
      let unlistened: Promise<void> | undefined;
      return () => (unlistened ??= this.#remove(channel, entry));
    });
  }

  /** Calls every callback of the channel; one that throws does not stop the others. */
  dispatch(channel: string, payload: string): void {
    for (const entry of this.#byChannel.get(channel) ?? []) {
      try {
        entry.onNotify(payload);
      } catch (error) {
        this.logger?.warn('A notification listener threw', { channel, error });
      }
    }
  }

  /** Runs fn with the channel set frozen; fn gets the channels that have callbacks. */
  whileUnchanged<T>(fn: (channels: readonly string[]) => Promise<T>): Promise<T> {
    return this.#changes.run(() => fn([...this.#byChannel.keys()]));
  }

  #remove(channel: string, entry: Entry): Promise<void> {
    return this.#changes.run(async () => {
      const entries = this.#byChannel.get(channel);
      if (entries?.delete(entry) !== true || entries.size > 0) return;
      this.#byChannel.delete(channel);
      try {
        await this.commands.unlisten(channel);
      } catch (error) {
        this.logger?.warn('UNLISTEN failed', { channel, error });
      }
    });
  }
}
