/**
 * One setting-reassigned finding, kept small (see lazyFinding.ts): a file
 * can have 200,000 of them (a key set again every few lines). As plain
 * objects, each took eight allocations (a message of joined pieces, a
 * related array, its entry and message, the fix data and its two spans):
 * 230,000 findings held 80 MB and cost 0.6 s of a 3 s check, most of it
 * garbage collection.
 *
 * Every offset is a field of its own, so moving the finding after an edit
 * (settingsRules' take-over) moves them all in place.
 */
import type { Severity, Span } from '../syntax/cst';
import type { DiagnosticTag } from './diagnostic';
import { LazyFinding } from './lazyFinding';
import type { Effect } from './rules';

/** The fix data of setting-reassigned (plain JSON). */
export interface ReassignedFixData {
  /** The '=' of the later assignment, when '+=' would keep both values (same kind, a release with '+='). */
  append?: Span;
  /** The whole lines of the ignored assignment, when they hold nothing else (no comment, no other statement). */
  remove?: Span;
  /** The name of the setting and the line (1-based) of the later assignment, for the titles. */
  key: string;
  line: number;
}

/** The tags of every setting-reassigned finding (one frozen array). */
const UNNECESSARY: DiagnosticTag[] = Object.freeze(['unnecessary']) as never;

/** What a finding is made from (see findReassigned). */
export interface ReassignedFacts {
  severity: Severity;
  effect: Effect;
  key: string;
  /** The ignored assignment. */
  start: number;
  end: number;
  /** Whether the ignored assignment is a '+=' (what it adds is lost) rather than an '='. */
  appended: boolean;
  /** The later '=' (name to value), and its line (1-based). */
  againStart: number;
  againEnd: number;
  line: number;
  /** The later '=' operator when '+=' would keep both values, else -1. */
  appendAt: number;
  /** The whole lines of the ignored assignment when they hold nothing else, else -1. */
  removeStart: number;
  removeEnd: number;
}

export class ReassignedFinding extends LazyFinding {
  readonly code = 'setting-reassigned' as const;
  readonly key: string;
  readonly appended: boolean;
  againStart: number;
  againEnd: number;
  readonly line: number;
  appendAt: number;
  removeStart: number;
  removeEnd: number;

  constructor(f: ReassignedFacts) {
    super(f.severity, f.effect, f.start, f.end);
    this.key = f.key;
    this.appended = f.appended;
    this.againStart = f.againStart;
    this.againEnd = f.againEnd;
    this.line = f.line;
    this.appendAt = f.appendAt;
    this.removeStart = f.removeStart;
    this.removeEnd = f.removeEnd;
  }

  override get tags(): DiagnosticTag[] {
    return UNNECESSARY;
  }

  get message(): string {
    const lost = this.appended ? "what this '+=' adds is ignored" : 'this assignment is ignored';
    const hint = this.appendAt >= 0 ? ` Did you mean '+=' on line ${this.line}?` : '';
    return `'${this.key}' is set again on line ${this.line}: ${lost} (xl keeps only the last '=').${hint}`;
  }

  override get related(): Array<Span & { message: string }> {
    return [{ start: this.againStart, end: this.againEnd, message: `'${this.key}' is set again here` }];
  }

  override get data(): ReassignedFixData {
    const data: ReassignedFixData = { key: this.key, line: this.line };
    if (this.appendAt >= 0) data.append = { start: this.appendAt, end: this.appendAt + 1 };
    if (this.removeStart >= 0) data.remove = { start: this.removeStart, end: this.removeEnd };
    return data;
  }

  /** Every offset at or past `from` moved by `d`. */
  move(from: number, d: number): void {
    if (this.start >= from) this.start += d;
    if (this.end >= from) this.end += d;
    if (this.againStart >= from) this.againStart += d;
    if (this.againEnd >= from) this.againEnd += d;
    if (this.appendAt >= from) this.appendAt += d;
    if (this.removeStart >= from) this.removeStart += d;
    if (this.removeEnd >= from) this.removeEnd += d;
  }

  /** Whether an offset (a -1 "none" aside) lies in [from, to]. */
  hasOffsetIn(from: number, to: number): boolean {
    const at = (p: number) => from <= p && p <= to;
    return (
      at(this.start) ||
      at(this.end) ||
      at(this.againStart) ||
      at(this.againEnd) ||
      (this.appendAt >= 0 && (at(this.appendAt) || at(this.appendAt + 1))) ||
      (this.removeStart >= 0 && (at(this.removeStart) || at(this.removeEnd)))
    );
  }
}
