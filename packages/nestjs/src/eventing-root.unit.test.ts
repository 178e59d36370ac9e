import { InMemoryTransport, type Db, type SqlDatabase } from '@eventmart/eventing';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describe, expect, it, vi } from 'vitest';
import { EVENTING_DATABASE, EVENTING_TRANSPORT, EventingModule } from './index.js';

/** Enough of a database for modules that hand it out and close it, and query nothing. */
function fakeDatabase(closed: string[] = []): SqlDatabase {
  const db = { withSchema: () => db } as unknown as Db;
  return {
    db,
    notifier: { listen: () => Promise.resolve(() => Promise.resolve()) },
    dialect: 'pglite',
    close: vi.fn(() => {
      closed.push('database');
      return Promise.resolve();
    }),
  };
}

function spiedTransport(closed: string[] = []): InMemoryTransport {
  const transport = new InMemoryTransport();
  const close = transport.close.bind(transport);
  transport.close = vi.fn(() => {
    closed.push('transport');
    return close();
  });
  return transport;
}

describe('EventingModule.forRoot', () => {
  it('closes the database and transport it made, the transport first', async () => {
    const closed: string[] = [];
    const database = fakeDatabase(closed);
    const transport = spiedTransport(closed);
    const makeTransport = vi.fn((_db: SqlDatabase) => transport);
    @Module({
      imports: [
        EventingModule.forRoot({ database: async () => database, transport: makeTransport }),
      ],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    expect(app.get(EVENTING_DATABASE)).toBe(database);
    expect(app.get(EVENTING_TRANSPORT)).toBe(transport);
    expect(makeTransport).toHaveBeenCalledWith(database);
    await app.close();
    expect(closed).toEqual(['transport', 'database']);
  });

  it('leaves a database and transport it was given open', async () => {
    const database = fakeDatabase();
    const transport = spiedTransport();
    @Module({ imports: [EventingModule.forRoot({ database, transport })] })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    await app.close();
    expect(database.close).not.toHaveBeenCalled();
    expect(transport.close).not.toHaveBeenCalled();
  });

  it('closes the database it opened when the transport cannot be made', async () => {
    const database = fakeDatabase();
    @Module({
      imports: [
        EventingModule.forRoot({
          database: async () => database,
          transport: () => Promise.reject(new Error('broker unreachable')),
        }),
      ],
    })
    class AppModule {}

    await expect(
      NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }),
    ).rejects.toThrow('broker unreachable');
    expect(database.close).toHaveBeenCalledOnce();
  });
});

describe('EventingModule.forFeature', () => {
  it('refuses one service set up twice, before migrating anything', async () => {
    @Module({ imports: [EventingModule.forFeature({ service: 'orders', schema: 'orders' })] })
    class OrdersModule {}
    @Module({ imports: [EventingModule.forFeature({ service: 'orders', schema: 'orders_copy' })] })
    class OrdersCopyModule {}
    @Module({
      imports: [
        EventingModule.forRoot({ database: fakeDatabase(), transport: new InMemoryTransport() }),
        OrdersModule,
        OrdersCopyModule,
      ],
    })
    class AppModule {}

    await expect(
      NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }),
    ).rejects.toThrow('service orders is set up by two different EventingModule.forFeature');
  });
});
