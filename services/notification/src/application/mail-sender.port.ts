export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The Message-ID header, `<left@right>`: derived from the event, the same at every attempt. */
  readonly messageId: string;
}

/** Hands e-mails over for delivery. */
export abstract class MailSender {
  /** 'smtp' sends to a server; 'mailbox' only builds the message (it is kept in the mailbox). */
  abstract readonly channel: 'smtp' | 'mailbox';
  /** The sender address, e.g. `EventMart <no-reply@eventmart.local>`. */
  abstract readonly from: string;

  /** Resolves once the server accepted the message; rejects otherwise (then retry). */
  abstract send(mail: OutgoingMail): Promise<void>;
}
