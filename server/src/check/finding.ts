/**
 * Findings are made here, from the rule table: a checker says which rule
 * (and which of its variants) and where; the table says how severe that is
 * and what it does to `xl create`.
 */
import type { Span } from '../syntax/cst';
import type { Diagnostic } from './diagnostic';
import { ruleLevel, RuleCode, VariantOf } from './rules';

export type FindingExtra = Pick<Diagnostic, 'related' | 'tags' | 'data'>;

export function finding<C extends RuleCode>(code: C, span: Span, message: string, extra: FindingExtra = {}, variant?: VariantOf<C>): Diagnostic {
  const { severity, effect } = ruleLevel(code, variant);
  const d: Diagnostic = { code, severity, effect, message, start: span.start, end: span.end };
  if (extra.related) d.related = extra.related;
  if (extra.tags) d.tags = extra.tags;
  if (extra.data !== undefined) d.data = extra.data;
  return d;
}
