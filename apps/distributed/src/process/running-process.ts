import type { INestApplicationContext } from '@nestjs/common';
import type { ProcessName } from '../config/services.js';

/** A started service or gateway process, as its entry point and the tests see it. */
export interface RunningProcess {
  readonly name: ProcessName;
  /** How others reach it: `http http://…`, `rpc tcp://…`, or `events` (payment). */
  readonly serves: string;
  readonly app: INestApplicationContext;
  /** Stops as on SIGTERM: consumers drain, the relay sends what committed, then it closes. */
  close(): Promise<void>;
}

/** The line a process prints once it serves; start-all and the tests wait for it. */
export const readyLine = (running: RunningProcess): string => `ready: ${running.serves}`;

/** Parses what `readyLine` wrote, wherever the logger put it in the line. */
export const READY_PATTERN = /ready: (http|rpc|events)(?: (\S+))?/;
