/**
 * Quick fixes for the settings rules: setting-reassigned gets "append with
 * '+='" (the later '=' becomes '+=', so both values count) where the target
 * release has '+=' and the two values are of a kind '+=' joins, and "remove
 * the ignored assignment" when its lines hold nothing else.
 */
import type { CheckedDocument } from '../index';
import type { Diagnostic } from '../diagnostic';
import type { Fix } from '../edit';
import type { WrapFixData } from '../domainRules';
import type { ReassignedFixData } from '../settingsRules';

function isSpan(x: unknown): x is { start: number; end: number } {
  return !!x && typeof x === 'object' && Number.isInteger((x as { start?: unknown }).start) && Number.isInteger((x as { end?: unknown }).end);
}

function isData(x: unknown): x is ReassignedFixData {
  if (!x || typeof x !== 'object') return false;
  const d = x as Partial<ReassignedFixData>;
  return typeof d.key === 'string' && typeof d.line === 'number' && (d.append === undefined || isSpan(d.append)) && (d.remove === undefined || isSpan(d.remove));
}

function isWrap(x: unknown): x is WrapFixData {
  return !!x && typeof x === 'object' && (x as { fix?: unknown }).fix === 'wrap' && isSpan((x as { span?: unknown }).span);
}

export function settingsFixes(d: Diagnostic, doc: CheckedDocument): Fix[] {
  if (d.code === 'setting-not-list' && isWrap(d.data)) {
    const { start, end } = d.data.span;
    if (end > doc.tree.text.length) return [];
    return [{ title: 'Wrap the value in [ ]', edits: [{ start, end: start, newText: '[ ' }, { start: end, end, newText: ' ]' }], preferred: true }];
  }
  if (d.code !== 'setting-reassigned' || !isData(d.data)) return [];
  const { text } = doc.tree;
  const out: Fix[] = [];
  const { append, remove, key, line } = d.data;
  if (append && text.slice(append.start, append.end) === '=') {
    out.push({ title: `Append with '+=' on line ${line} (keep both values of '${key}')`, edits: [{ start: append.start, end: append.end, newText: '+=' }], preferred: true });
  }
  if (remove && remove.end <= text.length && remove.start <= d.start && remove.end >= d.end) {
    out.push({ title: 'Remove the ignored assignment', edits: [{ start: remove.start, end: remove.end, newText: '' }] });
  }
  return out;
}
