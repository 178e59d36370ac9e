import type { CancellationReason, EmailTemplate } from '@eventmart/contracts';
import type { z } from 'zod';

export type TemplateName = z.infer<typeof EmailTemplate>;
export type CancellationReasonCode = z.infer<typeof CancellationReason>;

export interface MailContent {
  readonly subject: string;
  readonly text: string;
}

const SIGNATURE = '\n\nThe EventMart team';

export function welcomeMail(input: { name: string }): MailContent {
  return {
    subject: 'Welcome to EventMart',
    text:
      `Hello ${input.name},\n\n` +
      'your EventMart account is ready. We will write to you at each step of your orders.' +
      SIGNATURE,
  };
}

export function orderConfirmedMail(input: {
  name: string;
  orderId: string;
  total: number;
  currency: string;
}): MailContent {
  return {
    subject: `Your order ${input.orderId} is confirmed`,
    text:
      `Hello ${input.name},\n\n` +
      `we received your payment of ${formatMoney(input.total, input.currency)} for order ` +
      `${input.orderId}. We are preparing it and will tell you when it ships.` +
      SIGNATURE,
  };
}

const REASONS: Readonly<Record<CancellationReasonCode, string>> = {
  OUT_OF_STOCK: 'some of the items you ordered are out of stock',
  PAYMENT_DECLINED: 'your payment was declined',
  PAYMENT_TIMEOUT: 'we could not get an answer from the payment provider in time',
  CUSTOMER_REQUEST: 'you asked us to cancel it',
};

/** Why an order was cancelled, in words a customer understands. */
export function cancellationReasonInWords(reason: CancellationReasonCode): string {
  return REASONS[reason];
}

export function orderCancelledMail(input: {
  name: string;
  orderId: string;
  reason: CancellationReasonCode;
  detail?: string | undefined;
  wasPaid: boolean;
}): MailContent {
  const detail = input.detail === undefined ? '' : ` (${input.detail})`;
  const money = input.wasPaid
    ? 'The amount you paid will be refunded in full.'
    : 'Nothing was charged.';
  return {
    subject: `Your order ${input.orderId} was cancelled`,
    text:
      `Hello ${input.name},\n\n` +
      `your order ${input.orderId} was cancelled because ${cancellationReasonInWords(input.reason)}` +
      `${detail}. ${money}` +
      SIGNATURE,
  };
}

export function orderShippedMail(input: {
  name: string;
  orderId: string;
  carrier?: string | undefined;
  trackingNumber?: string | undefined;
}): MailContent {
  const by = input.carrier === undefined ? '' : ` with ${input.carrier}`;
  const tracking =
    input.trackingNumber === undefined ? '' : `\nTracking number: ${input.trackingNumber}`;
  return {
    subject: `Your order ${input.orderId} has shipped`,
    text:
      `Hello ${input.name},\n\n` +
      `your order ${input.orderId} is on its way${by}.${tracking}` +
      SIGNATURE,
  };
}

/** An amount in minor units (cents) as a price, with the currency's own number of decimals. */
export function formatMoney(minorUnits: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** decimals);
}
