/** A finding about the document, in plain data (offsets, not LSP positions). */
import type { Severity, Span } from '../syntax/cst';
import type { RuleCode } from './rules';

export type DiagnosticTag = 'unnecessary' | 'deprecated';

export interface Diagnostic extends Span {
  code: RuleCode;
  severity: Severity;
  message: string;
  related?: Array<Span & { message: string }>;
  tags?: DiagnosticTag[];
  /** Fix candidates computed with the diagnostic (read by quick fixes). */
  data?: unknown;
}
