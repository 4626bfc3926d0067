/**
 * Format Document: the layout of layout.ts applied to a well-formed file, as
 * plain offset edits (only the gaps that change). A file with a syntax
 * problem is left as it is (xl rejects it; what it means is not certain
 * enough to move it around). Every result is checked to read the same for xl
 * and to keep every comment (verify.ts); if it did not, nothing is changed.
 */
import type { TextEdit } from '../check/edit';
import type { SyntaxTree } from '../syntax/cst';
import { parse } from '../syntax/parser';
import { alignment, gapBetween, LayoutOptions } from './layout';
import { collectPieces } from './pieces';
import { readsTheSame } from './verify';

export type { LayoutOptions } from './layout';

export interface FormatResult {
  edits: TextEdit[];
  /** Why nothing was changed, when the file was left alone. */
  skipped?: string;
}

/** What a gap may hold: blanks, line breaks, commas and ';' (anything else is not ours to move). */
const GAP = /^[ \t\n,;]*$/;

export function formatTree(tree: SyntaxTree, options: LayoutOptions = {}): FormatResult {
  if (tree.problems.length) return { edits: [], skipped: 'the file has syntax errors (fix them first: Format Document leaves such a file as it is)' };
  const { text } = tree;
  const pieces = collectPieces(tree);
  if (!pieces) return { edits: [], skipped: 'the file has statements xl cannot read' };
  const pads = alignment(text, pieces);
  const edits: TextEdit[] = [];
  for (let i = 0; i <= pieces.length; i++) {
    const prev = pieces[i - 1];
    const next = pieces[i];
    const start = prev ? prev.end : 0;
    const end = next ? next.start : text.length;
    const old = text.slice(start, end);
    if (!GAP.test(old)) return { edits: [], skipped: `unexpected text between the statements at offset ${start}` };
    const gap = pieces.length === 0 ? '' : gapBetween(prev, next, old, pads, options);
    if (gap !== old) edits.push({ start, end, newText: gap });
  }
  if (!edits.length) return { edits };
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  out += text.slice(at);
  const why = readsTheSame(tree, out);
  if (why) return { edits: [], skipped: `formatting would change the file's meaning (${why}); nothing changed` };
  return { edits };
}

/** The formatted text (the same text when it is left alone), with the reason when it is. */
export function formatText(text: string, options: LayoutOptions = {}): { text: string; skipped?: string } {
  const r = formatTree(parse(text), options);
  let out = '';
  let at = 0;
  for (const e of r.edits) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  out += text.slice(at);
  return r.skipped ? { text: out, skipped: r.skipped } : { text: out };
}
