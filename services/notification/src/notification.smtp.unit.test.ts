// The SMTP path against a tiny SMTP server on the loopback interface (smtp-server, by the
// nodemailer authors) that keeps what it receives: no real server is reachable from tests.
import type { AddressInfo } from 'node:net';
import { EmailSent, OrderShipped, UserRegistered } from '@eventmart/contracts';
import type { SqlDatabase } from '@eventmart/eventing';
import { ServiceEventingHost } from '@eventmart/nestjs';
import { openDatabase } from '@eventmart/postgres';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  private port = 0;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
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
