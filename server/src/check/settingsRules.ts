/**
 * Rules about the settings as a whole: a key assigned again with '=' throws
 * away what the earlier assignments gave it (libxlu keeps the last '=' and
 * the '+=' after it).
 */
import type { Setting, SettingsModel } from '../model/settings';
import { atLeast, XenVersion } from '../model/xenVersion';
import type { Span } from '../syntax/cst';
import type { TextChange } from '../syntax/incremental';
import { LineIndex } from '../syntax/lineIndex';
import type { Diagnostic } from './diagnostic';
import { ReassignedFinding } from './reassignedFinding';
import { ruleLevel } from './rules';

export type { ReassignedFixData } from './reassignedFinding';

export interface SettingsRuleOptions {
  xen: XenVersion;
  /** The document's line index, when the caller has one (made here otherwise). */
  lines?: () => LineIndex;
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

/**
 * The findings of each checked version (per model), with where each setting
 * was when they were made, for the next version to take over when an edit
 * cannot change them (see unchangedBy).
 */
interface Found {
  hasAppend: boolean;
  diagnostics: ReassignedFinding[];
  /** Start and end of each setting's statement (settings order). */
  spans: Int32Array;
  /** Start and end of each comment (the remove fix reads whether one shares the statement's lines). */
  comments: Int32Array;
}
const found = new WeakMap<SettingsModel, Found>();

/** The version before an edit, and the edit. */
export interface PreviousSettings {
  model: SettingsModel;
  change: TextChange;
}

/** Start and end of each of `n` things, packed (where they were when the findings were made). */
function packSpans(n: number, at: (i: number) => Span): Int32Array {
  const spans = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const x = at(i);
    spans[2 * i] = x.start;
    spans[2 * i + 1] = x.end;
  }
  return spans;
}

/** Where an offset of the version before is after the edit (offsets at or past its old end move by its length). */
function moved(p: number, change: TextChange): number {
  return p >= change.oldEnd ? p + change.newEnd - change.oldEnd : p;
}

/** Moves the packed offsets at or past `from` by `d`, in place. */
function shiftPacked(spans: Int32Array, from: number, d: number): void {
  for (let i = 0; i < spans.length; i++) if (spans[i] >= from) spans[i] += d;
}

/**
 * Whether every comment is where it was, moved by the edit, and none touches
 * it: an edit inside a statement can turn part of it into a comment (deleting
 * the quote before a '#' in a string), which takes the remove fix away.
 */
function commentsMoved(spans: Int32Array, after: SettingsModel, change: TextChange): boolean {
  const b = after.tree.comments;
  if (spans.length !== 2 * b.length) return false;
  for (let i = 0; i < b.length; i++) {
    const start = spans[2 * i];
    const end = spans[2 * i + 1];
    if (start <= change.oldEnd && end >= change.start) return false;
    if (b[i].start !== moved(start, change) || b[i].end !== moved(end, change)) return false;
  }
  return true;
}

/**
 * Whether an edit leaves every setting-reassigned finding as it was, moved:
 * the settings are the same keys, operators and kinds in the same order (what
 * the findings are about); the edit lies strictly inside one of them, which
 * keeps its start, and every other one is where it was, moved by the edit's
 * length (so the text around every statement is the same: what the remove fix
 * reads); and it adds and removes no line break (their messages name lines).
 */
function unchangedBy(before: SettingsModel, spans: Int32Array, after: SettingsModel, change: TextChange): boolean {
  const a = before.settings;
  const b = after.settings;
  if (a.length !== b.length || spans.length !== 2 * b.length) return false;
  const oldText = before.tree.text;
  const newText = after.tree.text;
  if (hasLineBreak(oldText, change.start, change.oldEnd) || hasLineBreak(newText, change.start, change.newEnd) || oldText.charCodeAt(change.start - 1) === 0x0d) return false;
  let inside = 0;
  for (let i = 0; i < b.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.name !== y.name || x.op !== y.op || x.node.broken !== y.node.broken || x.node.value.kind !== y.node.value.kind) return false;
    const start = spans[2 * i];
    const end = spans[2 * i + 1];
    if (start < change.start && change.oldEnd < end) inside++;
    else if (!(end <= change.start || start >= change.oldEnd)) return false; // (touches the edit without holding it)
    if (y.node.start !== moved(start, change) || y.node.end !== moved(end, change)) return false;
  }
  return inside === 1;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/**
 * Every assignment that a later '=' of the same key throws away. With
 * `previous`, the findings of the version before are taken over, moved, when
 * the edit cannot have changed them (unchangedBy): typing in a value of a
 * file with thousands of them made them all again per keystroke. The version
 * before is consumed (its findings are moved, not copied).
 */
export function checkReassigned(model: SettingsModel, options: SettingsRuleOptions, previous?: PreviousSettings): Diagnostic[] {
  const hasAppend = atLeast(options.xen, 4, 13);
  const before = previous && found.get(previous.model);
  if (before && previous && before.hasAppend === hasAppend && unchangedBy(previous.model, before.spans, model, previous.change) && commentsMoved(before.comments, model, previous.change) && !before.diagnostics.some((x) => x.hasOffsetIn(previous.change.start, previous.change.oldEnd))) {
    const { change } = previous;
    const d = change.newEnd - change.oldEnd;
    if (d !== 0) {
      for (const x of before.diagnostics) x.move(change.oldEnd, d);
      shiftPacked(before.spans, change.oldEnd, d);
      shiftPacked(before.comments, change.oldEnd, d);
    }
    found.delete(previous.model);
    found.set(model, before);
    return before.diagnostics;
  }
  const diagnostics = findReassigned(model, hasAppend, options.lines ?? (() => new LineIndex(model.tree.text)));
  found.set(model, { hasAppend, diagnostics, spans: packSpans(model.settings.length, (i) => model.settings[i].node), comments: packSpans(model.tree.comments.length, (i) => model.tree.comments[i]) });
  return diagnostics;
}

function findReassigned(model: SettingsModel, hasAppend: boolean, linesOf: () => LineIndex): ReassignedFinding[] {
  const out: ReassignedFinding[] = [];
  /** Per key (keyIndex), the well-formed assignments since its last '=' (what a new '=' throws away). */
  const open: Array<Setting[] | undefined> = [];
  let lines: LineIndex | undefined;
  const { severity, effect } = ruleLevel('setting-reassigned');
  // '+=' keeps both values only where no later '=' throws the joined value away again (else the fix would not fix).
  const lastAssign = new Int32Array(model.effective.size).fill(-1);
  for (const s of model.settings) if (s.op === '=' && !s.node.broken) lastAssign[s.keyIndex] = s.index;
  for (const s of model.settings) {
    // A statement xl cannot read is not an assignment it stores.
    if (s.node.broken) continue;
    const chain = open[s.keyIndex];
    if (s.op === '+=') {
      if (chain) chain.push(s);
      else open[s.keyIndex] = [s];
      continue;
    }
    if (!chain) {
      open[s.keyIndex] = [s];
      continue;
    }
    lines ??= linesOf();
    const line = lines.positionAt(s.node.start).line + 1;
    const appendAt = hasAppend && appendable(chain[0], s) && lastAssign[s.keyIndex] === s.index ? s.node.opStart : -1;
    for (const earlier of chain) {
      const remove = wholeLines(model, earlier);
      out.push(
        new ReassignedFinding({
          severity,
          effect,
          key: s.name,
          start: earlier.node.start,
          end: earlier.node.end,
          appended: earlier.op === '+=',
          againStart: s.node.name.start,
          againEnd: s.node.value.end,
          line,
          appendAt,
          removeStart: remove ? remove.start : -1,
          removeEnd: remove ? remove.end : -1,
        }),
      );
    }
    // (The chain's array is reused for the key's new chain.)
    chain.length = 0;
    chain.push(s);
  }
  return out;
}
