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
import { finding } from './finding';

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

/** The span of the lines a statement fills, with its line break, when nothing else is on them; else undefined. */
function wholeLines(model: SettingsModel, s: Setting): Span | undefined {
  const { text, comments, statements } = model.tree;
  const start = text.lastIndexOf('\n', s.node.start - 1) + 1;
  const nl = text.indexOf('\n', s.node.end);
  const end = nl < 0 ? text.length : nl + 1;
  if (text.slice(start, s.node.start).trim() !== '') return undefined;
  const rest = text.slice(s.node.end, nl < 0 ? text.length : nl);
  if (!/^[ \t;]*\r?$/.test(rest)) return undefined;
  if (comments.some((c) => c.start < end && c.end > start)) return undefined;
  if (statements.some((st) => st !== s.node && st.start < end && st.end > start)) return undefined;
  return { start, end };
}

export function checkReassigned(model: SettingsModel, options: SettingsRuleOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  /** Per key, the well-formed assignments since its last '=' (what a new '=' throws away). */
  const open = new Map<string, Setting[]>();
  let lines: LineIndex | undefined;
  const hasAppend = atLeast(options.xen, 4, 13);
  for (const s of model.settings) {
    // A statement xl cannot read is not an assignment it stores.
    if (s.node.broken) continue;
    const chain = open.get(s.name);
    if (s.op === '+=') {
      if (chain) chain.push(s);
      else open.set(s.name, [s]);
      continue;
    }
    if (chain) {
      lines ??= new LineIndex(model.tree.text);
      const line = lines.positionAt(s.node.start).line + 1;
      for (const earlier of chain) {
        const data: ReassignedFixData = { key: s.name, line };
        const canAppend = hasAppend && appendable(chain[0], s);
        if (canAppend) data.append = s.node.opSpan;
        const remove = wholeLines(model, earlier);
        if (remove) data.remove = remove;
        const lost = earlier.op === '+=' ? "what this '+=' adds is ignored" : 'this assignment is ignored';
        const hint = canAppend ? ` Did you mean '+=' on line ${line}?` : '';
        out.push(
          finding('setting-reassigned', earlier.node, `'${s.name}' is set again on line ${line}: ${lost} (xl keeps only the last '=').${hint}`, {
            tags: ['unnecessary'],
            related: [{ start: s.node.name.start, end: s.node.value.end, message: `'${s.name}' is set again here` }],
            data,
          }),
        );
      }
    }
    open.set(s.name, [s]);
  }
  return out;
}
