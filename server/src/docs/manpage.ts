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

import { parseMacroArgs, parseRequest, roffToPlainText, type Request } from './roff';

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

