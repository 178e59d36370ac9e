import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args.js';

const command = (line: string) => parseCommand(line.split(' ').filter(Boolean)).command;

describe('parseCommand', () => {
  it('reads a list with its filters and page', () => {
    expect(
      command(
        'dead-letters list --service inventory --type order.placed --subject o-1 --reason invalid-data --status open --consumer inventory.reserve-stock --limit 20 --offset 40',
      ),
    ).toEqual({
      kind: 'list',
      query: {
        service: 'inventory',
        type: 'order.placed',
        subject: 'o-1',
        reason: 'invalid-data',
        status: 'open',
        consumer: 'inventory.reserve-stock',
        limit: 20,
        offset: 40,
      },
    });
    expect(command('dead-letters list')).toEqual({ kind: 'list', query: {} });
  });

  it('reads replay and discard selections, sending only what was given', () => {
    expect(command('dead-letters replay --id a --id b --dry-run')).toEqual({
      kind: 'replay',
      body: { ids: ['a', 'b'], dryRun: true },
    });
    expect(
      parseCommand(['dead-letters', 'discard', '--subject', 'o-1', '--note', 'paid by hand']),
    ).toMatchObject({
      command: { kind: 'discard', body: { subject: 'o-1', note: 'paid by hand' } },
      json: false,
    });
    expect(command('dead-letters replay --service payment --all')).toEqual({
      kind: 'replay',
      body: { service: 'payment', all: true },
    });
    expect(command('dead-letters discard --type order.placed --subject o-2')).toEqual({
      kind: 'discard',
      body: { type: 'order.placed', subject: 'o-2' },
    });
  });

  it('reads show, --json and --url', () => {
    expect(
      parseCommand([
        'dead-letters',
        'show',
        '--service',
        'order',
        '--id',
        'x',
        '--json',
        '--url',
        'http://ops:3000',
      ]),
    ).toEqual({
      command: { kind: 'show', service: 'order', id: 'x' },
      json: true,
      url: 'http://ops:3000',
    });
  });

  it('answers help for no command, help or --help', () => {
    for (const line of ['', 'help', 'dead-letters list --help', '-h']) {
      expect(command(line), line).toEqual({ kind: 'help' });
    }
  });

  it.each([
    ['orders list', /unknown command "orders"/],
    ['dead-letters purge', /list, show, replay or discard/],
    ['dead-letters list extra', /unexpected argument "extra"/],
    ['dead-letters list --all', /list does not take --all/],
    ['dead-letters list --limit ten', /--limit must be a whole number/],
    ['dead-letters list --colour red', /Unknown option '--colour'/],
    ['dead-letters show --id x', /show needs --service and one --id/],
    ['dead-letters show --service s --id x --id y', /show needs --service and one --id/],
    ['dead-letters replay', /replay needs --id, --subject, --type, or --all/],
    ['dead-letters discard --dry-run', /discard needs --id, --subject, --type, or --all/],
    ['dead-letters replay --all --subject o-1', /--all selects everything/],
    ['dead-letters replay --all --limit 3', /replay does not take --limit/],
  ])('refuses "%s"', (line, message) => {
    expect(() => command(line)).toThrow(UsageError);
    expect(() => command(line)).toThrow(message);
  });
});
