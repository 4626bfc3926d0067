/**
 * Decoding of quoted strings exactly as libxlu does it, with a map from every
 * decoded character back to its offset in the document.
 *
 * libxlu's rules (both quote kinds): \\ \" \' give the character; \a \b \f \n
 * \r \t \v give the control character; \x... is always an error; a backslash
 * followed by 0-7 swallows that digit plus the decimal number (strtoul, base
 * 10, leading blanks and a sign allowed) found in the next three characters,
 * emits nothing, and is an error unless at least two of those characters were
 * consumed; any other escaped character is an error. Decoding stops at the
 * first error. A NUL byte inside a string crashes libxlu.
 */

export type EscapeErrorKind = 'hex' | 'octal' | 'char';

export interface EscapeError {
  kind: EscapeErrorKind;
  /** libxlu's message text (its spelling, "backlash" included). */
  xlMessage: string;
  /** Offsets of the offending escape sequence. */
  start: number;
  end: number;
}

export interface DecodedString {
  /** The decoded value (up to the first error, as libxlu leaves it). */
  value: string;
  error?: EscapeError;
  /** Offset of the first NUL character inside the string (of the backslash before it, when it is escaped), or -1. */
  nulAt: number;
}

export const XL_ESCAPE_MESSAGES: Record<EscapeErrorKind, string> = {
  hex: 'invalid digit after backslash hexnumerical character escape in quoted string',
  octal: 'invalid digit after backslash octalnumerical character escape in quoted string',
  char: 'invalid character after backlash in quoted string',
};

const SIMPLE_ESCAPES: Record<number, string> = {
  0x22: '"',
  0x27: "'",
  0x5c: '\\',
  0x61: '\x07',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
  0x76: '\v',
};

function isCSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/**
 * How many characters strtoul(base 10) consumes from the (at most) `max`
 * characters at text[from..limit).
 */
function strtoulConsumed(text: string, from: number, limit: number, max: number): number {
  const end = Math.min(limit, from + max);
  let j = from;
  while (j < end && isCSpace(text.charCodeAt(j))) j++;
  if (j < end && (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d)) j++;
  const digitsFrom = j;
  while (j < end && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
  return j === digitsFrom ? 0 : j - from;
}

/**
 * The value of a string token without escapes or NUL (the common case), or
 * undefined when it needs `decodeString`.
 */
export function plainStringValue(text: string, start: number, end: number): string | undefined {
  const bodyEnd = end - 1;
  for (let k = start + 1; k < bodyEnd; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x5c || c === 0) return undefined;
  }
  return text.slice(start + 1, bodyEnd);
}

/** One backslash escape as libxlu reads it: what it gives (a numeric escape gives nothing) and where it ends, or why it is an error. */
export interface Escape {
  end: number;
  char?: string;
  error?: EscapeError;
}

/**
 * The escape at text[at] (a backslash) of a string whose body ends at
 * `bodyEnd` and whose token ends at `end`.
 */
export function readEscape(text: string, at: number, bodyEnd: number, end: number): Escape {
  const nc = text.charCodeAt(at + 1);
  const after = at + 2;
  const simple = SIMPLE_ESCAPES[nc];
  if (simple !== undefined) return { end: after, char: simple };
  if (nc === 0x78) {
    // \x: libxlu skips one more character and then can never succeed.
    const e = Math.min(bodyEnd, after + 3);
    return { end: e, error: { kind: 'hex', xlMessage: XL_ESCAPE_MESSAGES.hex, start: at, end: e } };
  }
  if (nc >= 0x30 && nc <= 0x37) {
    const used = strtoulConsumed(text, after, end, 3);
    if (used > 1) return { end: after + used };
    const e = Math.max(Math.min(bodyEnd, after + Math.max(used, 1)), at + 2);
    return { end: e, error: { kind: 'octal', xlMessage: XL_ESCAPE_MESSAGES.octal, start: at, end: e } };
  }
  return { end: after, error: { kind: 'char', xlMessage: XL_ESCAPE_MESSAGES.char, start: at, end: after } };
}

/**
 * Decodes the string token text[start, end) (quotes included). When `offsets`
 * is given, offsets[k] receives the document offset of decoded character k,
 * and one extra entry the offset of the closing quote.
 */
export function decodeString(text: string, start: number, end: number, offsets?: number[]): DecodedString {
  const bodyEnd = end - 1;
  let value = '';
  let runStart = start + 1;
  let nulAt = -1;
  let firstEscape = -1;
  for (let k = start + 1; k < bodyEnd; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x5c) {
      if (firstEscape < 0) firstEscape = k;
      // (An escaped NUL is inside the string too: libxlu's lexer takes a backslash and any byte as one pair, and its strlen stops at the NUL all the same.)
      if (nulAt < 0 && k + 1 < bodyEnd && text.charCodeAt(k + 1) === 0) nulAt = k;
      k++;
    } else if (c === 0 && nulAt < 0) {
      nulAt = k;
    }
  }

  // Fast path: no escapes at all.
  if (firstEscape < 0) {
    value = text.slice(start + 1, bodyEnd);
    if (offsets) for (let k = start + 1; k <= bodyEnd; k++) offsets.push(k);
    return { value, nulAt };
  }
  let i = firstEscape;
  runStart = start + 1;

  const flush = (to: number) => {
    if (to > runStart) {
      value += text.slice(runStart, to);
      if (offsets) for (let k = runStart; k < to; k++) offsets.push(k);
    }
  };
  let error: EscapeError | undefined;
  while (i < bodyEnd) {
    const c = text.charCodeAt(i);
    if (c !== 0x5c) {
      i++;
      continue;
    }
    flush(i);
    const esc = readEscape(text, i, bodyEnd, end);
    if (esc.error) {
      error = esc.error;
      break;
    }
    if (esc.char !== undefined) {
      value += esc.char;
      offsets?.push(i);
    }
    i = esc.end;
    runStart = i;
  }
  if (!error) {
    flush(bodyEnd);
    offsets?.push(bodyEnd);
  } else if (offsets) {
    offsets.push(error.start);
  }
  return error ? { value, error, nulAt } : { value, nulAt };
}

/** The body of an xl.cfg string with this quote whose value is `s` (backslashes and that quote escaped): decodeString gives `s` back. */
export function encodeString(s: string, quote: '"' | "'"): string {
  return s.replace(/\\/g, '\\\\').replace(quote === '"' ? /"/g : /'/g, `\\${quote}`);
}
