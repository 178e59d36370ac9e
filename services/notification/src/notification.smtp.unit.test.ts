// The SMTP path against a tiny SMTP server on the loopback interface (smtp-server, by the
// nodemailer authors) that keeps what it receives: no real server is reachable from tests.
// Last, the circuit breaker around it: a server that refuses a few messages in a row, then
// recovers, while mails keep being due.
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmailSent, OrderShipped, UserRegistered } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { ServiceEventingHost } from '@eventmart/nestjs';
import { openDatabase } from '@eventmart/postgres';
import { SMTPServer } from 'smtp-server';
import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NotificationModule } from './index.js';
import { NodemailerMailSender } from './infrastructure/nodemailer-mail-sender.js';
import { ServiceHarness, eventually, settle } from '@eventmart/service-testing';

interface ReceivedMail {
  readonly from: string;
  readonly recipients: string[];
  /** Header names in lower case, folded lines joined. */
  readonly headers: ReadonlyMap<string, string>;
  readonly raw: string;
}

class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Answers the next n messages with a temporary failure (451), as a server in trouble. */
  failNext = 0;
  /** Messages handed to the server, refused or not: what a circuit breaker spares it. */
  attempts = 0;
  private port = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        this.attempts += 1;
        if (this.failNext > 0) {
          this.failNext -= 1;
          callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          recipients: session.envelope.rcptTo.map((address) => address.address),
          headers: parseHeaders(raw),
          raw,
        });
        callback();
      });
    },
  });

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    sink.port = (sink.server.server.address() as AddressInfo).port;
    return sink;
  }

  /** `smtp://127.0.0.1:<port>`, with the port the system gave (kept after closing). */
  get url(): string {
    return `smtp://127.0.0.1:${String(this.port)}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(resolve));
  }
}

function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const mail = {
  to: 'ada@example.org',
  subject: 'Your order o-1 is confirmed',
  text: 'Hello Ada,\n\nthanks.',
  messageId: '<0190a7f0-0000-7000-8000-000000000001@shop.example>',
};

describe('NodemailerMailSender over SMTP', () => {
  let sink: SmtpSink;
  let sender: NodemailerMailSender;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    sender = new NodemailerMailSender({ smtpUrl: sink.url, from: 'Shop <no-reply@shop.example>' });
  });

  afterAll(async () => {
    sender.onApplicationShutdown();
    await sink.close();
  });

  it('hands the message to the server with recipient, subject and our Message-ID', async () => {
    expect(sender.channel).toBe('smtp');
    await sender.send(mail);
    const [received] = sink.received;
    expect(received?.recipients).toEqual(['ada@example.org']);
    expect(received?.from).toBe('no-reply@shop.example');
    expect(received?.headers.get('subject')).toBe('Your order o-1 is confirmed');
    expect(received?.headers.get('message-id')).toBe(mail.messageId);
    expect(received?.raw).toContain('Hello Ada,');
  });

  it('rejects when the server refuses the message, so the handler is retried', async () => {
    sink.failNext = 1;
    await expect(sender.send(mail)).rejects.toThrow(/try again later/);
  });

  it('rejects when no server answers at the URL', async () => {
    const closed = await SmtpSink.start();
    await closed.close();
    const nowhere = new NodemailerMailSender({
      smtpUrl: closed.url,
      from: 'no-reply@shop.example',
    });
    await expect(nowhere.send(mail)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('NodemailerMailSender without SMTP', () => {
  it('builds the message and sends it nowhere: the mailbox keeps it', async () => {
    const sender = new NodemailerMailSender({ from: 'no-reply@shop.example' });
    expect(sender.channel).toBe('mailbox');
    await expect(sender.send(mail)).resolves.toBeUndefined();
  });
});

describe('NotificationModule over SMTP', () => {
  let database: SqlDatabase;
  let sink: SmtpSink;
  let harness: ServiceHarness;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    sink = await SmtpSink.start();
    harness = await ServiceHarness.start(
      NotificationModule.forRoot({
        smtpUrl: sink.url,
        from: 'Shop <hello@shop.example>',
        retry: { maxAttempts: 50, backoff: { initialMs: 5, maxMs: 20 } },
      }),
      database,
      [EmailSent],
    );
  });

  afterAll(async () => {
    await harness.close();
    await sink.close();
    await database.close();
  });

  const receivedBy = (address: string) =>
    sink.received.filter((mail) => mail.recipients.includes(address));
  const logged = (address: string) =>
    database.db
      .withSchema('notification')
      .selectFrom('mails')
      .selectAll()
      .where('to', '=', address)
      .execute();

  it('sends the mail to the server, with a Message-ID made from the event id, and logs it', async () => {
    const event = await harness.publish(
      UserRegistered,
      { userId: 'u-1', email: 'ada@example.org', name: 'Ada' },
      'u-1',
    );
    const [received] = await eventually(
      () => receivedBy('ada@example.org').length > 0 && receivedBy('ada@example.org'),
    );
    expect(received?.headers.get('subject')).toBe('Welcome to EventMart');
    expect(received?.headers.get('message-id')).toBe(`<${event.id}@shop.example>`);
    expect(received?.headers.get('from')).toBe('Shop <hello@shop.example>');
    const [row] = await eventually(() =>
      logged('ada@example.org').then((rows) => rows.length > 0 && rows),
    );
    expect(row).toMatchObject({
      channel: 'smtp',
      event_id: event.id,
      message_id: `<${event.id}@shop.example>`,
    });
    await eventually(() => harness.published(EmailSent).some((e) => e.data.userId === 'u-1'));
  });

  it('retries while the server refuses, then sends and logs the mail once', async () => {
    await harness.publish(
      UserRegistered,
      { userId: 'u-2', email: 'grace@example.org', name: 'Grace' },
      'u-2',
    );
    await eventually(() => receivedBy('grace@example.org').length === 1);
    const stats = harness.app.get(ServiceEventingHost).eventing.consumer.stats;
    const retriesBefore = stats.get('retries');

    sink.failNext = 2;
    await harness.publish(
      OrderShipped,
      { orderId: 'o-9', customerId: 'u-2', shipmentId: 's-9', carrier: 'UPS' },
      'o-9',
    );
    await eventually(() => receivedBy('grace@example.org').length === 2);
    expect(stats.get('retries')).toBeGreaterThanOrEqual(retriesBefore + 2);
    await settle();
    expect(receivedBy('grace@example.org')[1]?.headers.get('subject')).toBe(
      'Your order o-9 has shipped',
    );
    const rows = await logged('grace@example.org');
    expect(rows.filter((row) => row.order_id === 'o-9')).toHaveLength(1);
    await eventually(
      () => harness.published(EmailSent).filter((e) => e.data.orderId === 'o-9').length === 1,
    );
  });
});

const HALF_OPEN_AFTER_MS = 1_000;

describe('SMTP behind a circuit breaker', () => {
  let database: SqlDatabase;
  let sink: SmtpSink;
  let harness: ServiceHarness;
  const lines: string[] = [];

  beforeAll(async () => {
    // What the service logs through Nest's Logger (the harness turns the output off).
    const keep = (message: unknown) => {
      if (typeof message === 'string' && message.startsWith('circuit')) lines.push(message);
    };
    vi.spyOn(Logger.prototype, 'log').mockImplementation(keep);
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(keep);
    database = await openDatabase({ dataDir: 'memory://' });
    sink = await SmtpSink.start();
    harness = await ServiceHarness.start(
      NotificationModule.forRoot({
        smtpUrl: sink.url,
        retry: { maxAttempts: 10, backoff: { initialMs: 20, maxMs: 50 } },
        circuitBreaker: { consecutiveFailures: 3, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
      }),
      database,
      [EmailSent],
    );
  });

  afterAll(async () => {
    await harness.close();
    await sink.close();
    await database.close();
    vi.restoreAllMocks();
  });

  const receivedBy = (address: string) =>
    sink.received.filter((mail) => mail.recipients.includes(address));
  const deadLetters = () =>
    database.db.withSchema('notification').selectFrom('dead_letters').selectAll().execute();
  const projected = async (userId: string) =>
    (await database.db
      .withSchema('notification')
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .executeTakeFirst()) !== undefined;

  it('stops sending to a failing server, holds mails back, and sends each once when it recovers', async () => {
    sink.failNext = 3;
    await harness.publish(
      UserRegistered,
      { userId: 'u-1', email: 'ada@example.org', name: 'Ada' },
      'u-1',
    );
    await eventually(() => lines.length === 1);
    expect(lines[0]).toMatch(/^circuit opened: smtp \(last failure: .*try again later/);
    expect(sink.attempts).toBe(3);

    // A mail due while it is open waits without reaching the server; the rest goes on.
    await harness.publish(
      UserRegistered,
      { userId: 'u-2', email: 'grace@example.org', name: 'Grace' },
      'u-2',
    );
    await eventually(() => projected('u-2'));
    await sleep(HALF_OPEN_AFTER_MS / 2);
    expect(sink.attempts).toBe(3);
    expect(sink.received).toEqual([]);
    expect(await deadLetters()).toEqual([]);

    // The server accepts again: the trial send closes the circuit, and both mails go out once.
    await eventually(
      () =>
        receivedBy('ada@example.org').length === 1 && receivedBy('grace@example.org').length === 1,
    );
    await eventually(() => harness.published(EmailSent).length === 2);
    await sleep(200);
    expect(sink.received).toHaveLength(2);
    expect(sink.attempts).toBe(5);
    expect(
      harness
        .published(EmailSent)
        .map((event) => event.data.to)
        .sort(),
    ).toEqual(['ada@example.org', 'grace@example.org']);
    expect(lines).toEqual([
      expect.stringMatching(/^circuit opened: smtp/),
      'circuit half-open: smtp; one trial call',
      'circuit closed: smtp; calls go through again',
    ]);
    expect(await deadLetters()).toEqual([]);
  });
});
