import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Makes PGlite turn every type the database knows into the JS value node-postgres returns for
 * it: int8 and numeric as strings, timestamptz/timestamp/date as Date, json/jsonb parsed,
 * bytea as Buffer, arrays like node-postgres parses them. It reads node-postgres's own table
 * (`pg.types`), so a parser the process sets there applies to both drivers alike.
 * Types created later (enums, domains) come back as text on both, as node-postgres does.
 */
export async function useNodePostgresParsers(pglite: PGlite): Promise<void> {
  const { rows } = await pglite.query<{ oid: string }>(
    'SELECT oid::text AS oid FROM pg_catalog.pg_type',
  );
  for (const row of rows) {
    const oid = Number(row.oid);
    const parse = pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
    // PGlite passes the type id as a second argument; node-postgres parsers take one.
    pglite.parsers[oid] = (value: string) => parse(value);
  }
}
