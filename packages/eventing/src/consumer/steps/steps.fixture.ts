import { OrderPlaced, type EventData } from '@eventmart/contracts';
import { encodeEnvelope } from '../../envelope/cloudevents-codec.js';
import { newEnvelope } from '../../envelope/new-envelope.js';
import type { Tx } from '../../sql/database.port.js';
import type { ReceivedMessage } from '../../transport/message.js';
import { rawRecordOf, receivedMessage } from '../../transport/raw-record.js';
import { eventHandler, type EventHandler } from '../event-handler.js';
import type { DeadLetterSink, GiveUpRecord, ValidDelivery } from './pipeline.js';

/** Test data for the steps' unit tests: an order.placed as delivered, and its handler. */
export function placedData(orderId = 'order-1'): EventData<typeof OrderPlaced> {
  return {
    orderId,
    customerId: 'customer-1',
    lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 500 }],
    total: 500,
    currency: 'EUR',
    paymentToken: 'tok_visa',
  };
}

export function placedEnvelope(orderId = 'order-1') {
  return newEnvelope(OrderPlaced, placedData(orderId), { subject: orderId, source: 'order' });
}

/** A delivery of this text, built from its bytes as a transport builds it. */
export function received(
  message: Pick<ReceivedMessage, 'headers' | 'value'> & Partial<ReceivedMessage>,
): ReceivedMessage {
  const { topic = 'orders', key = 'order-1', partition = 0, offset = '7' } = message;
  return receivedMessage(
    { topic, partition, offset, deliveryAttempt: message.deliveryAttempt ?? 1 },
    rawRecordOf({ key, headers: message.headers, value: message.value }),
  );
}

export function receivedEnvelope(envelope = placedEnvelope()): ReceivedMessage {
  return received(encodeEnvelope(envelope, OrderPlaced.topic));
}

export function handlerOf(
  name = 'reserve',
  handle: EventHandler['handle'] = () => Promise.resolve(),
) {
  return eventHandler({ name, event: OrderPlaced, handle });
}

export function validDelivery(handler = handlerOf()): ValidDelivery {
  const envelope = placedEnvelope();
  return {
    handler,
    consumer: `inventory.${handler.name}`,
    envelope,
    message: receivedEnvelope(envelope),
    event: envelope,
  };
}

/** The steps only pass the transaction on; these tests never query through it. */
export const noTx = {} as Tx;

/** A dead-letter sink that keeps what it is given. */
export function recordingSink(): { records: GiveUpRecord[]; sink: DeadLetterSink } {
  const records: GiveUpRecord[] = [];
  return {
    records,
    sink: (record) => {
      records.push(record);
      return Promise.resolve();
    },
  };
}
