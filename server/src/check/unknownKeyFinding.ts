/**
 * One xen-key-unknown finding for a key no release's xl reads, kept small
 * (see lazyFinding.ts): a file of 150,000 unknown keys gets one each.
 */
import type { Span } from '../syntax/cst';
import { LazyFinding } from './lazyFinding';
import { ruleLevel } from './rules';

/** The fix data of xen-key-unknown: the known key to write instead. */
export interface KeyFixData {
  replaceWith: string;
}

export class UnknownKeyFinding extends LazyFinding {
  readonly code = 'xen-key-unknown' as const;

  constructor(
    span: Span,
    readonly key: string,
    /** The known key it may be a misspelling of. */
    readonly near: string | undefined,
  ) {
    const { severity, effect } = ruleLevel('xen-key-unknown', near === undefined ? 'no-suggestion' : undefined);
    super(severity, effect, span.start, span.end);
  }

  get message(): string {
    return `xl does not read '${this.key}': it is silently ignored.${this.near ? ` Did you mean '${this.near}'?` : ''}`;
  }

  override get data(): KeyFixData | undefined {
    return this.near === undefined ? undefined : { replaceWith: this.near };
  }
}
