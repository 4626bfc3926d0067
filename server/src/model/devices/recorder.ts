/**
 * An XlReader that keeps what xl would print, for the editor's rules and for
 * tests: every event in order, the exit when xl stops.
 */
import type { XenVersion } from '../xenVersion';
import { XlEvent, XlExit, XlReader } from '../xl/types';

export class Recorder implements XlReader {
  readonly events: XlEvent[] = [];

  constructor(readonly xen: XenVersion) {}

  warn(event: Omit<XlEvent, 'severity'>): void {
    this.events.push({ ...event, severity: 'warning' });
  }

  fail(event: Omit<XlEvent, 'severity'>, rc = 1): never {
    const e: XlEvent = { ...event, severity: 'error' };
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
