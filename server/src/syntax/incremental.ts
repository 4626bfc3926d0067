/**
 * Incremental reparsing: after an edit, only the statements around it are
 * parsed again; the statements before are kept and the ones after are
 * reused with their offsets shifted. The result equals a full parse of the
 * new text (checked by a randomized test against `parse`).
 *
 * Why this is sound for xl.cfg: the scanner is memoryless at token
 * boundaries (it starts every token in the same state), and the parser is
 * memoryless at statement boundaries. So once
 * the new parse reaches a statement boundary past the edit whose token also
 * began a statement in the old parse, everything after it is the old result,
 * shifted.
 *
 * The old tree is consumed: the reused nodes are updated in place.
 */
import type { Assignment, CommentNode, ListNode, Span, Statement, SyntaxProblem, SyntaxTree, ValueNode } from './cst';
import { LexOptions, tokenize } from './lexer';
import { assembleTree, parse, parsePartial } from './parser';
import { LexError, TokenKind, TokenList } from './tokens';

/** Below this depth xl's stack check is not needed (see parser.ts); deeper trees are reparsed whole. */
const DEEP = 1990;

/** The first index in the ascending `xs` whose value is >= x. */
function lowerBound(xs: ArrayLike<number>, count: number, x: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface TextChange {
  /** Offset of the first changed character (same in both texts). */
  start: number;
  /** End of the replaced text in the old text. */
  oldEnd: number;
  /** End of the replacement in the new text. */
  newEnd: number;
}

/** The one region where two texts differ (common prefix and suffix removed). */
export function diffTexts(a: string, b: string): TextChange | undefined {
  if (a === b) return undefined;
  const min = Math.min(a.length, b.length);
  let p = 0;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < min - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

function shiftSpan(s: Span, d: number): void {
  s.start += d;
  s.end += d;
}

/** Moves a value (nested lists included, without recursion) by `d` characters and `t` tokens. */
function shiftValue(v: ValueNode, d: number, t: number): void {
  const stack: ValueNode[] = [v];
  while (stack.length) {
    const n = stack.pop()!;
    shiftSpan(n, d);
    if (n.kind === 'list') {
      n.open += d;
      if (n.close >= 0) n.close += d;
      for (let i = 0; i < n.commas.length; i++) n.commas[i] += d;
      for (const item of n.items) stack.push(item);
    } else {
      n.token += t;
      if (n.kind === 'string' && n.decoded) {
        if (n.decoded.nulAt >= 0) n.decoded.nulAt += d;
        if (n.decoded.error) shiftSpan(n.decoded.error, d);
      }
    }
  }
}

function shiftStatement(st: Statement, d: number, t: number): void {
  shiftSpan(st, d);
  st.firstToken += t;
  if (st.name) shiftSpan(st.name, d);
  if (st.kind === 'assignment') {
    const a = st as Assignment;
    shiftSpan(a.opSpan, d);
    shiftValue(a.value, d, t);
  }
}

function shiftProblem(p: SyntaxProblem, d: number): void {
  shiftSpan(p, d);
  if (p.related) for (const r of p.related) shiftSpan(r, d);
}

function isTerminatorKind(kind: number): boolean {
  return kind === TokenKind.Newline || kind === TokenKind.Semicolon;
}

/** The tree of `text`, reusing `old` (the tree of the previous text) where the edit cannot reach. */
export function reparse(old: SyntaxTree, text: string, options: LexOptions = {}): SyntaxTree {
  const change = diffTexts(old.text, text);
  if (!change) return old.text === text ? old : parse(text, options);
  if (old.maxDepth >= DEEP || !old.boundaries) return parse(text, options);
  const delta = change.newEnd - change.oldEnd;
  const ot = old.tokens;

  // Restart at the statement boundary at or before the edit (one more back, so
  // that an edit touching a statement's end or its terminator is covered).
  const b = old.boundaries;
  let bi = lowerBound(b, b.length, ot.indexAt(change.start)) - 1;
  if (bi > 0) bi--;
  // ...and one right after a statement terminator (a NEWLINE or ';' token), so
  // that everything the statements before it reported lies before the restart.
  while (bi > 0 && !isTerminatorKind(ot.kinds[b[bi] - 1])) bi--;
  const restartToken = bi >= 0 ? b[bi] : 0;
  // Lex from the end of the token before it: that picks up the lexical errors
  // met before the restart token, exactly as a full scan does.
  const lexFrom = restartToken > 0 ? ot.ends[restartToken - 1] : 0;
  const lineAt = lexFrom > 0 ? lineAfterToken(text, ot, restartToken - 1) : 1;
  const tail = tokenize(text, options, { offset: lexFrom, line: lineAt }).tokens;

  // Parse the tail until a boundary past the edit that the old parse also had.
  const ob = new Set<number>();
  for (let i = Math.max(0, bi); i < b.length; i++) ob.add(b[i]);
  let syncOld = -1;
  const partial = parsePartial(text, tail, (k) => {
    const x = tail.starts[k];
    // Only right after a statement terminator, so that everything the statements before reported lies before it.
    if (x < change.newEnd || tail.lexErrors.get(k) || !isTerminatorKind(tail.kinds[k - 1])) return false;
    const j = lowerBound(ot.starts, ot.count, x - delta);
    if (j >= ot.count || ot.starts[j] !== x - delta || ot.kinds[j] !== tail.kinds[k] || !ob.has(j) || ot.lexErrors.get(j)) return false;
    syncOld = j;
    return true;
  });
  if (partial.maxDepth >= DEEP) return parse(text, options);

  // Tokens: the old ones before the restart, then the new tail (lexed to the end).
  const prefixCount = restartToken;
  const tokens = new TokenList(prefixCount + tail.count + 16);
  tokens.kinds.set(ot.kinds.subarray(0, prefixCount));
  tokens.starts.set(ot.starts.subarray(0, prefixCount));
  tokens.ends.set(ot.ends.subarray(0, prefixCount));
  tokens.xlLines.set(ot.xlLines.subarray(0, prefixCount));
  tokens.textStarts.set(ot.textStarts.subarray(0, prefixCount));
  tokens.kinds.set(tail.kinds.subarray(0, tail.count), prefixCount);
  tokens.starts.set(tail.starts.subarray(0, tail.count), prefixCount);
  tokens.ends.set(tail.ends.subarray(0, tail.count), prefixCount);
  tokens.xlLines.set(tail.xlLines.subarray(0, tail.count), prefixCount);
  tokens.textStarts.set(tail.textStarts.subarray(0, tail.count), prefixCount);
  tokens.count = prefixCount + tail.count;
  for (const [k, errors] of ot.lexErrors) if (k < prefixCount) tokens.lexErrors.set(k, errors);
  for (const [k, errors] of tail.lexErrors) tokens.lexErrors.set(k + prefixCount, errors);

  // Statements, comments, problems, boundaries: before | reparsed | after (shifted).
  const newToken = (k: number) => k + prefixCount;
  const statements: Statement[] = [];
  const comments: CommentNode[] = [];
  const problems: SyntaxProblem[] = [];
  const boundaries: number[] = [];
  for (const st of old.statements) {
    if (st.firstToken >= restartToken) break;
    statements.push(st);
  }
  for (const c of old.comments) {
    if (c.start >= lexFrom) break;
    comments.push(c);
  }
  for (const p of old.problems) if (p.start < lexFrom) problems.push(p);
  for (let i = 0; i < b.length && b[i] < restartToken; i++) boundaries.push(b[i]);

  for (const st of partial.statements) {
    shiftStatement(st, 0, prefixCount);
    statements.push(st);
  }
  for (const c of partial.comments) comments.push(c);
  for (const p of partial.problems) problems.push(p);
  for (const k of partial.boundaries) boundaries.push(newToken(k));

  let maxDepth = partial.maxDepth;
  if (partial.synced) {
    const oldFrom = syncOld;
    const tokenShift = newToken(partial.stoppedAt) - oldFrom;
    const oldFromOffset = ot.starts[oldFrom];
    for (const st of old.statements) {
      if (st.firstToken < oldFrom) continue;
      shiftStatement(st, delta, tokenShift);
      statements.push(st);
    }
    for (const c of old.comments) {
      if (c.start < oldFromOffset) continue;
      shiftSpan(c, delta);
      comments.push(c);
    }
    for (const p of old.problems) {
      if (p.start < oldFromOffset) continue;
      shiftProblem(p, delta);
      problems.push(p);
    }
    for (const k of b) if (k >= oldFrom) boundaries.push(k + tokenShift);
    maxDepth = Math.max(maxDepth, old.maxDepth);
  }
  return assembleTree(text, tokens, { statements, comments, problems, boundaries, maxDepth });
}

/**
 * xl's line number (yylineno) right after token k. A token's xlLine is its
 * own line, except that a NEWLINE token records the line it ends, while a
 * lexical error that ends at a newline already records the next one.
 */
function lineAfterToken(text: string, ot: TokenList, k: number): number {
  const endsLine = text.charCodeAt(ot.ends[k] - 1) === 0x0a;
  return endsLine && ot.textStarts[k] === ot.starts[k] ? ot.xlLines[k] + 1 : ot.xlLines[k];
}

export type { LexError };
