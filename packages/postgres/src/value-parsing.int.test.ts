import { createTestDatabase, describeWithPostgres, type TestDatabase } from '@eventmart/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db, SqlDatabase } from './database.js';
import { openDatabase } from './open-database.js';

// One query over many types: node-postgres and PGlite must hand back identical JS values.
const everyType = sql<Record<string, unknown>>`
  SELECT 42::int2 AS int2, 42::int4 AS int4, 9007199254740993::int8 AS int8,
         -12345678901234567890.0123456789::numeric AS numeric, 1.5::float4 AS float4,
         0.1::float8 AS float8, 'NaN'::float8 AS nan, true AS bool, 'text'::text AS text,
         'v'::varchar(5) AS varchar, 'c'::char(3) AS bpchar, 123::oid AS oid,
         'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS uuid,
         '{"a": [1, 2.5, {"b": null}], "s": "x"}'::json AS json, '{"z": 1, "a": 2}'::jsonb AS jsonb,
         '[1, "x"]'::jsonb AS jsonb_array, '"str"'::jsonb AS jsonb_string, 'null'::jsonb AS jsonb_null,
         '2024-02-29T12:34:56.789+02:00'::timestamptz AS timestamptz,
         '2024-02-29 12:34:56.789'::timestamp AS timestamp, '2024-02-29'::date AS date,
         'infinity'::timestamptz AS infinity, '12:34:56'::time AS time,
         '1 year 2 mons 3 days 04:05:06.7'::interval AS interval,
         '\\x00ff10'::bytea AS bytea, '(1,2)'::point AS point, '192.168.0.1/24'::inet AS inet,
         ARRAY[1, NULL, 3]::int4[] AS int4_array, ARRAY[9007199254740993]::int8[] AS int8_array,
         ARRAY[1.5, 2]::numeric[] AS numeric_array, ARRAY['a', 'b,c', '"q"', NULL]::text[] AS text_array,
         ARRAY['2024-01-01T00:00:00Z']::timestamptz[] AS timestamptz_array,
         ARRAY['{"a":1}'::jsonb] AS jsonb_array2, ARRAY[true, false] AS bool_array,
         ARRAY['\\x01'::bytea] AS bytea_array, ARRAY[[1, 2], [3, 4]] AS nested_array,
         NULL::int8 AS null_int8, NULL::jsonb AS null_jsonb`;

describeWithPostgres('values read back identically on PostgreSQL and PGlite', () => {
  let testDatabase: TestDatabase;
  let postgres: SqlDatabase;
  let pglite: SqlDatabase;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('values');
    [postgres, pglite] = await Promise.all([
      openDatabase({ url: testDatabase.url }),
      openDatabase({ dataDir: 'memory://' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([postgres.close(), pglite.close()]);
    await testDatabase.drop();
  });

  it('parses every common type the same way', async () => {
    const [fromPostgres, fromPglite] = await Promise.all(
      [postgres, pglite].map(async ({ db }) => (await everyType.execute(db)).rows[0]),
    );
    expect(fromPglite).toStrictEqual(fromPostgres);
    expect(fromPostgres).toMatchObject({
      int8: '9007199254740993',
      numeric: '-12345678901234567890.0123456789',
      timestamptz: new Date('2024-02-29T10:34:56.789Z'),
      jsonb: { a: 2, z: 1 },
      int8_array: ['9007199254740993'],
      bytea: Buffer.from([0, 255, 16]),
    });
  });

  it('stores and returns parameters the same way', async () => {
    const roundTrip = async (db: Db): Promise<unknown> => {
      await sql`CREATE TABLE params (
        big int8, amount numeric, at timestamptz, doc jsonb, raw bytea, tags text[], ok bool)`.execute(
        db,
      );
      await db
        .insertInto('params')
        .values({
          big: '9007199254740993',
          amount: '1.10',
          at: new Date('2024-02-29T12:00:00.123Z'),
          doc: JSON.stringify({ list: [1, 2], nested: { n: null } }),
          raw: Buffer.from([1, 2, 3]),
          tags: ['a', 'b c'],
          ok: true,
        })
        .execute();
      return (await db.selectFrom('params').selectAll().execute())[0];
    };
    const [fromPostgres, fromPglite] = await Promise.all([
      roundTrip(postgres.db),
      roundTrip(pglite.db),
    ]);
    expect(fromPglite).toStrictEqual(fromPostgres);
    expect(fromPostgres).toStrictEqual({
      big: '9007199254740993',
      amount: '1.10',
      at: new Date('2024-02-29T12:00:00.123Z'),
      doc: { list: [1, 2], nested: { n: null } },
      raw: Buffer.from([1, 2, 3]),
      tags: ['a', 'b c'],
      ok: true,
    });
  });
});
