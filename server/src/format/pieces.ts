/**
 * A well-formed document as the formatter sees it: the pieces whose text it
 * never changes (setting names, operators, strings, numbers, brackets,
 * comments), in document order, each with the list it sits in. Everything
 * between two pieces is a gap the formatter lays out again: blanks, line
 * breaks, commas and ';' terminators, which change nothing xl reads.
 */
import type { ListNode, SyntaxTree, ValueNode } from '../syntax/cst';

export interface ListInfo {
  /** 0 for a setting's own list, 1 for a list inside it, ... */
  depth: number;
  /** Written over several lines (laid out one item per line). */
  multiline: boolean;
}

export type PieceKind = 'name' | 'op' | 'scalar' | 'open' | 'close' | 'comment';

export interface Piece {
  kind: PieceKind;
  start: number;
  end: number;
  /** The list the piece is an item of (or, for a comment, sits in); undefined at the top level. */
  in?: ListInfo;
  /** For 'open' and 'close': the list they open and close. */
  own?: ListInfo;
  /** For 'name': the statement's position among the statements. */
  statement?: number;
}

/** A value's pieces, without recursion (lists nest thousands deep in hostile files). */
function valuePieces(text: string, value: ValueNode, out: Piece[]): void {
  const stack: Array<{ node: ValueNode; in?: ListInfo } | { close: ListNode; own: ListInfo; in?: ListInfo }> = [{ node: value }];
  while (stack.length) {
    const top = stack.pop()!;
    if ('close' in top) {
      out.push({ kind: 'close', start: top.close.close, end: top.close.close + 1, own: top.own, in: top.in });
      continue;
    }
    const { node } = top;
    if (node.kind !== 'list') {
      out.push({ kind: 'scalar', start: node.start, end: node.end, in: top.in });
      continue;
    }
    const own: ListInfo = { depth: top.in ? top.in.depth + 1 : 0, multiline: text.slice(node.open, node.close).includes('\n') };
    out.push({ kind: 'open', start: node.open, end: node.open + 1, own, in: top.in });
    stack.push({ close: node, own, in: top.in });
    for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], in: own });
  }
}

/**
 * The pieces of a tree without syntax problems (every statement an
 * assignment, every list closed), or undefined when the tree has anything else.
 */
export function collectPieces(tree: SyntaxTree): Piece[] | undefined {
  const { text } = tree;
  const code: Piece[] = [];
  let index = 0;
  for (const st of tree.statements) {
    if (st.kind !== 'assignment' || st.broken) return undefined;
    code.push({ kind: 'name', start: st.name.start, end: st.name.end, statement: index++ });
    code.push({ kind: 'op', start: st.opStart, end: st.opStart + st.op.length });
    valuePieces(text, st.value, code);
  }
  // Comments go between the code pieces; each sits in the list of the piece before it.
  const out: Piece[] = [];
  let c = 0;
  const comments = tree.comments;
  const placeComment = (upTo: number) => {
    while (c < comments.length && comments[c].start < upTo) {
      const cm = comments[c++];
      const prev = out[out.length - 1];
      const inList = !prev ? undefined : prev.kind === 'open' ? prev.own : prev.in;
      // The comment's trailing blanks belong to the gap after it.
      let end = cm.end;
      while (end > cm.start + 1 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
      out.push({ kind: 'comment', start: cm.start, end, in: inList });
    }
  };
  for (const p of code) {
    placeComment(p.start);
    out.push(p);
  }
  placeComment(Number.POSITIVE_INFINITY);
  return out;
}
