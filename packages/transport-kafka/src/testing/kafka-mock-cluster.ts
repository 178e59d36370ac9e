import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { kafkaMockBinary } from './kafka-mock-binary.js';

export interface KafkaMockClusterOptions {
  /** Brokers in the cluster, ids 1..n. Default 3. */
  readonly brokers?: number;
  /** The helper to run; default: kafkaMockBinary() (KAFKA_MOCK_BIN, else built from tools/kafka-mock). */
  readonly binary?: string;
  /** How long to wait for the helper to report READY, and for each command. Default 10 s. */
  readonly timeoutMs?: number;
}

interface Waiter {
  readonly command: string;
  readonly resolve: (reply: string) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A librdkafka mock cluster in a child process (tools/kafka-mock), driven over its stdin: the
 * Kafka peer of this package's tests. Its data lives as long as the process: `stop()` drops it.
 * The helper also exits when this process does (its stdin closes).
 */
export class KafkaMockCluster {
  private readonly waiters: Waiter[] = [];
  private readonly stderr: string[] = [];
  private readonly exited: Promise<void>;
  private exitReason: string | undefined;
  private stopping: Promise<void> | undefined;
  private bootstrapLine: string | undefined;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly timeoutMs: number,
  ) {
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitReason ??= `kafka-mock exited (${signal ?? `code ${String(code)}`})`;
        this.failAll();
        resolve();
      });
    });
    child.on('error', (error) => {
      this.exitReason ??= `kafka-mock could not run: ${error.message}`;
      this.failAll();
    });
    // A write after the helper died fails here; the exit handler already failed the waiters.
    child.stdin.on('error', () => undefined);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr.push(chunk);
      if (this.stderr.length > 50) this.stderr.shift();
    });
    createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line));
  }

  /** Starts a cluster and resolves once it accepts connections. */
  static async start(options: KafkaMockClusterOptions = {}): Promise<KafkaMockCluster> {
    const brokers = options.brokers ?? 3;
    const binary = options.binary ?? (await kafkaMockBinary());
    const child = spawn(binary, ['--brokers', String(brokers)], { stdio: 'pipe' });
    const cluster = new KafkaMockCluster(child, options.timeoutMs ?? 10_000);
    try {
      await cluster.ready();
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** host:port of every broker, comma-separated, as the helper printed them. */
  get bootstrap(): string {
    if (this.bootstrapLine === undefined) throw new Error('kafka-mock is not ready');
    return this.bootstrapLine;
  }

  get brokers(): string[] {
    return this.bootstrap.split(',');
  }

  async createTopic(name: string, partitions: number, replication?: number): Promise<void> {
    const args = [
      name,
      String(partitions),
      ...(replication === undefined ? [] : [String(replication)]),
    ];
    await this.command('create-topic', args);
  }

  /** Closes the broker's connections and refuses new ones; its partitions keep it as leader. */
  async brokerDown(id: number): Promise<void> {
    await this.command('broker-down', [String(id)]);
  }

  async brokerUp(id: number): Promise<void> {
    await this.command('broker-up', [String(id)]);
  }

  /** Stops the helper and with it the cluster; safe to call more than once. */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      if (this.exitReason === undefined) {
        this.child.stdin.end('quit\n');
        const timer = setTimeout(() => this.child.kill('SIGKILL'), this.timeoutMs);
        await this.exited;
        clearTimeout(timer);
      }
    })());
  }

  private async ready(): Promise<void> {
    const line = await this.reply('start');
    if (line !== 'READY' || this.bootstrapLine === undefined)
      throw new Error(`kafka-mock did not start: '${line}'; ${this.describeExit()}`);
  }

  private async command(name: string, args: readonly string[]): Promise<string> {
    for (const arg of args)
      if (!/^\S+$/.test(arg)) throw new Error(`kafka-mock ${name}: invalid argument '${arg}'`);
    if (this.exitReason !== undefined || this.stopping !== undefined)
      throw new Error(`kafka-mock ${name}: ${this.exitReason ?? 'the cluster is stopping'}`);
    const line = [name, ...args].join(' ');
    const answer = this.reply(line);
    this.child.stdin.write(`${line}\n`);
    const reply = await answer;
    if (reply.startsWith('OK')) return reply;
    throw new Error(`kafka-mock ${line}: ${reply.replace(/^ERR /, '')}`);
  }

  /** The next line the helper prints; a helper that stays silent too long is killed. */
  private reply(command: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.exitReason ??= `kafka-mock gave no answer to '${command}' in ${String(this.timeoutMs)} ms`;
        this.child.kill('SIGKILL');
      }, this.timeoutMs);
      const settle =
        <T>(settler: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          settler(value);
        };
      this.waiters.push({ command, resolve: settle(resolve), reject: settle(reject) });
    });
  }

  private onLine(line: string): void {
    if (line.startsWith('BOOTSTRAP ')) {
      this.bootstrapLine = line.slice('BOOTSTRAP '.length).trim();
      return;
    }
    // READY answers the start; every later line answers the oldest command.
    this.waiters.shift()?.resolve(line);
  }

  private failAll(): void {
    const error = new Error(this.describeExit());
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private describeExit(): string {
    const output = this.stderr.join('').trim();
    return `${this.exitReason ?? 'no answer'}${output === '' ? '' : `; stderr: ${output}`}`;
  }
}
