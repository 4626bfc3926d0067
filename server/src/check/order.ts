/** The order findings are shown in where the gravest must come first (the preview, the CLI's preview). */
import type { Diagnostic } from './diagnostic';
import { EFFECTS } from './rules';

/** By what they do to `xl create` (xl refusing the file first), then by place. */
export function gravestFirst(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => EFFECTS.indexOf(a.effect) - EFFECTS.indexOf(b.effect) || a.start - b.start);
}
