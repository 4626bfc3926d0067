/**
 * The layout rules: what goes between two pieces (pieces.ts).
 *
 *  - one statement per line, `name = value` with one blank around the
 *    operator; in a block of statements (no blank line between them) where
 *    any operator was pushed right to line up (two blanks or a tab before
 *    it), every operator goes to one column: the furthest one so pushed, or
 *    past the longest name if that is further;
 *  - a list written on one line stays on one line: `[ "a", "b" ]`, `[]`;
 *  - a list written over several lines gets one item per line, indented by
 *    four blanks per level, a comma after every item, and its `]` on a line
 *    of its own under the setting;
 *  - comments stay where they are: at the end of their line, or on a line of
 *    their own (at the indentation of the list they are in; at the start of
 *    the line outside lists);
 *  - one blank line is kept where there were blank lines; none at the start,
 *    the file ends with one line break; `;` terminators go (a line break ends
 *    the statement the same way).
 */
import type { ListInfo, Piece } from './pieces';

export interface LayoutOptions {
  /** Blanks per list level (default 4). */
  indent?: number;
}

function isItemEnd(p: Piece): boolean {
  return p.kind === 'scalar' || p.kind === 'close';
}

function newlines(gap: string): number {
  let n = 0;
  for (let i = 0; i < gap.length; i++) if (gap.charCodeAt(i) === 0x0a) n++;
  return n;
}

/** The display width of text starting at `column` (tabs to the next multiple of 8). */
function width(text: string, column: number): number {
  let c = column;
  for (let i = 0; i < text.length; i++) c = text[i] === '\t' ? c + 8 - (c % 8) : c + 1;
  return c - column;
}

/** Statement index -> the blanks between its name and its operator. */
export function alignment(text: string, pieces: Piece[]): Map<number, string> {
  const pads = new Map<number, string>();
  let block: Array<{ statement: number; length: number; pushed: boolean; column: number }> = [];
  const flush = () => {
    const pushed = block.filter((b) => b.pushed);
    const column = pushed.length ? Math.max(...pushed.map((b) => b.column), ...block.map((b) => b.length + 1)) : 0;
    for (const b of block) pads.set(b.statement, pushed.length ? ' '.repeat(column - b.length) : ' ');
    block = [];
  };
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    const prev = pieces[i - 1];
    // A blank line outside the lists ends a block.
    if (!p.in && prev && newlines(text.slice(prev.end, p.start)) >= 2) flush();
    if (p.kind === 'name') {
      const op = pieces[i + 1];
      const gap = text.slice(p.end, op.start);
      const lineStart = text.lastIndexOf('\n', p.start - 1) + 1;
      const nameColumn = width(text.slice(lineStart, p.start), 0);
      const length = p.end - p.start;
      const column = length + width(gap, nameColumn + length);
      block.push({ statement: p.statement!, length, pushed: gap.length >= 2 || gap.includes('\t'), column });
    }
  }
  flush();
  return pads;
}

/** The new text between `prev` and `next` (either may be absent: start and end of the file). */
export function gapBetween(prev: Piece | undefined, next: Piece | undefined, oldGap: string, pads: Map<number, string>, options: LayoutOptions = {}): string {
  const unit = options.indent ?? 4;
  if (!prev) return '';
  if (!next) return '\n';
  if (prev.kind === 'name') return pads.get(prev.statement!) ?? ' ';
  if (prev.kind === 'op') return ' ';
  const n = newlines(oldGap);
  const blank = n >= 2 ? '\n' : '';
  // The list the boundary is in.
  const list: ListInfo | undefined = prev.kind === 'open' ? prev.own : next.kind === 'close' ? next.own : prev.in;
  if (!list) {
    // Top level: a statement ends, a comment stays on its line or on a line of its own.
    if (next.kind === 'comment' && n === 0) {
      const blanks = oldGap.replace(/;/g, '');
      return blanks.length && /^[ \t]+$/.test(blanks) ? blanks : ' ';
    }
    return `\n${blank}`;
  }
  const items = ' '.repeat(unit * (list.depth + 1));
  const closing = ' '.repeat(unit * list.depth);
  const ml = list.multiline;
  if (prev.kind === 'open') {
    if (next.kind === 'close') return '';
    if (next.kind === 'comment') return n === 0 ? ' ' : `\n${items}`;
    return ml ? `\n${items}` : ' ';
  }
  if (isItemEnd(prev)) {
    if (next.kind === 'close') return ml ? `,\n${closing}` : ' ';
    if (next.kind === 'comment') return n === 0 ? ', ' : `,\n${blank}${items}`;
    return ml ? `,\n${blank}${items}` : ', ';
  }
  // After a comment (only in lists over several lines).
  if (next.kind === 'close') return `\n${closing}`;
  return `\n${blank}${items}`;
}
