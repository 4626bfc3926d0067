/**
 * roff as Pod::Man writes it: request lines, macro arguments, escapes and
 * fonts, decoded to plain text segments (no groff needed). Pure functions.
 */
// ---------------------------------------------------------------------------
// Request lines and macro arguments

export interface Request {
  name: string;
  rest: string;
}

/** Splits a control line (`.XX args` or `'XX args`) into name and argument text. */
export function parseRequest(line: string): Request | undefined {
  if (line.length === 0 || (line[0] !== '.' && line[0] !== "'")) return undefined;
  const m = /^[.'][ \t]*([^ \t]*)[ \t]*(.*)$/.exec(line);
  if (!m) return undefined;
  return { name: m[1], rest: m[2] };
}

/**
 * Splits macro arguments the way roff does: blanks separate arguments, a
 * double-quoted argument may contain blanks, and `""` inside it is one
 * literal quote. Escapes are left in place.
 */
export function parseMacroArgs(rest: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = rest.length;
  while (i < n) {
    while (i < n && (rest[i] === ' ' || rest[i] === '\t')) i++;
    if (i >= n) break;
    let arg = '';
    if (rest[i] === '"') {
      i++;
      while (i < n) {
        const c = rest[i];
        if (c === '"') {
          if (rest[i + 1] === '"') {
            arg += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\\' && i + 1 < n) {
          arg += c + rest[i + 1];
          i += 2;
          continue;
        }
        arg += c;
        i++;
      }
    } else {
      while (i < n && rest[i] !== ' ' && rest[i] !== '\t') {
        if (rest[i] === '\\' && i + 1 < n) {
          arg += rest[i] + rest[i + 1];
          i += 2;
          continue;
        }
        arg += rest[i];
        i++;
      }
    }
    args.push(arg);
  }
  return args;
}

// ---------------------------------------------------------------------------
// Escapes

export type Font = 'R' | 'B' | 'I' | 'C';

export interface Segment {
  font: Font;
  text: string;
}

/** Predefined strings (`\*(xx`, `\*[name]`); anything not listed expands to nothing. */
const STRINGS: Record<string, string> = {
  '--': '\u2014',
  PI: '\u03c0',
  'L"': '"',
  'R"': '"',
  Aq: "'",
  'C+': 'C++',
  lq: '"',
  rq: '"',
  Tm: '\u2122',
  R: '\u00ae',
  '8': '\u00df',
  ae: '\u00e6',
  Ae: '\u00c6',
  th: '\u00fe',
  Th: '\u00de',
  'd-': '\u00f0',
  'D-': '\u00d0',
};

/** Special characters (`\(xx`, `\[name]`); unknown names expand to nothing. */
const CHARS: Record<string, string> = {
  bu: '\u2022',
  em: '\u2014',
  en: '\u2013',
  hy: '-',
  mi: '-',
  '-': '-',
  aq: "'",
  dq: '"',
  lq: '\u201c',
  rq: '\u201d',
  oq: '\u2018',
  cq: '\u2019',
  ga: '`',
  aa: '\u00b4',
  ti: '~',
  ha: '^',
  rs: '\\',
  sl: '/',
  ba: '|',
  bv: '|',
  br: '|',
  co: '\u00a9',
  rg: '\u00ae',
  tm: '\u2122',
  de: '\u00b0',
  '+-': '\u00b1',
  mu: '\u00d7',
  di: '\u00f7',
  '<=': '\u2264',
  '>=': '\u2265',
  '!=': '\u2260',
  '==': '\u2261',
  '->': '\u2192',
  '<-': '\u2190',
  '<>': '\u2194',
  '*W': '\u03a9',
  '*p': '\u03c0',
  '*b': '\u03b2',
  '*a': '\u03b1',
  '*m': '\u00b5',
  ss: '\u00df',
  sc: '\u00a7',
  ps: '\u00b6',
  ct: '\u00a2',
  Po: '\u00a3',
  Eu: '\u20ac',
  eu: '\u20ac',
  at: '@',
  sh: '#',
  Do: '$',
  fm: '\u2032',
  sd: '\u2033',
  sq: '\u25a1',
  ci: '\u25cb',
  lh: '\u261c',
  rh: '\u261e',
  OK: '\u2713',
  '12': '\u00bd',
  '14': '\u00bc',
  '34': '\u00be',
  'fi': 'fi',
  'fl': 'fl',
  'ff': 'ff',
};

function lookupChar(name: string): string {
  if (name in CHARS) return CHARS[name];
  let m = /^u([0-9A-Fa-f]{4,6})(?:_[0-9A-Fa-f]{4,6})*$/.exec(name);
  if (m) {
    const cp = parseInt(m[1], 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  }
  m = /^char(\d{1,3})$/.exec(name);
  if (m) {
    const cp = parseInt(m[1], 10);
    return cp < 256 ? String.fromCharCode(cp) : '';
  }
  return '';
}

function fontFromName(name: string, previous: Font): Font {
  switch (name) {
    case 'B':
    case '3':
    case 'BI':
    case '4':
    case 'TB':
    case 'HB':
      return 'B';
    case 'I':
    case '2':
    case 'TI':
    case 'HI':
      return 'I';
    case 'P':
    case '':
      return previous;
    case 'R':
    case '1':
    case 'TR':
    case 'H':
    case 'HR':
      return 'R';
    default:
      if (/^C/.test(name)) return 'C';
      return 'R';
  }
}

/** Reads a name after `\X`: `(xx`, `[name]` or one character. Returns [name, nextIndex]. */
function readEscapeName(s: string, i: number): [string, number] {
  if (i >= s.length) return ['', i];
  if (s[i] === '(') return [s.slice(i + 1, i + 3), Math.min(s.length, i + 3)];
  if (s[i] === '[') {
    const close = s.indexOf(']', i + 1);
    if (close < 0) return [s.slice(i + 1), s.length];
    return [s.slice(i + 1, close), close + 1];
  }
  return [s[i], i + 1];
}

/** Skips a delimited argument such as `'...'` after `\h`, `\v`, `\w`. Returns the next index. */
function skipDelimited(s: string, i: number): number {
  if (i >= s.length) return i;
  const delim = s[i];
  if (delim === '[') {
    const close = s.indexOf(']', i + 1);
    return close < 0 ? s.length : close + 1;
  }
  let j = i + 1;
  while (j < s.length && s[j] !== delim) {
    if (s[j] === '\\') j++;
    j++;
  }
  return Math.min(s.length, j + 1);
}

/** Skips a size argument after `\s`: `-1`, `0`, `+2`, `12`, `(12`, `[12]`, `'12'`. */
function skipSize(s: string, i: number): number {
  let sign = false;
  if (s[i] === '+' || s[i] === '-') {
    sign = true;
    i++;
  }
  const c = s[i];
  if (c === '(') return Math.min(s.length, i + 3);
  if (c === '[' || c === "'") return skipDelimited(s, i);
  if (c !== undefined && /[0-9]/.test(c)) {
    if (!sign && /[1-3]/.test(c) && s[i + 1] !== undefined && /[0-9]/.test(s[i + 1])) return i + 2;
    return i + 1;
  }
  return i;
}

/**
 * Decodes roff escapes into runs of text with a font. Newlines in the input
 * (joined source lines) become spaces; `\"` drops the rest of its line.
 */
export function decodeSegments(input: string, startFont: Font = 'R'): Segment[] {
  const segments: Segment[] = [];
  let font: Font = startFont;
  let previous: Font = 'R';
  let buf = '';
  const flush = () => {
    if (buf.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && last.font === font) last.text += buf;
    else segments.push({ font, text: buf });
    buf = '';
  };
  const s = input;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s[i];
    if (c === '\n') {
      buf += ' ';
      i++;
      continue;
    }
    if (c !== '\\') {
      buf += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    i += 2;
    if (e === undefined) break;
    switch (e) {
      case 'f': {
        const [name, next] = readEscapeName(s, i);
        i = next;
        const nf = fontFromName(name, previous);
        if (nf !== font) {
          flush();
          previous = font;
          font = nf;
        } else {
          previous = font;
        }
        break;
      }
      case '*': {
        const [name, next] = readEscapeName(s, i);
        i = next;
        const key = name.split(' ')[0];
        if (key === 'C`' || key === "C'") buf += font === 'C' ? '' : '"';
        else buf += STRINGS[key] ?? '';
        break;
      }
      case '(': {
        buf += lookupChar(s.slice(i, i + 2));
        i += 2;
        break;
      }
      case '[': {
        const close = s.indexOf(']', i);
        const name = close < 0 ? s.slice(i) : s.slice(i, close);
        i = close < 0 ? n : close + 1;
        buf += lookupChar(name);
        break;
      }
      case 's':
        i = skipSize(s, i);
        break;
      case '-':
        buf += '-';
        break;
      case 'e':
      case 'E':
      case '\\':
        buf += '\\';
        break;
      case '.':
        buf += '.';
        break;
      case "'":
        buf += "'";
        break;
      case '`':
        buf += '`';
        break;
      case ' ':
      case '~':
      case '0':
        buf += ' ';
        break;
      case '"': {
        // comment: drop to end of line (keep the newline itself)
        const nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl;
        break;
      }
      case '#': {
        const nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl + 1;
        break;
      }
      case 'c':
        // continuation: join with the next line without a space
        if (s[i] === '\n') i++;
        break;
      case '\n':
        break;
      case 'n':
      case 'k':
      case 'g':
      case 'm':
      case 'M':
      case 'F':
      case 'V':
      case 'Y':
      case '$': {
        if (s[i] === '+' || s[i] === '-') i++;
        const [, next] = readEscapeName(s, i);
        i = next;
        break;
      }
      case 'h':
      case 'v':
      case 'w':
      case 'o':
      case 'b':
      case 'l':
      case 'L':
      case 'x':
      case 'D':
      case 'X':
      case 'Z':
      case 'R':
      case 'A':
      case 'B':
      case 'C':
      case 'N':
      case 'S':
      case 'H':
        i = skipDelimited(s, i);
        break;
      case '&':
      case '|':
      case '^':
      case '%':
      case ':':
      case ',':
      case '/':
      case ')':
      case 'z':
      case 'u':
      case 'd':
      case 'r':
      case 't':
      case 'a':
      case 'p':
      case '{':
      case '}':
        break;
      default:
        buf += e;
    }
  }
  flush();
  return segments;
}

/** Decodes roff escapes to plain text (fonts dropped). */
export function roffToPlainText(text: string): string {
  return decodeSegments(text)
    .map((seg) => seg.text)
    .join('');
}

