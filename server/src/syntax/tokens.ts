/**
 * Tokens of the xl.cfg language, as libxlu's scanner produces them.
 *
 * Offsets are indexes into the document string (UTF-16 code units). `line` is
 * the line libxlu attaches to the token (its yylloc.first_line), which is what
 * xl prints in its messages; it is not always the line the token is on (see
 * NEWLINE below). Editor positions must come from offsets, never from `line`.
 */
export enum TokenKind {
  Eof = 0,
  Ident = 3,
  String = 4,
  Number = 5,
  Newline = 6,
  AddAssign = 7,
  Assign = 8,
  Semicolon = 9,
  LBracket = 10,
  RBracket = 11,
  Comma = 12,
}

/** How xl's parser names each token in its messages. */
export const TOKEN_XL_NAMES: Record<number, string> = {
  [TokenKind.Eof]: '$end',
  [TokenKind.Ident]: 'IDENT',
  [TokenKind.String]: 'STRING',
  [TokenKind.Number]: 'NUMBER',
  [TokenKind.Newline]: 'NEWLINE',
  [TokenKind.AddAssign]: '+=',
  [TokenKind.Assign]: "'='",
  [TokenKind.Semicolon]: "';'",
  [TokenKind.LBracket]: "'['",
  [TokenKind.RBracket]: "']'",
  [TokenKind.Comma]: "','",
};

/**
 * A run of input the scanner could not turn into a token ("lexical error").
 * The scanner swallows the offending character plus the rest of its
 * non-blank run (or one following blank, or the following newline).
 */
export interface LexError {
  /** Offset of the offending character. */
  start: number;
  /** End of the swallowed text (exclusive), including a swallowed blank or newline. */
  end: number;
  /** End of the offending character itself (one code point). */
  charEnd: number;
  /** The line xl uses to decide which later messages it suppresses (yylineno after the match). */
  xlLine: number;
  /** The offending character is one of + - . ( ) : which makes xl suspect Python. */
  python: boolean;
  /**
   * The offending character was the very last byte of the input: libxlu then
   * silently ignores it (no message, no failure).
   */
  ignoredAtEof: boolean;
  /** The swallowed text ends with the newline, which then also ends the statement. */
  atNewline: boolean;
}

/** One token, as a plain object (a view of one row of a TokenList). */
export interface Token {
  kind: TokenKind;
  /** Start offset of the token. For a comment line this is the `#`. */
  start: number;
  /** End offset (exclusive). A NEWLINE token includes its `\n`. */
  end: number;
  /** libxlu's yylloc.first_line for this token. */
  xlLine: number;
  /**
   * Start of the text libxlu holds as yytext when this token is current: equal
   * to `start` except for the NEWLINE that ends a lexical error (the text then
   * begins at the offending character) and for end of input after an ignored
   * trailing byte.
   */
  textStart: number;
  /** Lexical errors met while scanning for this token, in order. */
  lexErrors?: LexError[];
}

/**
 * The tokens of a document, stored column-wise in typed arrays (a large
 * config has millions of tokens; no object is allocated per token).
 */
export class TokenList {
  count = 0;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  xlLines: Int32Array;
  textStarts: Int32Array;
  /** Lexical errors met before a token, by token index (rare). */
  readonly lexErrors = new Map<number, LexError[]>();

  constructor(capacity = 64) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.xlLines = new Int32Array(capacity);
    this.textStarts = new Int32Array(capacity);
  }

  push(kind: TokenKind, start: number, end: number, xlLine: number, textStart: number): number {
    if (this.count === this.kinds.length) this.grow();
    const k = this.count++;
    this.kinds[k] = kind;
    this.starts[k] = start;
    this.ends[k] = end;
    this.xlLines[k] = xlLine;
    this.textStarts[k] = textStart;
    return k;
  }

  private grow(): void {
    const cap = this.kinds.length * 2;
    const kinds = new Uint8Array(cap);
    kinds.set(this.kinds);
    this.kinds = kinds;
    for (const col of ['starts', 'ends', 'xlLines', 'textStarts'] as const) {
      const next = new Int32Array(cap);
      next.set(this[col]);
      this[col] = next;
    }
  }

  /**
   * Copies the rows [from, to) of `src` to row `at` of this list (every
   * column; `src` may be this list, overlapping ranges included). Does not
   * change `count` or the lexical errors.
   */
  copyRange(src: TokenList, from: number, to: number, at: number): void {
    const copy = (dst: Uint8Array | Int32Array, s: Uint8Array | Int32Array) => {
      if (dst === s) dst.copyWithin(at, from, to);
      else dst.set(s.subarray(from, to), at);
    };
    copy(this.kinds, src.kinds);
    copy(this.starts, src.starts);
    copy(this.ends, src.ends);
    copy(this.xlLines, src.xlLines);
    copy(this.textStarts, src.textStarts);
  }

  /** The token at index k as an object (allocates; for tests and tools). */
  at(k: number): Token {
    const t: Token = { kind: this.kinds[k], start: this.starts[k], end: this.ends[k], xlLine: this.xlLines[k], textStart: this.textStarts[k] };
    const e = this.lexErrors.get(k);
    if (e) t.lexErrors = e;
    return t;
  }

  toArray(): Token[] {
    return Array.from({ length: this.count }, (_, k) => this.at(k));
  }

  /** Index of the token containing or starting at `offset` (the last token starting at or before it). */
  indexAt(offset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
