import { CancellationReason } from '@eventmart/contracts';
import { describe, expect, it } from 'vitest';
import {
  cancellationReasonInWords,
  formatMoney,
  orderCancelledMail,
  orderConfirmedMail,
  orderShippedMail,
  welcomeMail,
} from './mail-templates.js';

describe('mail templates', () => {
  it('welcome greets the new customer by name', () => {
    const mail = welcomeMail({ name: 'Ada' });
    expect(mail.subject).toBe('Welcome to EventMart');
    expect(mail.text).toMatch(/^Hello Ada,/);
  });

  it('order confirmed names the order and the amount paid', () => {
    const mail = orderConfirmedMail({ name: 'Ada', orderId: 'o-1', total: 3_050, currency: 'EUR' });
    expect(mail.subject).toBe('Your order o-1 is confirmed');
    expect(mail.text).toContain('payment of €30.50 for order o-1');
  });

  it.each([
    ['OUT_OF_STOCK', 'some of the items you ordered are out of stock'],
    ['PAYMENT_DECLINED', 'your payment was declined'],
    ['PAYMENT_TIMEOUT', 'we could not get an answer from the payment provider in time'],
    ['CUSTOMER_REQUEST', 'you asked us to cancel it'],
  ] as const)('order cancelled (%s) gives the reason in words', (reason, words) => {
    const mail = orderCancelledMail({ name: 'Ada', orderId: 'o-2', reason, wasPaid: false });
    expect(mail.subject).toBe('Your order o-2 was cancelled');
    expect(mail.text).toContain(
      `your order o-2 was cancelled because ${words}. Nothing was charged.`,
    );
  });

  it('has words for every cancellation reason of the contract', () => {
    for (const reason of CancellationReason.options)
      expect(cancellationReasonInWords(reason)).toMatch(/\w/);
  });

  it('order cancelled promises a refund when the order was paid, and shows the detail', () => {
    const mail = orderCancelledMail({
      name: 'Ada',
      orderId: 'o-3',
      reason: 'CUSTOMER_REQUEST',
      detail: 'changed my mind',
      wasPaid: true,
    });
    expect(mail.text).toContain(
      'because you asked us to cancel it (changed my mind). The amount you paid will be refunded in full.',
    );
  });

  it('order shipped names the carrier and tracking number when known', () => {
    const mail = orderShippedMail({
      name: 'Ada',
      orderId: 'o-4',
      carrier: 'DHL',
      trackingNumber: 'JD0142',
    });
    expect(mail.subject).toBe('Your order o-4 has shipped');
    expect(mail.text).toContain('your order o-4 is on its way with DHL.\nTracking number: JD0142');
  });

  it('order shipped reads well without carrier or tracking', () => {
    const mail = orderShippedMail({ name: 'Ada', orderId: 'o-5' });
    expect(mail.text).toContain('your order o-5 is on its way.\n');
    expect(mail.text).not.toContain('Tracking');
  });

  it('formats minor units with the decimals of each currency', () => {
    expect(formatMoney(123_456, 'USD')).toBe('$1,234.56');
    expect(formatMoney(3_000, 'JPY')).toBe('¥3,000');
    // ICU puts a no-break space after a currency code.
    expect(formatMoney(1_000, 'KWD')).toMatch(/^KWD\s1\.000$/);
  });
});
