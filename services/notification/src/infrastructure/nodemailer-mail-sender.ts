import type { OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { MailSender, type OutgoingMail } from '../application/mail-sender.port.js';

export interface NodemailerMailSenderOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; unset: no server, the mailbox table only. */
  readonly smtpUrl?: string | undefined;
  readonly from: string;
}

// Nodemailer's defaults wait minutes on a silent server; the handler holds its database
// transaction meanwhile, so give up sooner and let the core's retry try again.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * Nodemailer over SMTP when a URL is given. Without one, nodemailer's JSON transport takes the
 * message and sends it nowhere: the mailbox table, written by the caller, is where it is read.
 */
export class NodemailerMailSender extends MailSender implements OnApplicationShutdown {
  readonly channel: 'smtp' | 'mailbox';
  readonly from: string;
  private readonly transporter: Transporter;

  constructor(options: NodemailerMailSenderOptions) {
    super();
    this.from = options.from;
    const smtpUrl = options.smtpUrl === '' ? undefined : options.smtpUrl;
    this.channel = smtpUrl === undefined ? 'mailbox' : 'smtp';
    this.transporter =
      smtpUrl === undefined
        ? createTransport({ jsonTransport: true })
        : createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
    });
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
