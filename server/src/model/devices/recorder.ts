/**
 * An XlReader that keeps what xl would print, for the editor's rules and for
 * tests: every event in order, the exit when xl stops.
 */
import type { XenVersion } from '../xenVersion';
import { XlEvent, XlExit, XlReader } from '../xl/types';

export class Recorder implements XlReader {
  readonly events: XlEvent[] = [];

  constructor(readonly xen: XenVersion) {}

  // (Each event is its caller's own new object: it gets its severity in place rather than being copied. A hostile
  // item makes 25,000 events, and their copies, all kept, were a fifth of reading it and most of its collections.)
  warn(event: Omit<XlEvent, 'severity'>): void {
    const e = event as XlEvent;
    e.severity = 'warning';
    this.events.push(e);
  }

  fail(event: Omit<XlEvent, 'severity'>, rc = 1): never {
    const e = event as XlEvent;
    e.severity = 'error';
    this.events.push(e);
    throw new XlExit(rc, e);
  }

  /** What xl writes to stderr, line by line (a partial line runs on into the next event's first line). */
  stderr(): string[] {
    const out: string[] = [];
    let open = false;
    for (const e of this.events) {
      if (!e.xl || !e.xl.length) continue;
      const lines = e.xl.flatMap((l) => l.split('\n'));
      if (open) out[out.length - 1] += lines.shift()!;
      out.push(...lines);
      open = e.partial === true;
    }
    return out;
  }
}

/** Runs `read`; an XlExit is caught and returned (other errors propagate). */
export function attempt<T>(read: () => T): { value?: T; exit?: XlExit } {
  try {
    return { value: read() };
  } catch (e) {
    if (e instanceof XlExit) return { exit: e };
    throw e;
  }
}
