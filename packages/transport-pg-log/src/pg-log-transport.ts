import {
  silentLogger,
  type BackoffOptions,
  type Logger,
  type MessageHandler,
  type OutgoingMessage,
  type SqlDatabase,
  type SubscribeOptions,
  type Subscription,
  type Transport,
  type TransportCapabilities,
} from '@eventmart/eventing';
import { openDatabase, type OpenDatabaseOptions } from '@eventmart/postgres';
import { GroupMember, type MemberSettings } from './group-member.js';
import { LogStore } from './log-store.js';
import { partitionFor } from '@eventmart/eventing';
import { migrateEventLog } from './migrations.js';

export interface PgLogTransportOptions {
  /** The schema holding the log's tables. Default 'eventlog'. */
  readonly schema?: string;
  /**
   * Partitions per topic: the unit of ordering, of sharing among a group's members, and of
   * parallel fetching. Default 8. Fixed for the life of the log: every transport on one
   * schema must use the same number (checked at first use).
   */
  readonly partitions?: number;
  /** Look for new rows this often even without a notification. Default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Most rows fetched from one partition in one query. Default 500. */
  readonly batchSize?: number;
  /** No more fetching for a partition while this many of its messages are unacknowledged. Default 1000. */
  readonly maxPendingPerPartition?: number;
  /**
   * How long a member holds its partitions without renewing, and how long a silent member
   * counts as alive. A dead member's partitions move after this. Default 10 s.
   */
  readonly leaseMs?: number;
  /** How often members heartbeat, renew leases and look at the group. Default leaseMs / 3. */
  readonly heartbeatMs?: number;
  /** Acknowledged positions are stored at most this often (and on close). Default 100 ms. */
  readonly commitIntervalMs?: number;
  /** Delays before a rejected message is delivered again. Default 100 ms doubling to 10 s. */
  readonly redelivery?: BackoffOptions;
  /** Run the log's migrations on first use. Default true. */
  readonly migrate?: boolean;
  readonly logger?: Logger;
}

/**
 * Where `PgLogTransport.open` finds the database: a PostgreSQL URL, else PGlite on dataDir
 * (a folder, or 'memory://' for a log that lives as long as the process).
 */
export type PgLogConnection = OpenDatabaseOptions;

/** What prune deletes: rows every group has passed and published before this. */
export interface PruneOptions {
  readonly olderThan: Date;
}

/**
 * The event log in PostgreSQL (or PGlite): a table of messages, consumer groups with positions
 * and leases, LISTEN/NOTIFY to wake consumers. Design: this package's README.
 */
export class PgLogTransport implements Transport {
  readonly name = 'pg-log';
  readonly capabilities: TransportCapabilities = {
    consumerGroups: true,
    perKeyOrder: true,
    persistent: true,
  };
  private readonly store: LogStore;
  private readonly settings: MemberSettings;
  private readonly members = new Set<GroupMember>();
  private readonly publishing = new Set<Promise<void>>();
  private ready: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private ownsDatabase = false;

  /** Uses an opened database and leaves it open on close. */
  constructor(
    private readonly database: SqlDatabase,
    private readonly options: PgLogTransportOptions = {},
  ) {
    const schema = options.schema ?? 'eventlog';
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema))
      throw new Error(`invalid event log schema "${schema}"`);
    const partitions = options.partitions ?? 8;
    if (!Number.isInteger(partitions) || partitions < 1)
      throw new Error('partitions must be a positive integer');
    const leaseMs = options.leaseMs ?? 10_000;
    this.store = new LogStore(database.db, schema);
    this.settings = {
      partitions,
      channel: schema,
      membersChannel: `${schema}_members`,
      pollIntervalMs: options.pollIntervalMs ?? 500,
      batchSize: options.batchSize ?? 500,
      maxPendingPerPartition: options.maxPendingPerPartition ?? 1_000,
      leaseMs,
      heartbeatMs: options.heartbeatMs ?? Math.round(leaseMs / 3),
      commitIntervalMs: options.commitIntervalMs ?? 100,
      redelivery: options.redelivery ?? { initialMs: 100, maxMs: 10_000 },
      logger: options.logger ?? silentLogger,
    };
    if (this.settings.heartbeatMs >= leaseMs)
      throw new Error('heartbeatMs must be shorter than leaseMs');
  }

  /** Opens the database (PostgreSQL with a URL, PGlite otherwise), owned: closed with the transport. */
  static async open(
    connection: PgLogConnection,
    options: PgLogTransportOptions = {},
  ): Promise<PgLogTransport> {
    const database = await openDatabase(connection);
    try {
      const transport = new PgLogTransport(database, options);
      transport.ownsDatabase = true;
      await transport.whenReady();
      return transport;
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  get schema(): string {
    return this.store.schema;
  }

  /** Runs the migrations (unless disabled) and checks the partition count; done once. */
  whenReady(): Promise<void> {
    this.ready ??= (async () => {
      if (this.options.migrate ?? true) await migrateEventLog(this.database.db, this.schema);
      const agreed = await this.store.agreePartitions(this.settings.partitions);
      if (agreed !== this.settings.partitions) {
        throw new Error(
          `event log "${this.schema}" has ${String(agreed)} partitions; this transport was given ${String(this.settings.partitions)}`,
        );
      }
    })();
    // A failure (database not up yet) is retried by the next call.
    this.ready.catch(() => (this.ready = undefined));
    return this.ready;
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closing !== undefined) return Promise.reject(new Error('transport is closed'));
    const done = this.append(messages).finally(() => this.publishing.delete(done));
    this.publishing.add(done);
    return done;
  }

  async subscribe(options: SubscribeOptions, handler: MessageHandler): Promise<Subscription> {
    if (this.closing !== undefined) throw new Error('transport is closed');
    if ((options.maxInFlight ?? 16) < 1) throw new Error('maxInFlight must be at least 1');
    await this.whenReady();
    if (this.closing !== undefined) throw new Error('transport is closed');
    const member = new GroupMember(
      this.store,
      this.database.notifier,
      options,
      handler,
      this.settings,
      () => this.members.delete(member),
    );
    this.members.add(member);
    await member.start();
    // close() ran meanwhile and closed the member too.
    if (this.closing !== undefined) throw new Error('transport is closed');
    return member;
  }

  /** Deletes rows published before `olderThan` that every group's position is past; returns how many. */
  async prune(options: PruneOptions): Promise<number> {
    await this.whenReady();
    return this.store.prune(options.olderThan);
  }

  close(): Promise<void> {
    return (this.closing ??= (async () => {
      await Promise.all([...this.members].map((member) => member.close()));
      await Promise.allSettled([...this.publishing]);
      if (this.ownsDatabase) await this.database.close();
    })());
  }

  private async append(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.whenReady();
    const rows = messages.map((message) => ({
      topic: message.topic,
      partition: partitionFor(message.key, this.settings.partitions),
      key: message.key,
      headers: message.headers,
      value: message.value,
    }));
    await this.store.append(rows, this.settings.channel);
  }
}
