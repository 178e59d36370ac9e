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

describe('parseCommand, parked', () => {
  it('reads a list with its filters and page', () => {
    expect(
      command(
        'parked list --service inventory --subject o-1 --type order.placed --consumer inventory.reserve-stock --limit 5 --offset 10',
      ),
    ).toEqual({
      kind: 'parked-list',
      query: {
        service: 'inventory',
        subject: 'o-1',
        type: 'order.placed',
        consumer: 'inventory.reserve-stock',
        limit: 5,
        offset: 10,
      },
    });
    expect(command('parked list')).toEqual({ kind: 'parked-list', query: {} });
  });

  it('reads show, and retry-now by number or by subject', () => {
    expect(command('parked show --service order --seq 12 --json')).toEqual({
      kind: 'parked-show',
      service: 'order',
      seq: '12',
    });
    expect(command('parked retry-now --service order --seq 12')).toEqual({
      kind: 'retry-now',
      body: { service: 'order', seq: '12' },
    });
    expect(
      parseCommand(['parked', 'retry-now', '--subject', 'o-1', '--note', 'table restored']),
    ).toMatchObject({
      command: { kind: 'retry-now', body: { subject: 'o-1', note: 'table restored' } },
    });
    expect(command('parked retry-now --service payment --subject o-1')).toEqual({
      kind: 'retry-now',
      body: { service: 'payment', subject: 'o-1' },
    });
  });

  it.each([
    ['parked purge', /parked needs list, show or retry-now, not "purge"/],
    ['parked', /parked needs list, show or retry-now, not "undefined"/],
    ['parked toString', /parked needs list, show or retry-now/],
    ['parked list --status open', /list does not take --status/],
    ['parked list --seq 3', /list does not take --seq/],
    ['parked show --seq 3', /show needs --service and --seq/],
    ['parked show --service order --id x', /show does not take --id/],
    ['parked show --service order --seq 0', /--seq must be a parked event's number, not "0"/],
    ['parked show --service order --seq 1.5', /--seq must be a parked event's number/],
    ['parked retry-now', /retry-now needs --service and --seq, or --subject/],
    ['parked retry-now --seq 3', /retry-now needs --service and --seq, or --subject/],
    ['parked retry-now --service order --seq 3 --subject o-1', /--seq or --subject, not both/],
    ['parked retry-now --subject o-1 --dry-run', /retry-now does not take --dry-run/],
    ['dead-letters show --service order --seq 3', /show does not take --seq/],
  ])('refuses "%s"', (line, message) => {
    expect(() => command(line)).toThrow(UsageError);
    expect(() => command(line)).toThrow(message);
  });
});
