/**
 * What is at an offset of a checked document, for completion and hover: a
 * comment, a setting name being typed, a bare value, or the inside of a
 * quoted string; with the setting it belongs to and the list around it.
 *
 * Offsets in, plain data out. Strings and comments never span lines in
 * xl.cfg, so a scan of the current line decides them exactly (the tree only
 * tells which setting a line of a multi-line list belongs to).
 */
import type { CheckedDocument } from '../check';
import type { Assignment, ListNode, Span, Statement, StringNode, SyntaxTree } from '../syntax/cst';
import { TokenKind } from '../syntax/tokens';

export interface StringAt {
  /** Offset of the opening quote. */
  start: number;
  /** Offset of the closing quote; for an unterminated string, the end of the line. */
  contentEnd: number;
  quote: '"' | "'";
  closed: boolean;
  /** The string node of the tree, when the string is a complete value there. */
  node?: StringNode;
}

export interface ListAt {
  /** The assignment whose (possibly nested) list holds the offset. */
  statement: Assignment;
  /** The innermost list holding the offset. */
  list: ListNode;
  /** 1 for the top-level list. */
  depth: number;
}

export type CursorContext =
  | { kind: 'comment'; start: number; end: number }
  | { kind: 'key'; word: Span; typed: string; hasOperator: boolean }
  | { kind: 'value'; key: string; inList: boolean; word: Span; typed: string; list?: ListAt }
  | { kind: 'string'; key: string; inList: boolean; string: StringAt; list?: ListAt; itemIndex?: number }
  | { kind: 'none' };

const isNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.]/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_.\-+:/@]/.test(c);

/** The last statement that starts at or before the offset. */
export function statementBefore(tree: SyntaxTree, offset: number): Statement | undefined {
  const st = tree.statements;
  let lo = 0;
  let hi = st.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (st[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? st[found] : undefined;
}

/** Whether the offset is inside the brackets of a list (after `[`, up to and including the `]` position). */
function insideList(list: ListNode, offset: number): boolean {
  return offset > list.open && (list.close < 0 || offset <= list.close);
}

/** The innermost list of an assignment that holds the offset (no recursion). */
export function listAt(tree: SyntaxTree, offset: number): ListAt | undefined {
  const st = statementBefore(tree, offset);
  if (!st || st.kind !== 'assignment' || st.value.kind !== 'list' || !insideList(st.value, offset)) return undefined;
  let list = st.value;
  let depth = 1;
  for (;;) {
    let next: ListNode | undefined;
    for (let i = list.items.length - 1; i >= 0; i--) {
      const item = list.items[i];
      if (item.start < offset) {
        if (item.kind === 'list' && insideList(item, offset)) next = item;
        break;
      }
    }
    if (!next) return { statement: st, list, depth };
    list = next;
    depth++;
  }
}

function lineBounds(doc: CheckedDocument, offset: number): { start: number; end: number } {
  const text = doc.tree.text;
  const start = doc.lines.lineStart(doc.lines.positionAt(offset).line);
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end };
}

type LineScan =
  | { kind: 'comment'; comment: number }
  | { kind: 'code'; segStart: number; string?: Omit<StringAt, 'node'> };

/**
 * Scans the line up to the offset: a comment holding the offset, or the start
 * of the statement segment (after the last ';') and the string around the
 * offset, if any.
 */
function scanLine(text: string, lineStart: number, lineEnd: number, offset: number): LineScan {
  let segStart = lineStart;
  let strStart = -1;
  let quote: '"' | "'" = '"';
  let i = lineStart;
  for (; i < offset; i++) {
    const c = text[i];
    if (strStart >= 0) {
      if (c === '\\') i++;
      else if (c === quote) strStart = -1;
      continue;
    }
    if (c === '#') return { kind: 'comment', comment: i };
    if (c === '"' || c === "'") {
      strStart = i;
      quote = c;
    } else if (c === ';') segStart = i + 1;
  }
  if (strStart < 0) return { kind: 'code', segStart };
  let j = Math.max(i, offset);
  let closed = false;
  for (; j < lineEnd; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === quote) {
      closed = true;
      break;
    }
  }
  return { kind: 'code', segStart, string: { start: strStart, contentEnd: Math.min(j, lineEnd), quote, closed } };
}

/** Bracket depth of a piece of one line, outside strings. */
function bracketDepth(s: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
  }
  return depth;
}

export function cursorContext(doc: CheckedDocument, offset: number): CursorContext {
  const { tree } = doc;
  const text = tree.text;
  offset = Math.max(0, Math.min(offset, text.length));
  const line = lineBounds(doc, offset);
  if (offset > line.end) return { kind: 'none' };
  const scan = scanLine(text, line.start, line.end, offset);
  if (scan.kind === 'comment') return { kind: 'comment', start: scan.comment, end: line.end };

  const str = scan.string;
  const prefixEnd = str ? str.start : offset;
  const seg = text.slice(scan.segStart, prefixEnd);
  const list = listAt(tree, offset);

  // Which setting: `key =` earlier on this line, or the multi-line list the line is in.
  let key: string | undefined;
  let inList = false;
  const m = /^[ \t]*([a-z][a-z0-9_.]*)[ \t]*\+?=([\s\S]*)$/.exec(seg);
  if (m) {
    key = m[1];
    inList = bracketDepth(m[2]) > 0;
  } else if (list && list.list.open < line.start) {
    // A bare name at the start of a line after an unclosed list is a new setting being typed.
    const typingName = list.statement.value.kind === 'list' && list.statement.value.close < 0 && /^[ \t]*[A-Za-z_][A-Za-z0-9_.]*$/.test(seg) && !str;
    if (!typingName) {
      key = list.statement.name.text;
      inList = true;
    }
  }

  if (str) {
    if (!key) return { kind: 'none' };
    const k = tree.tokens.indexAt(str.start);
    const node = findStringNode(tree, str.start, k);
    const string: StringAt = { ...str, node };
    const itemIndex = list ? list.list.items.findIndex((i) => i.start === str.start) : -1;
    return { kind: 'string', key, inList, string, list: inList ? list : undefined, itemIndex: itemIndex >= 0 ? itemIndex : undefined };
  }

  // A word around the cursor.
  let ws = offset;
  while (ws > line.start && isWordChar(text[ws - 1])) ws--;
  let we = offset;
  while (we < line.end && isWordChar(text[we])) we++;

  if (key) {
    // After a complete direct value (`type = "hvm" |`) nothing more can follow.
    if (m && !inList && text.slice(scan.segStart, ws).replace(/^[^=]*=/, '').trim() !== '') return { kind: 'none' };
    return { kind: 'value', key, inList, word: { start: ws, end: we }, typed: text.slice(ws, offset), list: inList ? list : undefined };
  }

  // A setting name at the start of a statement.
  if (/^[ \t]*[A-Za-z_]?[A-Za-z0-9_.]*$/.test(seg)) {
    let ns = offset;
    while (ns > line.start && isNameChar(text[ns - 1])) ns--;
    let ne = offset;
    while (ne < line.end && isNameChar(text[ne])) ne++;
    const hasOperator = /^[ \t]*\+?=/.test(text.slice(ne, line.end));
    return { kind: 'key', word: { start: ns, end: ne }, typed: text.slice(ns, offset), hasOperator };
  }
  return { kind: 'none' };
}

function findStringNode(tree: SyntaxTree, start: number, k: number): StringNode | undefined {
  if (tree.tokens.kinds[k] !== TokenKind.String || tree.tokens.starts[k] !== start) return undefined;
  const st = statementBefore(tree, start);
  if (!st || st.kind !== 'assignment') return undefined;
  if (st.value.kind === 'string') return st.value.start === start ? st.value : undefined;
  const l = listAt(tree, start + 1);
  const item = l?.list.items.find((i) => i.start === start);
  return item?.kind === 'string' ? item : undefined;
}

/** The setting name under the offset (the cursor on it or right after it), with its statement. */
export function nameAt(tree: SyntaxTree, offset: number): Statement | undefined {
  const st = statementBefore(tree, offset);
  if (st?.name && offset >= st.name.start && offset <= st.name.end) return st;
  return undefined;
}

/** The comment holding the offset. */
export function commentAt(tree: SyntaxTree, offset: number) {
  const cs = tree.comments;
  let lo = 0;
  let hi = cs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cs[mid];
    if (offset < c.start) hi = mid - 1;
    else if (offset > c.end) lo = mid + 1;
    else return c;
  }
  return undefined;
}
