import {
  EmailSent,
  MailView,
  OrderCancelled,
  OrderConfirmed,
  OrderShipped,
  UserRegistered,
  type EventData,
} from '@eventmart/contracts';
import { ServiceEventingHost } from '@eventmart/nestjs';
import type { SqlDatabase } from '@eventmart/eventing';
import { openDatabase } from '@eventmart/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationModule, NotificationRpcController } from './index.js';
import { rpcErrorOf } from '@eventmart/service-testing';
import { ServiceHarness, eventually, settle } from '@eventmart/service-testing';

const user = (n: number): EventData<typeof UserRegistered> => ({
  userId: `user-${String(n)}`,
  email: `customer${String(n)}@example.org`,
  name: `Customer ${String(n)}`,
});

describe('NotificationModule (development mailbox)', () => {
  let database: SqlDatabase;
  let harness: ServiceHarness;
  let rpc: NotificationRpcController;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    harness = await ServiceHarness.start(
      // Quick retries, so that waiting for a late user takes milliseconds here.
      NotificationModule.forRoot({
        retry: { maxAttempts: 200, backoff: { initialMs: 5, maxMs: 20 } },
      }),
      database,
      [EmailSent],
    );
    rpc = harness.app.get(NotificationRpcController);
  });

  afterAll(async () => {
    await harness.close();
    await database.close();
  });

  const mailsTo = (to: string) => rpc.onListMailbox({ to });
  const sentFor = (orderId: string) =>
    harness.published(EmailSent).filter((event) => event.data.orderId === orderId);
  const registered = async (n: number) => {
    await harness.publish(UserRegistered, user(n), user(n).userId);
    await eventually(async () => (await mailsTo(user(n).email)).length > 0);
  };

  it('projects user.registered and sends the welcome mail', async () => {
    const event = await harness.publish(UserRegistered, user(1), 'user-1');
    const [mail] = await eventually(() =>
      mailsTo('customer1@example.org').then((m) => m.length > 0 && m),
    );
    expect(MailView.parse(mail)).toMatchObject({
      to: 'customer1@example.org',
      subject: 'Welcome to EventMart',
      template: 'welcome',
      orderId: null,
    });
    expect(mail?.text).toMatch(/^Hello Customer 1,/);
    const projected = await database.db
      .withSchema('notification')
      .selectFrom('users')
      .selectAll()
      .where('id', '=', 'user-1')
      .executeTakeFirst();
    expect(projected).toMatchObject({ email: 'customer1@example.org', name: 'Customer 1' });
    const logged = await database.db
      .withSchema('notification')
      .selectFrom('mails')
      .select(['event_id', 'message_id', 'channel'])
      .where('id', '=', mail?.id ?? '')
      .executeTakeFirst();
    expect(logged).toEqual({
      event_id: event.id,
      message_id: `<${event.id}@eventmart.local>`,
      channel: 'mailbox',
    });
    const sent = await eventually(() =>
      harness
        .published(EmailSent)
        .find((e) => e.data.userId === 'user-1' && e.data.template === 'welcome'),
    );
    expect(sent).toMatchObject({
      source: 'notification',
      causationId: event.id,
      data: {
        emailId: mail?.id,
        to: 'customer1@example.org',
        template: 'welcome',
        userId: 'user-1',
      },
    });
  });

  it('sends order confirmed, cancelled with the reason and shipped with tracking', async () => {
    await registered(2);
    const customerId = 'user-2';
    await harness.publish(
      OrderConfirmed,
      { orderId: 'o-21', customerId, total: 4_200, currency: 'EUR' },
      'o-21',
    );
    await harness.publish(
      OrderCancelled,
      { orderId: 'o-22', customerId, reason: 'PAYMENT_DECLINED', wasPaid: false },
      'o-22',
    );
    await harness.publish(
      OrderShipped,
      { orderId: 'o-21', customerId, shipmentId: 's-1', carrier: 'DHL', trackingNumber: 'JD014' },
      'o-21',
    );
    const mails = await eventually(() =>
      mailsTo('customer2@example.org').then((m) => m.length === 4 && m),
    );
    const byTemplate = new Map(mails.map((mail) => [mail.template, mail]));
    expect(byTemplate.get('order-confirmed')).toMatchObject({
      orderId: 'o-21',
      subject: 'Your order o-21 is confirmed',
    });
    expect(byTemplate.get('order-confirmed')?.text).toContain('€42.00');
    expect(byTemplate.get('order-cancelled')?.text).toContain('because your payment was declined');
    expect(byTemplate.get('order-shipped')?.text).toContain('with DHL.\nTracking number: JD014');
    await eventually(() => sentFor('o-21').length === 2 && sentFor('o-22').length === 1);
    expect(sentFor('o-22')[0]?.data).toMatchObject({
      to: 'customer2@example.org',
      template: 'order-cancelled',
      orderId: 'o-22',
      userId: 'user-2',
    });
  });

  it('holds an order mail whose customer is not known yet, and sends it once they are', async () => {
    const stats = harness.app.get(ServiceEventingHost).eventing.consumer.stats;
    const retriesBefore = stats.get('retries');
    await harness.publish(
      OrderConfirmed,
      { orderId: 'o-31', customerId: 'user-3', total: 1_000, currency: 'EUR' },
      'o-31',
    );
    await eventually(() => stats.get('retries') >= retriesBefore + 2);
    expect(await mailsTo('customer3@example.org')).toEqual([]);

    await harness.publish(UserRegistered, user(3), 'user-3');
    const mails = await eventually(() =>
      mailsTo('customer3@example.org').then((m) => m.length === 2 && m),
    );
    expect(mails.map((mail) => mail.template).sort()).toEqual(['order-confirmed', 'welcome']);
    await eventually(() => sentFor('o-31').length === 1);
  });

  it('sends one mail for an event delivered twice', async () => {
    await registered(4);
    const confirmed = await harness.publish(
      OrderConfirmed,
      { orderId: 'o-41', customerId: 'user-4', total: 500, currency: 'EUR' },
      'o-41',
    );
    await eventually(() => sentFor('o-41').length === 1);
    const stats = harness.app.get(ServiceEventingHost).eventing.consumer.stats;
    const duplicatesBefore = stats.get('duplicates');
    await harness.redeliver(OrderConfirmed, confirmed);
    await eventually(() => stats.get('duplicates') > duplicatesBefore);
    await settle();
    expect(
      (await mailsTo('customer4@example.org')).filter((m) => m.orderId === 'o-41'),
    ).toHaveLength(1);
    expect(sentFor('o-41')).toHaveLength(1);
  });

  it('sends nothing again for a replay that gets past the inbox (the event id is unique)', async () => {
    await registered(5);
    const confirmed = await harness.publish(
      OrderConfirmed,
      { orderId: 'o-51', customerId: 'user-5', total: 500, currency: 'EUR' },
      'o-51',
    );
    await eventually(() => sentFor('o-51').length === 1);
    // As if the inbox row were gone (pruned, or a dead letter replayed by hand).
    await database.db
      .withSchema('notification')
      .deleteFrom('inbox')
      .where('event_id', '=', confirmed.id)
      .execute();
    await harness.redeliver(OrderConfirmed, confirmed);
    await eventually(() =>
      database.db
        .withSchema('notification')
        .selectFrom('inbox')
        .select('event_id')
        .where('event_id', '=', confirmed.id)
        .executeTakeFirst(),
    );
    await settle();
    expect(
      (await mailsTo('customer5@example.org')).filter((m) => m.orderId === 'o-51'),
    ).toHaveLength(1);
    expect(sentFor('o-51')).toHaveLength(1);
  });

  describe('list-mailbox', () => {
    it('lists the newest first, for one recipient in any letter case', async () => {
      const mails = await rpc.onListMailbox({ to: 'CUSTOMER2@example.org' });
      expect(mails.length).toBe(4);
      expect(new Set(mails.map((mail) => mail.to))).toEqual(new Set(['customer2@example.org']));
      const times = mails.map((mail) => mail.sentAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(mails.at(-1)?.template).toBe('welcome');
    });

    it('lists every recipient, up to the limit', async () => {
      const all = await rpc.onListMailbox({});
      expect(new Set(all.map((mail) => mail.to)).size).toBeGreaterThan(1);
      await expect(rpc.onListMailbox({ limit: 2 })).resolves.toEqual(all.slice(0, 2));
    });

    it('answers BAD_REQUEST for a filter that is not an address', async () => {
      await expect(rpcErrorOf(() => rpc.onListMailbox({ to: 'nobody' }))).resolves.toMatchObject({
        code: 'BAD_REQUEST',
      });
    });
  });
});
