/**
 * "Disable CODE for this line" and "Disable CODE in this file": the quick
 * fixes that write a suppression comment (see check/suppressions.ts).
 * Offered for every finding a suppression comment can silence; a finding
 * that makes xl refuse the file cannot be silenced, so it gets none.
 */
import type { CheckedDocument } from '../index';
import type { Diagnostic } from '../diagnostic';
import type { Fix } from '../edit';
import { LineIndex } from '../../syntax/lineIndex';

/** xl's lines (LF only), which suppression comments count in. */
const xlLines = new WeakMap<CheckedDocument, LineIndex>();
function linesOf(doc: CheckedDocument): LineIndex {
  let l = xlLines.get(doc);
  if (!l) xlLines.set(doc, (l = new LineIndex(doc.tree.text, { lfOnly: true })));
  return l;
}

/** Whether a suppression comment can silence this finding (never one that makes xl refuse the file). */
export function canDisable(d: Diagnostic): boolean {
  return d.effect !== 'xl-refuses';
}

const NEXT_LINE = /^([ \t]*xlcfg-disable-next-line\b)((?:[ \t]+[A-Za-z0-9_-]+)*)[ \t]*\r?$/;
const FILE_WIDE = /^([ \t]*xlcfg-disable\b)((?:[ \t]+[A-Za-z0-9_-]+)+)[ \t]*\r?$/;

/** The comment that fills the whole line `line` (only blanks before the `#`), if any. */
function wholeLineComment(doc: CheckedDocument, line: number) {
  if (line < 0) return undefined;
  const start = linesOf(doc).lineStart(line);
  const text = doc.tree.text;
  let i = start;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== '#') return undefined;
  return doc.tree.comments.find((c) => c.start === i);
}

/** Adds a code to an existing directive comment (before its trailing blanks / CR). */
function appendCode(comment: { start: number; text: string }, m: RegExpExecArray, code: string): Fix['edits'] {
  const at = comment.start + 1 + m[1].length + m[2].length;
  return [{ start: at, end: at, newText: ` ${code}` }];
}

export function disableForLineFix(d: Diagnostic, doc: CheckedDocument): Fix {
  const text = doc.tree.text;
  const line = linesOf(doc).positionAt(d.start).line;
  const title = `Disable ${d.code} for this line`;
  // Extend an existing `# xlcfg-disable-next-line A` right above instead of stacking a second one.
  const above = wholeLineComment(doc, line - 1);
  if (above) {
    const m = NEXT_LINE.exec(above.text);
    if (m && m[2].trim()) return { title, edits: appendCode(above, m, d.code) };
  }
  const lineStart = linesOf(doc).lineStart(line);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 256))![0];
  return { title, edits: [{ start: lineStart, end: lineStart, newText: `${indent}# xlcfg-disable-next-line ${d.code}\n` }] };
}

export function disableInFileFix(d: Diagnostic, doc: CheckedDocument): Fix {
  const text = doc.tree.text;
  const title = `Disable ${d.code} in this file`;
  // After the leading comment lines (a header), or into a `# xlcfg-disable ...` among them.
  let line = 0;
  for (; line < linesOf(doc).lineCount; line++) {
    const c = wholeLineComment(doc, line);
    if (!c) break;
    const m = FILE_WIDE.exec(c.text);
    if (m) return { title, edits: appendCode(c, m, d.code) };
  }
  const at = line < linesOf(doc).lineCount ? linesOf(doc).lineStart(line) : text.length;
  // Only comments so far and no final newline: start a new line first.
  const needsNewline = at === text.length && at > 0 && text[at - 1] !== '\n';
  // A byte order mark swallows whatever follows it on its line: start the comment on a line of its own.
  if (at === 0 && text.charCodeAt(0) === 0xfeff) return { title, edits: [{ start: 1, end: 1, newText: `\n# xlcfg-disable ${d.code}\n` }] };
  return { title, edits: [{ start: at, end: at, newText: `${needsNewline ? '\n' : ''}# xlcfg-disable ${d.code}\n` }] };
}

export function disableFixes(d: Diagnostic, doc: CheckedDocument): Fix[] {
  if (!canDisable(d)) return [];
  return [disableForLineFix(d, doc), disableInFileFix(d, doc)];
}
