import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SimulatedPaymentProvider, TEST_TOKENS } from './simulated-payment-provider.js';
import { InMemorySimulatedLedger, type RecordedAnswer } from './simulated-ledger.js';

const charge = (token: string, idempotencyKey = `key-${token}`) => ({
  idempotencyKey,
  amount: 1_000,
  currency: 'EUR',
  token,
});

describe('simulated payment provider', () => {
  it('charges tok_visa and records the money in its ledger', async () => {
    const provider = new SimulatedPaymentProvider();
    const result = await provider.charge(charge(TEST_TOKENS.succeeds, 'order-1'));
    expect(result).toEqual({
      status: 'succeeded',
      paymentId: expect.stringMatching(/^pay_/) as string,
    });
    expect(provider.ledger()).toEqual([
      {
        kind: 'charge',
        idempotencyKey: 'order-1',
        paymentId: result.status === 'succeeded' ? result.paymentId : '',
        amount: 1_000,
        currency: 'EUR',
      },
    ]);
    expect(provider.totals()).toEqual({ charges: 1, charged: 1_000, refunds: 0, refunded: 0 });
  });

  it('declines tok_chargeDeclined as card_declined and an unknown token as invalid_token', async () => {
    const provider = new SimulatedPaymentProvider();
    expect(await provider.charge(charge(TEST_TOKENS.declined))).toEqual({
      status: 'declined',
      reason: 'card_declined',
    });
    expect(await provider.charge(charge('tok_nonsense'))).toEqual({
      status: 'declined',
      reason: 'invalid_token',
    });
    expect(provider.totals().charges).toBe(0);
  });

  it('never answers tok_timeout, and charges nothing', async () => {
    const provider = new SimulatedPaymentProvider();
    const answer = await Promise.race([
      provider.charge(charge(TEST_TOKENS.hangs)),
      sleep(50).then(() => 'still waiting'),
    ]);
    expect(answer).toBe('still waiting');
    expect(provider.totals().charges).toBe(0);
  });

  it('answers a repeated key with the first result and never charges twice', async () => {
    const provider = new SimulatedPaymentProvider();
    const request = charge(TEST_TOKENS.succeeds, 'order-2');
    const answers = await Promise.all([
      provider.charge(request),
      provider.charge(request),
      provider.charge(request),
    ]);
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(provider.totals()).toMatchObject({ charges: 1, charged: 1_000 });
    expect(provider.callsFor('order-2')).toBe(3);
  });

  it('refuses a key reused for another request', async () => {
    const provider = new SimulatedPaymentProvider();
    await provider.charge(charge(TEST_TOKENS.succeeds, 'order-3'));
    await expect(
      provider.charge({ ...charge(TEST_TOKENS.succeeds, 'order-3'), amount: 5 }),
    ).rejects.toThrow('idempotency key order-3 was used for another request');
    expect(provider.totals().charges).toBe(1);
  });

  it('rejects an invalid amount or currency, and accepts the key again afterwards', async () => {
    const provider = new SimulatedPaymentProvider();
    await expect(provider.charge({ ...charge('tok_visa', 'k'), amount: 1.5 })).rejects.toThrow(
      'invalid charge',
    );
    await expect(provider.charge({ ...charge('tok_visa', 'k'), currency: 'eur' })).rejects.toThrow(
      'invalid charge',
    );
    expect((await provider.charge(charge('tok_visa', 'k'))).status).toBe('succeeded');
  });

  it('refunds a charge once per key, and no more than was charged', async () => {
    const provider = new SimulatedPaymentProvider();
    const result = await provider.charge(charge(TEST_TOKENS.succeeds, 'order-4'));
    if (result.status !== 'succeeded') throw new Error('expected a charge');
    const refund = { idempotencyKey: 'refund:order-4', paymentId: result.paymentId, amount: 1_000 };

    const first = await provider.refund(refund);
    expect(await provider.refund(refund)).toEqual(first);
    expect(provider.totals()).toEqual({ charges: 1, charged: 1_000, refunds: 1, refunded: 1_000 });
    await expect(
      provider.refund({ ...refund, idempotencyKey: 'again', amount: 1 }),
    ).rejects.toThrow(`cannot refund 1 of ${result.paymentId}: 0 left`);
    await expect(
      provider.refund({ idempotencyKey: 'x', paymentId: 'pay_unknown', amount: 1 }),
    ).rejects.toThrow('unknown payment pay_unknown');
  });

  describe('lookUpCharge', () => {
    it('answers what the charge with the key answered, moving no money', async () => {
      const provider = new SimulatedPaymentProvider();
      const charged = await provider.charge(charge(TEST_TOKENS.succeeds, 'order-5'));
      await provider.charge(charge(TEST_TOKENS.declined, 'order-6'));
      expect(await provider.lookUpCharge('order-5')).toEqual(charged);
      expect(await provider.lookUpCharge('order-6')).toEqual({
        status: 'declined',
        reason: 'card_declined',
      });
      expect(provider.totals()).toMatchObject({ charges: 1, charged: 1_000 });
    });

    it('answers none for a key nothing was charged with, nor is being charged', async () => {
      const provider = new SimulatedPaymentProvider();
      expect(await provider.lookUpCharge('never-seen')).toEqual({ status: 'none' });
      // tok_timeout calls are dropped unanswered: they never charge.
      void provider.charge(charge(TEST_TOKENS.hangs, 'order-7'));
      await sleep(10);
      expect(await provider.lookUpCharge('order-7')).toEqual({ status: 'none' });
      // A charge that failed is forgotten.
      await expect(
        provider.charge({ ...charge(TEST_TOKENS.succeeds, 'bad'), amount: -1 }),
      ).rejects.toThrow();
      expect(await provider.lookUpCharge('bad')).toEqual({ status: 'none' });
    });

    it('answers pending while a charge with the key is still being processed', async () => {
      let finish!: () => void;
      const slow = new Promise<void>((resolve) => (finish = resolve));
      class SlowLedger extends InMemorySimulatedLedger {
        override async record(answer: RecordedAnswer): Promise<RecordedAnswer> {
          await slow;
          return super.record(answer);
        }
      }
      const provider = new SimulatedPaymentProvider({ store: new SlowLedger() });
      const charging = provider.charge(charge(TEST_TOKENS.succeeds, 'order-8'));
      await sleep(10);
      expect(await provider.lookUpCharge('order-8')).toEqual({ status: 'pending' });
      finish();
      const charged = await charging;
      expect(await provider.lookUpCharge('order-8')).toEqual(charged);
    });
  });
});
