/**
 * Per-file overrides of the check options, written in a comment:
 *
 *   # xlcfg: xen=4.11
 *   # xlcfg: dialect=seed
 *   # xlcfg: xen=4.11 dialect=upstream      (several on one line, blanks or commas between)
 *
 * A directive overrides the editor's or the command line's setting for this
 * file only; a later directive for the same name wins. Unknown names and bad
 * values are collected in `ignored` (with their offsets) and change nothing.
 *
 * Pure: reads the comments of a syntax tree; no LSP, no file system.
 */
import { parseXenVersion } from '../model/xenVersion';
import type { Span, SyntaxTree } from '../syntax/cst';
import type { CheckOptions, DialectSetting } from './options';

export type FileDirectiveName = 'xen' | 'dialect';

export interface FileDirective extends Span {
  name: FileDirectiveName;
  /** The value as written. */
  value: string;
  valueSpan: Span;
}

export interface IgnoredDirective extends Span {
  /** The text of the entry, e.g. `xen=banana`. */
  text: string;
  /** Why it was ignored, in plain words. */
  reason: string;
}

export interface FileDirectives {
  /** Target Xen release for this file, as written (valid for parseXenVersion). */
  xen?: string;
  /** Channel dialect for this file. */
  dialect?: DialectSetting;
  /** Every accepted entry, in file order. */
  entries: FileDirective[];
  /** Entries that were not understood. */
  ignored: IgnoredDirective[];
}

export const DIALECTS: readonly DialectSetting[] = ['auto', 'upstream', 'seed'];

/** `xlcfg:` right after `#` (blanks allowed before it). */
const PREFIX = /^[ \t]*xlcfg:/;
/** One entry: NAME=VALUE (blanks allowed around '='), or any other run of text. */
const ENTRY = /([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=[ \t]*([^\s,]*)|[^\s,]+/g;

export function readFileDirectives(tree: SyntaxTree): FileDirectives {
  const out: FileDirectives = { entries: [], ignored: [] };
  for (const c of tree.comments) {
    if (!c.text.includes('xlcfg:')) continue; // (most comments: no regex)
    const m = PREFIX.exec(c.text);
    if (!m) continue;
    // c.text starts right after '#'.
    const base = c.start + 1 + m[0].length;
    const body = c.text.slice(m[0].length);
    ENTRY.lastIndex = 0;
    for (let e = ENTRY.exec(body); e; e = ENTRY.exec(body)) {
      const start = base + e.index;
      const end = start + e[0].length;
      const text = e[0].replace(/\r$/, '');
      if (e[1] === undefined) {
        out.ignored.push({ start, end, text, reason: `'${text}' is not a NAME=VALUE setting (known: xen=VERSION, dialect=auto|upstream|seed).` });
        continue;
      }
      const name = e[1].toLowerCase();
      const value = e[2].replace(/\r$/, '');
      const valueStart = end - e[2].length;
      const valueSpan = { start: valueStart, end: valueStart + value.length };
      if (name === 'xen') {
        if (!value || !parseXenVersion(value)) {
          out.ignored.push({ start, end, text, reason: `'${value}' is not a Xen version (write e.g. xen=4.17, xen=4.18.2 or xen=seed).` });
          continue;
        }
        out.xen = value;
        out.entries.push({ name: 'xen', value, valueSpan, start, end });
      } else if (name === 'dialect') {
        const v = value.toLowerCase() as DialectSetting;
        if (!DIALECTS.includes(v)) {
          out.ignored.push({ start, end, text, reason: `'${value}' is not a channel dialect (auto, upstream or seed).` });
          continue;
        }
        out.dialect = v;
        out.entries.push({ name: 'dialect', value: v, valueSpan, start, end });
      } else {
        out.ignored.push({ start, end, text, reason: `Unknown xlcfg setting '${e[1]}' (known: xen, dialect).` });
      }
    }
  }
  return out;
}

/** The options for this file: `base` with the file's directives applied. */
export function applyFileDirectives(base: CheckOptions, directives: FileDirectives): CheckOptions {
  const out: CheckOptions = { ...base };
  if (directives.dialect) out.dialect = directives.dialect;
  if (directives.xen) {
    const v = parseXenVersion(directives.xen);
    if (v) out.xen = v;
  }
  return out;
}
