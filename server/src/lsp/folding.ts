/**
 * Folding: lists that span lines (nested ones too) and blocks of two or more
 * whole-line comments.
 */
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { ListNode } from '../syntax/cst';
import type { CachedDocument } from './documentCache';

export function foldingRanges(cached: CachedDocument, limit = Number.MAX_SAFE_INTEGER): FoldingRange[] {
  const { tree, lines } = cached.checked;
  const text = tree.text;
  const out: FoldingRange[] = [];
  const lineOf = (offset: number) => lines.positionAt(offset).line;

  // Lists: from the line of '[' to the line before a ']' that stands alone
  // (it stays visible), else to the line of ']' or the last line of an unclosed list.
  for (const st of tree.statements) {
    if (st.kind !== 'assignment' || st.value.kind !== 'list') continue;
    const stack: ListNode[] = [st.value];
    while (stack.length) {
      const list = stack.pop()!;
      const startLine = lineOf(list.open);
      const last = list.close >= 0 ? list.close : list.items.length ? list.items[list.items.length - 1].end : list.end;
      const lastLine = lineOf(last);
      if (lastLine > startLine) {
        // A ']' alone on its line stays visible; after an item on the same line it folds with it.
        const closeAlone = list.close >= 0 && /^[ \t]*$/.test(text.slice(lines.lineStart(lastLine), list.close));
        const endLine = closeAlone ? lastLine - 1 : lastLine;
        if (endLine > startLine) out.push({ startLine, endLine });
        for (const item of list.items) if (item.kind === 'list') stack.push(item);
      }
    }
  }

  // Comment blocks: consecutive lines holding only a comment.
  let blockStart = -1;
  let blockEnd = -1;
  const flush = () => {
    if (blockStart >= 0 && blockEnd > blockStart) out.push({ startLine: blockStart, endLine: blockEnd, kind: FoldingRangeKind.Comment });
  };
  for (const c of tree.comments) {
    const line = lineOf(c.start);
    const lineStart = lines.lineStart(line);
    if (!/^[ \t]*$/.test(text.slice(lineStart, c.start))) continue;
    if (blockStart >= 0 && line === blockEnd + 1) {
      blockEnd = line;
    } else {
      flush();
      blockStart = blockEnd = line;
    }
  }
  flush();

  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out.length > limit ? out.slice(0, limit) : out;
}
