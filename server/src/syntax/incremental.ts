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
import type { Assignment, ListNode, Span, Statement, SyntaxProblem, SyntaxTree, ValueNode } from './cst';
import { shiftSpan } from './cst';
import { LexOptions, scanString, tokenize } from './lexer';
import { ownText } from './ownText';
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

/** How many leading elements of `xs` satisfy `before` (which holds for a prefix of `xs`). */
function lowerBoundBy<T>(xs: readonly T[], before: (x: T) => boolean): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(xs[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `head[0, headEnd)`, then `middle`, then `tail[tailFrom, end)`, in one array of exactly that size. */
function joined<T>(head: readonly T[], headEnd: number, middle: readonly T[], tail: readonly T[], tailFrom: number): T[] {
  const out = new Array<T>(headEnd + middle.length + tail.length - tailFrom);
  for (let i = 0; i < headEnd; i++) out[i] = head[i];
  for (let i = 0; i < middle.length; i++) out[headEnd + i] = middle[i];
  for (let i = tailFrom, k = headEnd + middle.length; i < tail.length; i++, k++) out[k] = tail[i];
  return out;
}

export interface TextChange {
  /** Offset of the first changed character (same in both texts). */
  start: number;
  /** End of the replaced text in the old text. */
  oldEnd: number;
  /** End of the replacement in the new text. */
  newEnd: number;
}

/** The first block compared natively (substring equality); blocks double while they match, then halve. */
const BLOCK = 256;

/** How many characters a and b have in common from the start (`fromEnd`: from the end), up to `max`. */
function common(a: string, b: string, max: number, fromEnd: boolean): number {
  const same = (p: number, n: number) => (fromEnd ? a.substring(a.length - p - n, a.length - p) === b.substring(b.length - p - n, b.length - p) : a.substring(p, p + n) === b.substring(p, p + n));
  // Galloping: a keystroke in 2 MB compares a few dozen blocks, not eight thousand.
  let p = 0;
  let n = BLOCK;
  while (p + n <= max && same(p, n)) {
    p += n;
    n *= 2;
  }
  for (n >>= 1; n >= 16; n >>= 1) if (p + n <= max && same(p, n)) p += n;
  if (fromEnd) while (p < max && a.charCodeAt(a.length - 1 - p) === b.charCodeAt(b.length - 1 - p)) p++;
  else while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** The one region where two texts differ (common prefix and suffix removed). */
export function diffTexts(a: string, b: string): TextChange | undefined {
  if (a === b) return undefined;
  const min = Math.min(a.length, b.length);
  const p = common(a, b, min, false);
  const s = common(a, b, min - p, true);
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/**
 * diffTexts(a, b), found from a region known to hold every difference (the
 * edit a client described): the texts are equal before `known.start` and in
 * their last `a.length - known.oldEnd` characters, so only the characters
 * around the region are compared, not the whole document.
 */
export function diffWithin(a: string, b: string, known: TextChange): TextChange | undefined {
  const min = Math.min(a.length, b.length);
  let p = Math.min(known.start, min);
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p === a.length && p === b.length) return undefined;
  const room = min - p;
  let s = Math.max(0, Math.min(a.length - known.oldEnd, b.length - known.newEnd, room));
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/** Moves a value (nested lists included, without recursion) by `d` characters and `t` tokens. */
function shiftValue(v: ValueNode, d: number, t: number): void {
  if (v.kind !== 'list') return shiftScalar(v, d, t); // (most values: no stack to allocate)
  const stack: ValueNode[] = [v];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'list') {
      shiftSpan(n, d);
      n.open += d;
      if (n.close >= 0) n.close += d;
      for (let i = 0; i < n.commas.length; i++) n.commas[i] += d;
      for (const item of n.items) stack.push(item);
    } else shiftScalar(n, d, t);
  }
}
function shiftScalar(n: Exclude<ValueNode, ListNode>, d: number, t: number): void {
  shiftSpan(n, d);
  n.token += t;
  if (n.kind === 'string' && n.decoded) {
    if (n.decoded.nulAt >= 0) n.decoded.nulAt += d;
    if (n.decoded.error) shiftSpan(n.decoded.error, d);
  }
}

function shiftStatement(st: Statement, d: number, t: number): void {
  shiftSpan(st, d);
  st.firstToken += t;
  if (st.name) shiftSpan(st.name, d);
  if (st.kind === 'assignment') {
    const a = st as Assignment;
    a.opStart += d;
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
export function reparse(old: SyntaxTree, text: string, options: LexOptions = {}, change = diffTexts(old.text, text)): SyntaxTree {
  if (!change) return old.text === text ? old : parse(text, options);
  if (old.maxDepth >= DEEP || !old.boundaries) return parse(text, options);
  const inside = insideOneString(old, text, change);
  if (inside) return inside;
  const delta = change.newEnd - change.oldEnd;
  const ot = old.tokens;

  // Restart at the statement boundary at or before the edit (one more back, so
  // that an edit touching a statement's end or its terminator is covered).
  const b = old.boundaries;
  let bi = lowerBound(b, b.length, ot.indexAt(change.start)) - 1;
  if (bi > 0) bi--;
  // ...and one right after a statement terminator (a NEWLINE or ';' token), so
  // that everything the statements before it reported lies before the restart,
  // whose token has no lexical errors (a statement that ended by recovery may
  // already have reported the errors of the token after it).
  // And before every problem that reaches the edit: a problem reported earlier may span text
  // after its statement (an unterminated string is marked to the end of its line), which the
  // edit can change.
  let reachingFrom = Infinity;
  for (const p of old.problems) if (p.end >= change.start && p.start < reachingFrom) reachingFrom = p.start;
  while (bi > 0 && (!isTerminatorKind(ot.kinds[b[bi] - 1]) || ot.lexErrors.has(b[bi]) || ot.ends[b[bi] - 1] > reachingFrom)) bi--;
  const restartToken = bi >= 0 ? b[bi] : 0;
  // Lex from the end of the token before it: that picks up the lexical errors
  // met before the restart token, exactly as a full scan does.
  const lexFrom = restartToken > 0 ? ot.ends[restartToken - 1] : 0;
  const lineAt = lexFrom > 0 ? lineAfterToken(text, ot, restartToken - 1) : 1;
  // The old tokens before the restart stay, the tail is scanned again until it
  // meets the old tokens, and the old tokens after that are moved (in place:
  // the old tree is consumed).
  const oldCount = ot.count;
  const tail = lexTail(text, options, ot, change, lexFrom, lineAt, restartToken);
  const tokens = spliceTokens(ot, restartToken, tail, delta);
  const reusedFrom = restartToken + tail.lexed.count;

  // Parse from the restart until a boundary among the reused tokens where the old parse also began a statement.
  let syncOld = -1;
  const partial = parsePartial(
    text,
    tokens,
    (k) => {
      if (k < reusedFrom || tokens.lexErrors.get(k) || !isTerminatorKind(tokens.kinds[k - 1])) return false;
      const j = k - reusedFrom + tail.syncToken;
      const at = lowerBound(b, b.length, j);
      if (at >= b.length || b[at] !== j || at < bi) return false;
      syncOld = j;
      return true;
    },
    restartToken,
  );
  if (partial.maxDepth >= DEEP) return parse(text, options);

  // Statements, comments, problems, boundaries: before | reparsed | after (shifted).
  // (Built from exact-size copies: pushing thousands of reused nodes one by one allocated several times their size.)
  const oldStatements = old.statements;
  const oldComments = old.comments;
  const statementsBefore = lowerBoundBy(oldStatements, (st) => st.firstToken < restartToken);
  const commentsBefore = lowerBoundBy(oldComments, (c) => c.start < lexFrom);
  const problems: SyntaxProblem[] = [];
  for (const p of old.problems) if (p.start < lexFrom) problems.push(p);
  for (const p of partial.problems) problems.push(p);
  const boundariesBefore = lowerBound(b, b.length, restartToken);

  // The old statements and comments from these indexes on are reused (none unless the parse synced).
  let statementsFrom = oldStatements.length;
  let commentsFrom = oldComments.length;
  let boundariesAfter: number[] = [];
  let maxDepth = partial.maxDepth;
  if (partial.synced) {
    const oldFrom = syncOld;
    const tokenShift = partial.stoppedAt - oldFrom;
    const oldFromOffset = tokens.starts[partial.stoppedAt] - delta;
    statementsFrom = lowerBoundBy(oldStatements, (st) => st.firstToken < oldFrom);
    for (let i = statementsFrom; i < oldStatements.length; i++) shiftStatement(oldStatements[i], delta, tokenShift);
    commentsFrom = lowerBoundBy(oldComments, (c) => c.start < oldFromOffset);
    for (let i = commentsFrom; i < oldComments.length; i++) shiftSpan(oldComments[i], delta);
    for (const p of old.problems) {
      // (An empty range right at the sync token marks the end of the statement before it, which was parsed again.)
      if (p.start < oldFromOffset || (p.start === oldFromOffset && p.end === p.start)) continue;
      shiftProblem(p, delta);
      problems.push(p);
    }
    const from = lowerBound(b, b.length, oldFrom);
    const to = lowerBound(b, b.length, oldCount);
    boundariesAfter = new Array<number>(to - from);
    for (let i = from; i < to; i++) boundariesAfter[i - from] = b[i] + tokenShift;
    maxDepth = Math.max(maxDepth, old.maxDepth);
  }
  const statements = joined(oldStatements, statementsBefore, partial.statements, oldStatements, statementsFrom);
  const comments = joined(oldComments, commentsBefore, partial.comments, oldComments, commentsFrom);
  const boundaries = joined(b, boundariesBefore, partial.boundaries, boundariesAfter, 0);
  return assembleTree(text, tokens, { statements, comments, problems, boundaries, maxDepth });
}

interface Tail {
  /** The tokens scanned again, from the restart. */
  lexed: TokenList;
  /** The old token where the scan met the old tokens again (-1: it ran to the end). */
  syncToken: number;
  /** How many lines the edit added (negative: removed). */
  lineShift: number;
}

/**
 * Scans the new text from `lexFrom`. The scan stops at the first token past
 * the edit where the old scan had a token at the same (shifted) place with no
 * lexical error pending in either: the scanner keeps no state across a token
 * boundary but its line number, so from there on the old tokens are the new
 * ones, moved by the edit's length and line count.
 */
function lexTail(text: string, options: LexOptions, ot: TokenList, change: TextChange, lexFrom: number, lineAt: number, restartToken: number): Tail {
  const delta = change.newEnd - change.oldEnd;
  let syncToken = -1;
  const { tokens, stopped } = tokenize(text, options, { offset: lexFrom, line: lineAt }, (x) => {
    if (x < change.newEnd) return false;
    const j = lowerBound(ot.starts, ot.count, x - delta);
    // (The old end-of-input token is never met: the scan ends before it.)
    if (j >= ot.count - 1 || j < restartToken || ot.starts[j] !== x - delta || ot.lexErrors.get(j)) return false;
    syncToken = j;
    return true;
  });
  // A token with no error pending records the line it starts on.
  return { lexed: tokens, syncToken: stopped ? syncToken : -1, lineShift: stopped ? stopped.line - ot.xlLines[syncToken] : 0 };
}

/**
 * The new token list: the old tokens before `restart`, the tokens scanned
 * again, and the old tokens from the sync point on, moved by `delta`
 * characters and the tail's line shift. Built in the old list's arrays when
 * they are big enough.
 */
function spliceTokens(ot: TokenList, restart: number, tail: Tail, delta: number): TokenList {
  const { lexed, syncToken, lineShift } = tail;
  const m = lexed.count;
  const rest = syncToken < 0 ? 0 : ot.count - syncToken;
  const count = restart + m + rest;
  let out = ot;
  if (count > ot.kinds.length) {
    out = new TokenList(count + (count >> 3) + 16);
    out.copyRange(ot, 0, restart, 0);
  }
  const to = restart + m;
  if (rest > 0) {
    out.copyRange(ot, syncToken, syncToken + rest, to);
    for (let k = to; k < count; k++) {
      out.starts[k] += delta;
      out.ends[k] += delta;
      out.xlLines[k] += lineShift;
      out.textStarts[k] += delta;
    }
  }
  out.copyRange(lexed, 0, m, restart);
  out.count = count;
  // Lexical errors (rare): re-keyed; the moved ones' records move with their tokens.
  if (ot.lexErrors.size || lexed.lexErrors.size) {
    const old = [...ot.lexErrors];
    out.lexErrors.clear();
    for (const [k, errors] of old) {
      if (k < restart) out.lexErrors.set(k, errors);
      else if (rest > 0 && k >= syncToken) {
        for (const e of errors) {
          e.start += delta;
          e.end += delta;
          e.charEnd += delta;
          e.xlLine += lineShift;
        }
        out.lexErrors.set(k - syncToken + to, errors);
      }
    }
    for (const [k, errors] of lexed.lexErrors) out.lexErrors.set(k + restart, errors);
  }
  return out;
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

// --- typing inside one string ---------------------------------------------------------------

/** Whether text[from, to) holds none of the characters that give a string an escape, a NUL or an end. */
function plainBody(text: string, from: number, to: number, quote: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c || c === 0 || c === 0x0a || c === quote) return false;
  }
  return true;
}

/** The index of the last of `xs` (sorted by start) that starts at or before `offset`, or -1. */
function lastStartingBy(xs: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Typing inside a string (the common keystroke, and in a list of 26,000
 * items the one a statement-wise reparse handles worst): when the edit lies
 * strictly between the quotes of one plain string (no escape, no NUL, no
 * lexical error anywhere) and leaves it one plain string, the new text has
 * the same tokens, the same statements and the same problems, only that
 * string's value is new and everything after it moves by the edit's length.
 * Then the string's node is replaced and the rest moved, in place; otherwise
 * undefined (the caller reparses statement-wise). A full parse gives the same
 * tree (the fuzz and the incremental tests compare them).
 */
function insideOneString(old: SyntaxTree, text: string, change: TextChange): SyntaxTree | undefined {
  const ot = old.tokens;
  if (ot.lexErrors.size) return undefined;
  const k = ot.indexAt(change.start);
  if (ot.kinds[k] !== TokenKind.String) return undefined;
  const start = ot.starts[k];
  const oldEnd = ot.ends[k];
  // Strictly between the quotes, in the old text and the new.
  if (!(start < change.start && change.oldEnd < oldEnd)) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const end = oldEnd + delta;
  const quote = text.charCodeAt(start);
  if (!plainBody(old.text, start + 1, oldEnd - 1, quote) || !plainBody(text, start + 1, end - 1, quote) || scanString(text, start) !== end) return undefined;
  // The node of that string: in a statement's value, or an item of its (nested) lists.
  const si = lastStartingBy(old.statements, start);
  const st = old.statements[si];
  if (!st || st.kind !== 'assignment' || st.end < oldEnd) return undefined;
  let parent: ListNode | undefined;
  let at = -1;
  let node: ValueNode = st.value;
  while (node.kind === 'list') {
    const i = lastStartingBy(node.items, start);
    if (i < 0) return undefined;
    parent = node;
    at = i;
    node = node.items[i];
  }
  if (node.kind !== 'string' || node.token !== k || node.decoded) return undefined;

  // Tokens: the string ends later, everything after it moves (no line changes: the edit holds no newline).
  ot.ends[k] = end;
  for (let j = k + 1; j < ot.count; j++) {
    ot.starts[j] += delta;
    ot.ends[j] += delta;
    ot.textStarts[j] += delta;
  }
  const replacement: ValueNode = { kind: 'string', start, end, token: k, quote: node.quote, value: ownText(text, start + 1, end - 1) };
  // Every offset at or past the old string's end moves (none lies inside the string but its own).
  const from = oldEnd;
  const move = (x: number) => (x >= from ? x + delta : x);
  if (parent) {
    parent.items[at] = replacement;
    moveListsAfter(st.value as ListNode, from, delta);
  } else st.value = replacement;
  st.end = move(st.end);
  const statements = old.statements;
  for (let i = si + 1; i < statements.length; i++) shiftStatement(statements[i], delta, 0);
  for (const c of old.comments) if (c.start >= from) shiftSpan(c, delta);
  for (const p of old.problems) {
    p.start = move(p.start);
    p.end = move(p.end);
    if (p.related) {
      for (const r of p.related) {
        r.start = move(r.start);
        r.end = move(r.end);
      }
    }
  }
  return assembleTree(text, ot, { statements, comments: old.comments, problems: old.problems, boundaries: old.boundaries, maxDepth: old.maxDepth });
}

/** In a list whose items before `from` stay: every list end, close and comma at or past `from` moves, and every item that starts there. */
function moveListsAfter(list: ListNode, from: number, d: number): void {
  const stack: ListNode[] = [list];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.end >= from) n.end += d;
    if (n.close >= from) n.close += d;
    for (let i = n.commas.length - 1; i >= 0 && n.commas[i] >= from; i--) n.commas[i] += d;
    for (let i = n.items.length - 1; i >= 0; i--) {
      const item = n.items[i];
      if (item.start >= from) shiftValue(item, d, 0);
      else {
        if (item.kind === 'list' && item.end >= from) stack.push(item);
        break; // (items are in order: the ones before this one end before it)
      }
    }
  }
}
