/**
 * Rules about the settings as a whole: a key assigned again with '=' throws
 * away what the earlier assignments gave it (libxlu keeps the last '=' and
 * the '+=' after it).
 */
import type { Setting, SettingsModel } from '../model/settings';
import { atLeast, XenVersion } from '../model/xenVersion';
import type { Span } from '../syntax/cst';
import { LineIndex } from '../syntax/lineIndex';
import type { Diagnostic } from './diagnostic';
import { ruleLevel } from './rules';

/** The fix data of setting-reassigned (plain JSON). */
export interface ReassignedFixData {
  /** The '=' of the later assignment, when '+=' would keep both values (same kind, a release with '+='). */
  append?: Span;
  /** The whole lines of the ignored assignment, when they hold nothing else (no comment, no other statement). */
  remove?: Span;
  /** The name of the setting and the line (1-based) of the later assignment, for the titles. */
  key: string;
  line: number;
}

export interface SettingsRuleOptions {
  xen: XenVersion;
}

/** '+=' keeps both values only for two lists or two strings (numbers would be glued together as text). */
function appendable(a: Setting, b: Setting): boolean {
  const ka = a.node.value.kind;
  const kb = b.node.value.kind;
  return ka === kb && (ka === 'list' || ka === 'string');
}

/** C white space as String.prototype.trim sees it, from `lastIndex` on (sticky: no slice of the text). */
const BLANKS = /\s*/y;

/** The span of the lines a statement fills, with its line break, when nothing else is on them; else undefined. */
function wholeLines(model: SettingsModel, s: Setting): Span | undefined {
  const { text, comments, statements } = model.tree;
  const start = text.lastIndexOf('\n', s.node.start - 1) + 1;
  const nl = text.indexOf('\n', s.node.end);
  const lineEnd = nl < 0 ? text.length : nl;
  const end = nl < 0 ? text.length : nl + 1;
  // Only blanks before it on its first line...
  BLANKS.lastIndex = start;
  BLANKS.test(text);
  if (BLANKS.lastIndex < s.node.start) return undefined;
  // ...and only blanks or ';' after it (a CR before the line break).
  let i = s.node.end;
  while (i < lineEnd) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3b) break;
    i++;
  }
  if (i < lineEnd && text.charCodeAt(i) === 0x0d) i++;
  if (i !== lineEnd) return undefined;
  // (Both lists are in offset order and do not overlap: only neighbours can share the lines. A scan of
  // the whole file per finding made a file of 3,500 reassigned keys take half a second.)
  const c = comments[firstEndingAfter(comments, start)];
  if (c && c.start < end) return undefined;
  const k0 = firstEndingAfter(statements, start);
  for (let k = k0; k < statements.length && statements[k].start < end; k++) if (statements[k] !== s.node) return undefined;
  return { start, end };
}

/** The index of the first of `xs` (in offset order, not overlapping) that ends after `offset`. */
function firstEndingAfter(xs: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tags of every setting-reassigned finding (one frozen array: a file can have 200,000 of them). */
const UNNECESSARY: Diagnostic['tags'] = Object.freeze(['unnecessary']) as never;

export function checkReassigned(model: SettingsModel, options: SettingsRuleOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  /** Per key, the well-formed assignments since its last '=' (what a new '=' throws away). */
  const open = new Map<string, Setting[]>();
  let lines: LineIndex | undefined;
  const hasAppend = atLeast(options.xen, 4, 13);
  const { severity, effect } = ruleLevel('setting-reassigned');
  // '+=' keeps both values only where no later '=' throws the joined value away again (else the fix would not fix).
  const lastAssign = new Map<string, Setting>();
  for (const s of model.settings) if (s.op === '=' && !s.node.broken) lastAssign.set(s.name, s);
  for (const s of model.settings) {
    // A statement xl cannot read is not an assignment it stores.
    if (s.node.broken) continue;
    const chain = open.get(s.name);
    if (s.op === '+=') {
      if (chain) chain.push(s);
      else open.set(s.name, [s]);
      continue;
    }
    if (!chain) {
      open.set(s.name, [s]);
      continue;
    }
    lines ??= new LineIndex(model.tree.text);
    const line = lines.positionAt(s.node.start).line + 1;
    const canAppend = hasAppend && appendable(chain[0], s) && lastAssign.get(s.name) === s;
    const again = `'${s.name}' is set again on line ${line}: `;
    const hint = canAppend ? ` Did you mean '+=' on line ${line}?` : '';
    for (const earlier of chain) {
      const data: ReassignedFixData = { key: s.name, line };
      if (canAppend) data.append = s.node.opSpan;
      const remove = wholeLines(model, earlier);
      if (remove) data.remove = remove;
      const lost = earlier.op === '+=' ? "what this '+=' adds is ignored" : 'this assignment is ignored';
      // (The fields in finding()'s order.)
      out.push({
        code: 'setting-reassigned',
        severity,
        effect,
        message: `${again}${lost} (xl keeps only the last '=').${hint}`,
        start: earlier.node.start,
        end: earlier.node.end,
        related: [{ start: s.node.name.start, end: s.node.value.end, message: `'${s.name}' is set again here` }],
        tags: UNNECESSARY,
        data,
      });
    }
    // (The chain's array is reused for the key's new chain.)
    chain.length = 0;
    chain.push(s);
  }
  return out;
}
