/** A finding about the document, in plain data (offsets, not LSP positions). */
import type { Severity, Span } from '../syntax/cst';
import type { Effect, RuleCode } from './rules';

export type DiagnosticTag = 'unnecessary' | 'deprecated';

export interface Diagnostic extends Span {
  code: RuleCode;
  severity: Severity;
  /** What this finding means for `xl create` (from the rule table; see check/finding.ts). */
  effect: Effect;
  message: string;
  related?: Array<Span & { message: string }>;
  tags?: DiagnosticTag[];
  /** Fix candidates computed with the diagnostic (read by quick fixes). */
  data?: unknown;
}
