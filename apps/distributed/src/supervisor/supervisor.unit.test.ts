import { describe, expect, it } from 'vitest';
import { Supervisor } from './supervisor.js';

/** A child running this script with node. */
const node = (name: string, script: string) => ({
  name,
  command: process.execPath,
  args: ['-e', script],
  env: process.env,
});

// Exits on SIGTERM (listening before it says it is ready), says it is ready, then waits.
const SERVICE = `process.on('SIGTERM', () => { console.log('bye'); process.exit(0); });
  console.log('hello'); console.log('ready: events'); setInterval(() => {}, 1000);`;

describe('supervisor', () => {
  it("prefixes every line with the process's name, and stops every child with SIGTERM", async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor(['a', 'long-name'], { write: (line) => lines.push(line) });
    const children = [
      supervisor.start(node('a', SERVICE)),
      supervisor.start(node('long-name', SERVICE)),
    ];
    expect(await Promise.all(children.map((child) => child.ready))).toEqual(['events', 'events']);
    await supervisor.stop();
    expect(lines).toContain('a         | hello');
    expect(lines).toContain('long-name | ready: events');
    expect(lines).toContain('a         | bye');
    expect(lines).toContain('long-name | stopped (exit code 0)');
    expect(children.every((child) => !child.running)).toBe(true);
  });

  it('kills a child that ignores SIGTERM once the timeout is over', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor(['stubborn'], {
      write: (line) => lines.push(line),
      stopTimeoutMs: 300,
    });
    const child = supervisor.start(
      node(
        'stubborn',
        `process.on('SIGTERM', () => {}); console.log('ready: events'); setInterval(() => {}, 1000);`,
      ),
    );
    await child.ready;
    await supervisor.stop();
    expect(lines).toContain('stubborn | still running after 300 ms: killed');
    expect(lines).toContain('stubborn | stopped (SIGKILL)');
  });

  it('reports a child that exits by itself and restarts nothing', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor(['short'], { write: (line) => lines.push(line) });
    const child = supervisor.start(node('short', `console.error('failing'); process.exit(3);`));
    await child.exited;
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual(['short | failing', 'short | exited (exit code 3); not restarted']);
    await supervisor.stop();
  });

  it('reports a child killed on purpose as killed, and starts it again in its place', async () => {
    const lines: string[] = [];
    const supervisor = new Supervisor(['victim'], { write: (line) => lines.push(line) });
    const first = supervisor.start(node('victim', SERVICE));
    await first.ready;
    expect(await supervisor.kill(first, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await new Promise((resolve) => setImmediate(resolve));
    const second = supervisor.restart(first);
    expect(await second.ready).toBe('events');
    expect(supervisor.children).toEqual([second]);
    expect(() => supervisor.restart(second)).toThrow('victim is still running');
    await supervisor.stop();
    expect(lines).toContain('victim | killed (SIGKILL)');
    expect(lines.filter((line) => line.includes('not restarted'))).toEqual([]);
    expect(lines).toContain('victim | stopped (exit code 0)');
  });
});
