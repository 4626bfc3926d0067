/**
 * A finding whose text is made when read. Rules that can fire once per
 * statement of a hostile file (a key set again every few lines, 150,000
 * unknown keys) keep each finding as one small object of numbers and shared
 * strings; its message, related places and fix data are getters. Most such
 * findings are never shown (the editor publishes 1,000; the command line
 * prints each once). Everything else treats it as the plain Diagnostic it
 * stands for: JSON.stringify writes that (toJSON), and a configured severity
 * copies it with its prototype (withSeverity).
 */
import type { Severity, Span } from '../syntax/cst';
import type { Diagnostic, DiagnosticTag } from './diagnostic';
import type { Effect, RuleCode } from './rules';

export abstract class LazyFinding implements Diagnostic {
  abstract readonly code: RuleCode;
  abstract get message(): string;

  constructor(
    public severity: Severity,
    readonly effect: Effect,
    public start: number,
    public end: number,
  ) {}

  get related(): Array<Span & { message: string }> | undefined {
    return undefined;
  }

  get tags(): DiagnosticTag[] | undefined {
    return undefined;
  }

  get data(): unknown {
    return undefined;
  }

  /** The same finding at another severity (a user's setting). */
  withSeverity(severity: Severity): this {
    const copy = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(copy, this);
    copy.severity = severity;
    return copy;
  }

  /** The finding as the plain object it stands for, fields in finding()'s order. */
  toJSON(): Diagnostic {
    const out: Diagnostic = { code: this.code, severity: this.severity, effect: this.effect, message: this.message, start: this.start, end: this.end };
    const { related, tags, data } = this;
    if (related) out.related = related;
    if (tags) out.tags = tags;
    if (data !== undefined) out.data = data;
    return out;
  }
}
