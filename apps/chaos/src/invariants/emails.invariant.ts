import type { Books } from '../books/books.js';
import { tally, Verdict, type InvariantResult } from './invariant.js';

/**
 * The events the notification service writes an e-mail for, and the template of each
 * (services/notification: WelcomeMail, OrderMails).
 */
export const MAIL_TEMPLATE_OF: Readonly<Record<string, string>> = {
  'user.registered': 'welcome',
  'order.confirmed': 'order-confirmed',
  'order.cancelled': 'order-cancelled',
  'order.shipped': 'order-shipped',
};

/**
 * Exactly one e-mail per e-mail-worthy event (its mail row names the event), with the right
 * template, none for another event, and one email.sent per e-mail.
 */
export function oneMailPerEvent(books: Books): InvariantResult {
  const verdict = new Verdict('exactly one e-mail per e-mail-worthy event');
  const worthy = books.events.filter((event) => event.type in MAIL_TEMPLATE_OF);
  const mailsOf = new Map<string, string[]>();
  for (const mail of books.mails)
    mailsOf.set(mail.eventId, [...(mailsOf.get(mail.eventId) ?? []), mail.template]);
  for (const event of worthy) {
    verdict.count('e-mail-worthy events');
    const templates = mailsOf.get(event.eventId) ?? [];
    verdict.expect(
      templates.length === 1,
      () => `${event.type} ${event.eventId} (${event.key}): ${String(templates.length)} e-mails`,
    );
    verdict.expect(
      templates.every((template) => template === MAIL_TEMPLATE_OF[event.type]),
      () => `${event.type} ${event.eventId}: sent ${templates.join(', ')}`,
    );
  }
  const worthyIds = new Set(worthy.map((event) => event.eventId));
  for (const mail of books.mails) {
    verdict.count('e-mails');
    verdict.expect(
      worthyIds.has(mail.eventId),
      () => `e-mail ${mail.id} answers no e-mail-worthy event`,
    );
  }
  const sent = tally(
    books.events.filter((event) => event.type === 'email.sent'),
    (event) => (JSON.parse(event.payload) as { emailId?: string }).emailId ?? '',
  );
  verdict.count(
    'email.sent events',
    [...sent.values()].reduce((sum, n) => sum + n, 0),
  );
  for (const mail of books.mails) {
    const times = sent.get(mail.id) ?? 0;
    verdict.expect(
      times === 1,
      () => `e-mail ${mail.id}: email.sent published ${String(times)} times`,
    );
  }
  return verdict.result();
}
