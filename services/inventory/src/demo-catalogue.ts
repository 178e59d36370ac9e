import type { CatalogueEntry } from './domain/product.js';

/** A small shop for demos and end-to-end tests; prices in euro cents. */
export const DEMO_CATALOGUE: readonly CatalogueEntry[] = Object.freeze([
  {
    sku: 'BOOK-DDD',
    name: 'Domain-Driven Design (hardcover)',
    unitPrice: 5_490,
    currency: 'EUR',
    stock: 25,
  },
  {
    sku: 'BOOK-EIP',
    name: 'Enterprise Integration Patterns',
    unitPrice: 4_990,
    currency: 'EUR',
    stock: 15,
  },
  {
    sku: 'MUG-OUTBOX',
    name: 'Mug "I put it in the outbox"',
    unitPrice: 1_290,
    currency: 'EUR',
    stock: 60,
  },
  {
    sku: 'TSHIRT-SAGA-M',
    name: 'T-shirt "Compensate responsibly", size M',
    unitPrice: 2_400,
    currency: 'EUR',
    stock: 40,
  },
  {
    sku: 'TSHIRT-SAGA-L',
    name: 'T-shirt "Compensate responsibly", size L',
    unitPrice: 2_400,
    currency: 'EUR',
    stock: 30,
  },
  {
    sku: 'STICKER-KAFKA',
    name: 'Sticker pack: partitions and keys',
    unitPrice: 450,
    currency: 'EUR',
    stock: 200,
  },
  {
    sku: 'KEYBOARD-MECH',
    name: 'Mechanical keyboard, 75%',
    unitPrice: 12_900,
    currency: 'EUR',
    stock: 8,
  },
  // One unit only: the demo of two customers racing for the last item.
  {
    sku: 'POSTER-LAST-ONE',
    name: 'Signed poster (limited edition)',
    unitPrice: 9_900,
    currency: 'EUR',
    stock: 1,
  },
]);
