/**
 * Reading the xl.cfg(5) man page (roff as produced by Pod::Man) without groff.
 *
 * Pure functions: roff text in, plain data out. Finding and decompressing the
 * installed page is manpageLocator.ts's job; this module never touches the
 * file system.
 *
 * The extraction rule (see the reference notes on the page layout): keys are
 * the `.IP` items at `.RS` depth 0 inside the OPTIONS section, anchored on
 * their `.IX Item "..."` index line. An entry runs until the next depth-0
 * `.IP`, a depth-0 `.PP` (a head3/head4 heading), `.SS` or `.SH`.
 */

import { codeSpan, escapeMarkdown } from './markdown';

/** One top-level item of the page, e.g. the `memory=MBYTES` entry. */
export interface ManEntry {
  /** Setting name: the leading `[a-z0-9_]+` of the index text. */
  key: string;
  /** Index text from `.IX Item "..."`, free of escapes, e.g. `memory=MBYTES`. */
  item: string;
  /** The `.SH` section the entry is in (normally `OPTIONS`). */
  section: string;
  /** Heading path below the section, from `.IX Subsection` lines, outermost first. */
  headings: string[];
  /** Innermost heading (the last `.IX Subsection` before the entry), if any. */
  subsection: string | undefined;
  /** 0-based index of the entry's first line (`.IP` or `.ie n .IP`). */
  startLine: number;
  /** 0-based index one past the entry's last line. */
  endLine: number;
  /** What ended the entry. */
  endedBy: 'item' | 'PP' | 'SS' | 'SH' | 'EOF';
  /** The entry's roff lines, `lines[startLine, endLine)` of the page. */
  lines: string[];
}

export interface ManPage {
  /** First `.TH` field, e.g. `xl.cfg`. */
  title: string | undefined;
  /** Second `.TH` field (manual section), e.g. `5`. */
  manSection: string | undefined;
  /** Third `.TH` field (build date stamp; meaningless for content). */
  date: string | undefined;
  /** Fourth `.TH` field: for Xen pages the Xen version, e.g. `4.17.5`. */
  version: string | undefined;
  /** Fifth `.TH` field, e.g. `Xen`. */
  source: string | undefined;
  /** Top-level entries in page order. */
  entries: ManEntry[];
  /** Number of lines in the page. */
  lineCount: number;
}

export interface ParseManPageOptions {
  /**
   * Only items in these `.SH` sections (case-insensitive) become entries.
   * Default `['OPTIONS']`. An empty array means every section.
   */
  sections?: string[];
  /** Pattern whose match at the start of the index text is the key. Default `/^[a-z0-9_]+/`. */
  keyPattern?: RegExp;
}

// ---------------------------------------------------------------------------
// Request lines and macro arguments

interface Request {
  name: string;
  rest: string;
}

/** Splits a control line (`.XX args` or `'XX args`) into name and argument text. */
function parseRequest(line: string): Request | undefined {
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

type Font = 'R' | 'B' | 'I' | 'C';

interface Segment {
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
function decodeSegments(input: string, startFont: Font = 'R'): Segment[] {
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

// ---------------------------------------------------------------------------
// Markdown rendering of inline text

function renderSegments(segments: Segment[]): string {
  let out = '';
  for (const seg of segments) {
    if (seg.font === 'R') {
      out += escapeMarkdown(seg.text);
      continue;
    }
    const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(seg.text)!;
    const [, lead, core, trail] = m;
    if (core === '') {
      out += seg.text;
      continue;
    }
    if (seg.font === 'C') out += lead + codeSpan(core) + trail;
    else if (seg.font === 'B') out += lead + '**' + escapeMarkdown(core) + '**' + trail;
    else out += lead + '*' + escapeMarkdown(core) + '*' + trail;
  }
  return out;
}

/** Escapes what would start a block construct at the beginning of a line. */
function protectLineStart(text: string): string {
  if (/^(#{1,6}(\s|$)|[-+](\s|$)|>|=+\s*$|\||\[[^\]]*\]:)/.test(text)) return '\\' + text;
  const m = /^(\d{1,9})([.)])(\s|$)/.exec(text);
  if (m) return m[1] + '\\' + text.slice(m[1].length);
  return text;
}

function inlineMarkdown(roff: string): string {
  return renderSegments(decodeSegments(roff))
    .replace(/[ \t]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Parsing the page

function isItemStart(req: Request | undefined): boolean {
  if (!req) return false;
  if (req.name === 'IP') return true;
  if (req.name === 'ie' && /^n\s+\.IP(\s|$)/.test(req.rest)) return true;
  return false;
}

function isParagraph(name: string): boolean {
  return name === 'PP' || name === 'LP' || name === 'P';
}

function headingText(rest: string): string {
  return roffToPlainText(parseMacroArgs(rest).join(' ')).replace(/\s+/g, ' ').trim();
}

/**
 * Parses a man page into its top-level entries. See the module comment for
 * the rule. Never throws on odd input; unknown markup is skipped.
 */
export function parseManPage(roff: string, options: ParseManPageOptions = {}): ManPage {
  const lines = roff.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const wanted = (options.sections ?? ['OPTIONS']).map((s) => s.toUpperCase());
  const keyPattern = options.keyPattern ?? /^[a-z0-9_]+/;

  const page: ManPage = {
    title: undefined,
    manSection: undefined,
    date: undefined,
    version: undefined,
    source: undefined,
    entries: [],
    lineCount: lines.length,
  };

  let depth = 0;
  let section = '';
  let headings: string[] = [];
  let itemStart = -1;
  let open: Omit<ManEntry, 'endLine' | 'endedBy' | 'lines'> | undefined;

  const close = (end: number, why: ManEntry['endedBy']) => {
    if (open) {
      page.entries.push({ ...open, endLine: end, endedBy: why, lines: lines.slice(open.startLine, end) });
      open = undefined;
    }
  };
  const inWantedSection = () => wanted.length === 0 || wanted.includes(section.toUpperCase());

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const req = parseRequest(line);
    if (!req) continue;
    switch (req.name) {
      case 'TH': {
        const args = parseMacroArgs(req.rest).map((a) => roffToPlainText(a).trim());
        page.title = args[0];
        page.manSection = args[1];
        page.date = args[2];
        page.version = args[3];
        page.source = args[4];
        continue;
      }
      case 'SH':
        close(i, 'SH');
        section = headingText(req.rest);
        headings = [];
        depth = 0;
        itemStart = -1;
        continue;
      case 'SS':
        close(i, 'SS');
        headings = [headingText(req.rest)];
        depth = 0;
        itemStart = -1;
        continue;
      case 'RS':
        depth++;
        continue;
      case 'RE': {
        const arg = parseInt(req.rest.trim(), 10);
        depth = Number.isFinite(arg) ? Math.max(0, arg - 1) : Math.max(0, depth - 1);
        continue;
      }
      case 'IX': {
        const args = parseMacroArgs(req.rest);
        const kind = args[0];
        const text = roffToPlainText(args.slice(1).join(' ')).trim();
        if (kind === 'Subsection') {
          const prev = i > 0 ? parseRequest(lines[i - 1]) : undefined;
          let level: number;
          if (prev && prev.name === 'SS') level = 2;
          else if (i > 0 && /^\\f(I|2|\(CI|\[I\])[\s\S]*\\f[RP1]\s*$/.test(lines[i - 1])) level = 3;
          else if (i > 1 && (() => { const r = parseRequest(lines[i - 2]); return !!r && isParagraph(r.name); })()) level = 4;
          else level = headings.length + 1;
          headings = headings.slice(0, Math.max(0, level - 2)).concat(text);
        } else if (kind === 'Item' && depth === 0 && inWantedSection()) {
          const m = keyPattern.exec(text);
          if (m && m[0].length > 0) {
            close(i, 'item');
            open = {
              key: m[0],
              item: text,
              section,
              headings: headings.slice(),
              subsection: headings[headings.length - 1],
              startLine: itemStart >= 0 ? itemStart : i,
            };
          }
          itemStart = -1;
        }
        continue;
      }
      default:
        break;
    }
    if (depth !== 0) continue;
    if (isParagraph(req.name)) {
      close(i, 'PP');
      itemStart = -1;
    } else if (isItemStart(req)) {
      close(i, 'item');
      itemStart = i;
    }
  }
  close(lines.length, 'EOF');
  return page;
}

/** Every entry for `key`, in page order (a key may be documented under several headings). */
export function manEntriesFor(page: ManPage, key: string): ManEntry[] {
  return page.entries.filter((e) => e.key === key);
}

/** Distinct keys of the page in order of first appearance. */
export function manPageKeys(page: ManPage): string[] {
  const seen = new Set<string>();
  for (const e of page.entries) seen.add(e.key);
  return [...seen];
}

/** A label for an entry: its heading path, e.g. `General Options > Memory Allocation`. */
export function entryLabel(entry: ManEntry): string {
  return entry.headings.length > 0 ? entry.headings.join(' > ') : entry.section;
}

/**
 * Markdown for all entries of `key`, each introduced by its heading path when
 * there is more than one. Undefined when the page has no entry for the key.
 */
export function manEntriesMarkdown(page: ManPage, key: string): string | undefined {
  const entries = manEntriesFor(page, key);
  if (entries.length === 0) return undefined;
  if (entries.length === 1) return roffToMarkdown(entries[0].lines);
  return entries
    .map((e) => `*${escapeMarkdown(entryLabel(e))}*\n\n${roffToMarkdown(e.lines)}`)
    .join('\n\n---\n\n');
}

// ---------------------------------------------------------------------------
// roff -> Markdown

interface Block {
  /** `item` blocks start with a list marker; everything else is content. */
  kind: 'item' | 'content';
  /** Wanted indentation; normalised against the open lists at the end. */
  column: number;
  text: string;
}

/**
 * Converts roff lines (typically one entry) to Markdown:
 * depth-0 `.IP` terms become bold lines, nested `.IP` items (inside
 * `.RS`/`.RE`) become nested list items, `.Sp`/`.PP` separate paragraphs,
 * `.Vb`/`.Ve` and `.nf`/`.fi` become fenced code blocks, `.IX` and the `.el`
 * branch of `.ie n`/`.el` pairs are dropped, and escapes are decoded.
 */
export function roffToMarkdown(roffLines: readonly string[]): string {
  const blocks: Block[] = [];
  let depth = 0; // .RS nesting relative to the start
  let inItem = false; // inside the body of an .IP at the current depth
  let para: string[] = [];
  let paraColumn = 0;
  let pendingBullet: { column: number } | undefined; // list marker waiting for its first paragraph
  let tpPending = false;
  let verbatim: { column: number; lines: string[] } | undefined;
  let skipUntilBrace = 0; // nesting of skipped \{ ... \} blocks
  let inMacroDef = false;
  let lastIe = true; // result of the last .ie condition, for its .el

  const textColumn = () => {
    const pos = depth + (inItem ? 1 : 0);
    return pos <= 1 ? 0 : 2 * (pos - 1);
  };
  const pushBlock = (column: number, text: string) => {
    if (pendingBullet) {
      blocks.push({ kind: 'item', column: pendingBullet.column, text: '- ' + protectLineStart(text) });
      pendingBullet = undefined;
    } else {
      blocks.push({ kind: 'content', column, text: protectLineStart(text) });
    }
  };
  const flush = () => {
    if (para.length === 0) return;
    const text = inlineMarkdown(para.join('\n'));
    para = [];
    if (text !== '') pushBlock(paraColumn, text);
  };
  const addText = (roff: string) => {
    const col = textColumn();
    if (para.length > 0 && col !== paraColumn) flush();
    if (para.length === 0) paraColumn = col;
    para.push(roff);
  };
  const flushBullet = () => {
    if (pendingBullet) {
      blocks.push({ kind: 'item', column: pendingBullet.column, text: '-' });
      pendingBullet = undefined;
    }
  };
  const startItem = (termRoff: string | undefined) => {
    flush();
    flushBullet();
    const term = termRoff === undefined ? '' : inlineMarkdown(termRoff);
    const plain = termRoff === undefined ? '' : roffToPlainText(termRoff).trim();
    inItem = true;
    const column = depth === 0 ? 0 : 2 * (depth - 1);
    if (plain === '') return; // indented paragraph without a tag
    if (plain === '\u2022' || plain === '*' || plain === '-' || plain === 'o' || plain === '\u00b7') {
      pendingBullet = { column };
      return;
    }
    if (depth === 0) blocks.push({ kind: 'content', column: 0, text: protectLineStart(term) });
    else blocks.push({ kind: 'item', column, text: '- ' + term });
  };

  const handleRequest = (req: Request): void => {
    switch (req.name) {
      case '\\"':
      case '':
        return;
      case 'ie':
      case 'if': {
        const m = /^(!?)(\S+)\s*(.*)$/.exec(req.rest);
        if (!m) return;
        const cond = m[2];
        const body = m[3];
        const truthy = m[1] === '' ? cond === 'n' : cond === 't';
        if (req.name === 'ie') lastIe = truthy;
        return runConditional(truthy, body);
      }
      case 'el':
        return runConditional(!lastIe, req.rest);
      case 'de':
      case 'de1':
      case 'am':
      case 'ig':
        inMacroDef = true;
        return;
      case 'IX':
      case 'TH':
      case 'nh':
      case 'hy':
      case 'ad':
      case 'na':
      case 'ne':
      case 'ft':
      case 'ds':
      case 'nr':
      case 'rm':
      case 'rr':
      case 'tr':
      case 'so':
      case 'ti':
      case 'in':
      case 'll':
      case 'ps':
      case 'vs':
      case 'UC':
      case 'DT':
      case 'PD':
        return;
      case 'SH':
      case 'SS': {
        flush();
        flushBullet();
        depth = 0;
        inItem = false;
        const title = inlineMarkdown(parseMacroArgs(req.rest).join(' '));
        if (title !== '') blocks.push({ kind: 'content', column: 0, text: (req.name === 'SH' ? '### ' : '#### ') + title });
        return;
      }
      case 'PP':
      case 'LP':
      case 'P':
      case 'HP':
        flush();
        flushBullet();
        inItem = false;
        return;
      case 'Sp':
      case 'sp':
      case 'br':
        flush();
        return;
      case 'RS':
        flush();
        flushBullet();
        depth++;
        inItem = false;
        return;
      case 'RE': {
        flush();
        flushBullet();
        const arg = parseInt(req.rest.trim(), 10);
        depth = Number.isFinite(arg) ? Math.max(0, arg - 1) : Math.max(0, depth - 1);
        inItem = false;
        return;
      }
      case 'IP': {
        const args = parseMacroArgs(req.rest);
        startItem(args.length > 0 ? args[0] : undefined);
        return;
      }
      case 'TP':
        flush();
        flushBullet();
        tpPending = true;
        return;
      case 'Vb':
      case 'nf':
      case 'EX':
        flush();
        flushBullet();
        verbatim = { column: textColumn(), lines: [] };
        return;
      case 'B':
      case 'I':
      case 'SM':
      case 'SB': {
        const text = parseMacroArgs(req.rest).join(' ');
        const font = req.name === 'I' ? 'I' : req.name === 'SM' ? 'R' : 'B';
        addOrTerm(`\\f${font}${text}\\fR`);
        return;
      }
      case 'BR':
      case 'RB':
      case 'BI':
      case 'IB':
      case 'IR':
      case 'RI': {
        const args = parseMacroArgs(req.rest);
        const fonts = req.name.split('');
        const text = args.map((a, k) => `\\f${fonts[k % 2]}${a}`).join('') + '\\fR';
        addOrTerm(text);
        return;
      }
      default:
        return;
    }
  };

  const runConditional = (truthy: boolean, body: string): void => {
    const opensBlock = body.startsWith('\\{') && !/\\\}/.test(body);
    if (!truthy) {
      if (opensBlock) skipUntilBrace++;
      return;
    }
    const inner = body.replace(/^\\\{\s*/, '').replace(/\\\}\s*$/, '').replace(/\\$/, '');
    if (inner.trim() !== '') handleLine(inner);
  };

  const addOrTerm = (roff: string) => {
    if (tpPending) {
      tpPending = false;
      startItem(roff);
    } else {
      addText(roff);
    }
  };

  const handleLine = (line: string): void => {
    const req = parseRequest(line);
    if (req) {
      handleRequest(req);
      return;
    }
    if (line.trim() === '') {
      // a blank text line acts like .sp in roff
      flush();
      return;
    }
    addOrTerm(line);
  };

  for (const raw of roffLines) {
    const line = raw.replace(/\r$/, '');
    if (inMacroDef) {
      if (/^\.\.\s*$/.test(line)) inMacroDef = false;
      continue;
    }
    if (skipUntilBrace > 0) {
      if (/\\\{/.test(line)) skipUntilBrace++;
      const closes = (line.match(/\\\}/g) ?? []).length;
      skipUntilBrace = Math.max(0, skipUntilBrace - closes);
      continue;
    }
    if (verbatim) {
      const req = parseRequest(line);
      if (req && (req.name === 'Ve' || req.name === 'fi' || req.name === 'EE')) {
        blocks.push({ kind: 'content', column: verbatim.column, text: renderFence(verbatim.lines) });
        verbatim = undefined;
        continue;
      }
      if (req) continue; // other requests inside a verbatim block (e.g. .ft) carry no text
      verbatim.lines.push(roffToPlainText(line).replace(/\s+$/, ''));
      continue;
    }
    handleLine(line);
  }
  if (verbatim) blocks.push({ kind: 'content', column: verbatim.column, text: renderFence(verbatim.lines) });
  flush();
  flushBullet();

  return layoutBlocks(blocks);
}

/**
 * Places blocks so that Markdown nests them as intended: a block can only be
 * indented as far as the content of an open list item allows (deeper
 * indentation would turn it into an indented code block).
 */
function layoutBlocks(blocks: Block[]): string {
  // open list items: the content column roff asked for, and the one used
  const open: { wanted: number; actual: number }[] = [];
  const out: string[] = [];
  for (const b of blocks) {
    while (open.length > 0 && open[open.length - 1].wanted > b.column) open.pop();
    const column = open.length > 0 ? open[open.length - 1].actual : 0;
    if (b.kind === 'item') open.push({ wanted: b.column + 2, actual: column + 2 });
    out.push(indent(b.text, column));
  }
  return out.join('\n\n');
}

function renderFence(lines: string[]): string {
  const body = lines.slice();
  while (body.length > 0 && body[0].trim() === '') body.shift();
  while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
  const indents = body.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  const dedented = body.map((l) => l.slice(Math.min(common, /^ */.exec(l)![0].length)));
  const runs = dedented.join('\n').match(/`{3,}/g) ?? [];
  const fence = '`'.repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return [fence, ...dedented, fence].join('\n');
}

function indent(text: string, column: number): string {
  if (column <= 0) return text;
  const pad = ' '.repeat(column);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : pad + l))
    .join('\n');
}
