/**
 * When the preview asks the server again, and which answers it shows:
 * pure logic (timers injected), so it is testable without VS Code.
 *
 * - Throttle: the first trigger after a quiet period runs at once; triggers
 *   within `delay` ms of the last run are merged into one trailing run.
 * - Guard: an answer is shown only if it belongs to the current document and
 *   options (generation), is newer than the last shown request (sequence),
 *   and is not for an older document version than the one shown.
 */

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: unknown;

  constructor(
    private readonly run: () => void,
    private readonly delay = 300,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Runs now, or once at the end of the current throttle window. */
  trigger(): void {
    if (this.timer !== undefined) return;
    const wait = this.last + this.delay - this.timers.now();
    if (wait <= 0) this.fire();
    else this.timer = this.timers.setTimeout(() => this.fire(), wait);
  }

  /** Runs now (e.g. the first render, an options change), cancelling a pending run. */
  now(): void {
    this.cancel();
    this.fire();
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    this.last = this.timers.now();
    this.run();
  }
}

export interface Ticket {
  seq: number;
  generation: number;
}

export class ResultGuard {
  private seq = 0;
  private generation = 0;
  private shownSeq = 0;
  private shownVersion = Number.NEGATIVE_INFINITY;

  /** A new request is about to be sent. */
  begin(): Ticket {
    return { seq: ++this.seq, generation: this.generation };
  }

  /** The document or the options changed: answers to earlier requests are stale. */
  reset(newDocument: boolean): void {
    this.generation++;
    if (newDocument) this.shownVersion = Number.NEGATIVE_INFINITY;
  }

  /** Whether to show the answer to `ticket` for document `version`; records it when so. */
  accept(ticket: Ticket, version: number): boolean {
    if (ticket.generation !== this.generation || ticket.seq <= this.shownSeq || version < this.shownVersion) return false;
    this.shownSeq = ticket.seq;
    this.shownVersion = version;
    return true;
  }

  /** Whether a request is still the latest one sent (for retries and error display). */
  isLatest(ticket: Ticket): boolean {
    return ticket.generation === this.generation && ticket.seq === this.seq;
  }
}
