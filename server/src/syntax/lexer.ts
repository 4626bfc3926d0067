/**
 * The xl.cfg scanner. It reproduces libxlu's flex scanner rule by rule
 * (longest match, earlier rule on ties), including how it swallows input
 * after an invalid character and its line bookkeeping.
 *
 * The input is a JS string. In `bytes` mode every code unit stands for one
 * byte (a file decoded as latin1), which is exactly what libxlu sees. In text
 * mode a non-ASCII character stands for its UTF-8 bytes; the only place where
 * that matters is the "invalid last byte is ignored" quirk.
 */
import { LexError, TokenKind, TokenList } from './tokens';

export interface LexOptions {
  /** Each code unit is one byte (latin1-decoded input). */
  bytes?: boolean;
}

/** Where to start: a token boundary of the text, and xl's line number there. */
export interface LexStart {
  offset: number;
  line: number;
}

export interface LexResult {
  tokens: TokenList;
  /** Every lexical error, in order (also attached to the token that follows it). */
  lexErrors: LexError[];
  /** Set when `stopBefore` ended the scan: where, and xl's line number there (no end-of-input token was added). */
  stopped?: LexStart;
}

/**
 * Asked at each token start (with no lexical error pending) whether to stop
 * scanning there: incremental reparsing stops once the new scan has met the
 * old token stream again.
 */
export type StopBefore = (offset: number, line: number) => boolean;

const SP = 0x20;
const TAB = 0x09;
const LF = 0x0a;

function isIdentStart(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
function isIdentPart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x5f;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isNumberPart(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || c === 0x78;
}
/** The characters that make xl print its "looks like Python" hint. */
export function isPythonChar(c: number): boolean {
  return c === 0x2b || c === 0x2d || c === 0x2e || c === 0x28 || c === 0x29 || c === 0x3a;
}

/**
 * End of a quoted string starting at `i` (the quote), or -1 when the string is
 * not terminated on its line (libxlu then reports the quote as a lexical error).
 */
export function scanString(text: string, i: number): number {
  const quote = text.charCodeAt(i);
  const n = text.length;
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c === LF) return -1;
    if (c === 0x5c) {
      if (j + 1 >= n || text.charCodeAt(j + 1) === LF) return -1;
      j += 2;
    } else {
      j++;
    }
  }
  return -1;
}

export function tokenize(text: string, options: LexOptions = {}, start?: LexStart, stopBefore?: StopBefore): LexResult {
  const bytes = options.bytes === true;
  const n = text.length;
  // (A scan that may stop early starts small and grows.)
  const tokens = new TokenList(stopBefore ? 256 : ((n - (start?.offset ?? 0)) >> 2) + 16);
  const lexErrors: LexError[] = [];
  let pending: LexError[] | undefined;
  let line = start?.line ?? 1; // flex's yylineno
  let i = start?.offset ?? 0;

  const push = (kind: TokenKind, start: number, end: number, xlLine: number, textStart: number) => {
    const k = tokens.push(kind, start, end, xlLine, textStart);
    if (pending) {
      tokens.lexErrors.set(k, pending);
      pending = undefined;
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SP || c === TAB) {
      i++;
      continue;
    }
    if (stopBefore !== undefined && pending === undefined && stopBefore(i, line)) return { tokens, lexErrors, stopped: { offset: i, line } };
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      push(TokenKind.Ident, i, j, line, i);
      i = j;
      continue;
    }
    if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isNumberPart(text.charCodeAt(j))) j++;
      push(TokenKind.Number, i, j, line, i);
      i = j;
      continue;
    }
    switch (c) {
      case 0x2c:
        push(TokenKind.Comma, i, i + 1, line, i);
        i++;
        continue;
      case 0x5b:
        push(TokenKind.LBracket, i, i + 1, line, i);
        i++;
        continue;
      case 0x5d:
        push(TokenKind.RBracket, i, i + 1, line, i);
        i++;
        continue;
      case 0x3d:
        push(TokenKind.Assign, i, i + 1, line, i);
        i++;
        continue;
      case 0x3b:
        push(TokenKind.Semicolon, i, i + 1, line, i);
        i++;
        continue;
      case LF:
        line++;
        push(TokenKind.Newline, i, i + 1, line - 1, i);
        i++;
        continue;
      case 0x2b:
        if (i + 1 < n && text.charCodeAt(i + 1) === 0x3d) {
          push(TokenKind.AddAssign, i, i + 2, line, i);
          i += 2;
          continue;
        }
        break;
      case 0x23: {
        const nl = text.indexOf('\n', i + 1);
        if (nl >= 0) {
          line++;
          push(TokenKind.Newline, i, nl + 1, line - 1, i);
          i = nl + 1;
          continue;
        }
        break;
      }
      case 0x22:
      case 0x27: {
        const end = scanString(text, i);
        if (end >= 0) {
          push(TokenKind.String, i, end, line, i);
          i = end;
          continue;
        }
        break;
      }
    }

    // Lexical error: the offending character plus what the error state swallows.
    let charEnd = i + 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) charEnd = i + 2;
    }
    const multiByte = !bytes && c >= 0x80;
    const err: LexError = {
      start: i,
      end: charEnd,
      charEnd,
      xlLine: line,
      python: isPythonChar(c),
      ignoredAtEof: false,
      atNewline: false,
    };
    if (multiByte || charEnd >= n) {
      // A multi-byte character: its first byte is the offender and its other
      // bytes start the run that the error state swallows. A single-byte
      // offender at the very end of the input is dropped silently by libxlu.
      if (!multiByte) err.ignoredAtEof = true;
      let j = charEnd;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === SP || d === TAB || d === LF) break;
        j++;
      }
      err.end = j;
      i = j;
    } else {
      const next = text.charCodeAt(charEnd);
      if (next === SP || next === TAB) {
        err.end = charEnd + 1;
        i = charEnd + 1;
      } else if (next === LF) {
        line++;
        err.end = charEnd + 1;
        err.xlLine = line;
        err.atNewline = true;
        (pending ??= []).push(err);
        lexErrors.push(err);
        push(TokenKind.Newline, charEnd, charEnd + 1, line, i);
        i = charEnd + 1;
        continue;
      } else {
        let j = charEnd;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === SP || d === TAB || d === LF) break;
          j++;
        }
        err.end = j;
        i = j;
      }
    }
    (pending ??= []).push(err);
    lexErrors.push(err);
  }
  // End of input. After an ignored trailing byte, xl's current text is that byte.
  const last = pending?.[pending.length - 1];
  push(TokenKind.Eof, n, n, tokens.count ? tokens.xlLines[tokens.count - 1] : 1, last?.ignoredAtEof ? last.start : n);
  return { tokens, lexErrors };
}
