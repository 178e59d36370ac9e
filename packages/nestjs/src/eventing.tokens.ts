import { Inject } from '@nestjs/common';

/** The shared SqlDatabase of the process (every service's schema lives in it). */
export const EVENTING_DATABASE = Symbol('eventmart:eventing-database');
/** The shared Transport of the process. */
export const EVENTING_TRANSPORT = Symbol('eventmart:eventing-transport');
/**
 * The Kysely instance of the importing service module, scoped with `withSchema(schema)`.
 * Outside a handler or unitOfWork only: inside, use the transaction you were given (on PGlite
 * the database is one connection, and a query outside the open transaction waits for it).
 */
export const SERVICE_DB = Symbol('eventmart:service-db');

/** Injects the service's schema-scoped Kysely instance (see SERVICE_DB). */
export const InjectDb = (): PropertyDecorator & ParameterDecorator => Inject(SERVICE_DB);
/** Injects the shared SqlDatabase (see EVENTING_DATABASE). */
export const InjectDatabase = (): PropertyDecorator & ParameterDecorator =>
  Inject(EVENTING_DATABASE);
/** Injects the shared Transport (see EVENTING_TRANSPORT). */
export const InjectTransport = (): PropertyDecorator & ParameterDecorator =>
  Inject(EVENTING_TRANSPORT);
