import { KAFKA_MOCK_SETTINGS, startKafkaMock } from '@eventmart/chaos';
import { startDistributedShop, type DistributedShopUnderTest } from './distributed-shop.js';

/** The distributed shop on a librdkafka mock cluster of three brokers with the catalog's topics. */
export async function startKafkaShop(databaseUrl: string): Promise<DistributedShopUnderTest> {
  const cluster = await startKafkaMock();
  try {
    const shop = await startDistributedShop({
      databaseUrl,
      kafkaBrokers: cluster.brokers,
      env: KAFKA_MOCK_SETTINGS,
    });
    return {
      ...shop,
      stop: async () => {
        await shop.stop();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
