/**
 * Findings are made here, from the rule table: a checker says which rule
 * (and which of its variants) and where; the table says how severe that is
 * and what it does to `xl create`.
 */
import type { Span } from '../syntax/cst';
import type { Diagnostic } from './diagnostic';
import { ruleLevel, RuleCode, VariantOf } from './rules';

/** Related places one finding lists, at most (the count is in its message when it matters). */
export const MAX_RELATED = 20;

/**
 * Related places each member of a group lists when every member gets a
 * finding (the same path, name or MAC): the rest have findings of their own,
 * and 300 members listing 299 others would make 90,000 entries to send.
 */
export const MAX_RELATED_EACH = 3;

export type FindingExtra = Pick<Diagnostic, 'related' | 'tags' | 'data'>;

export function finding<C extends RuleCode>(code: C, span: Span, message: string, extra: FindingExtra = {}, variant?: VariantOf<C>): Diagnostic {
  const { severity, effect } = ruleLevel(code, variant);
  const d: Diagnostic = { code, severity, effect, message, start: span.start, end: span.end };
  if (extra.related) d.related = extra.related;
  if (extra.tags) d.tags = extra.tags;
  if (extra.data !== undefined) d.data = extra.data;
  return d;
}
