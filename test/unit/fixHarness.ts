/**
 * The one way to test a quick fix: find the diagnostic, take the fix, apply
 * it, and check that
 *  - the edits are well-formed (inside the text, sorted, not overlapping, each
 *    one changing something),
 *  - every byte outside the edits is unchanged (checked independently of
 *    applyEdits),
 *  - the result can be checked again, the targeted diagnostic is gone, and no
 *    new error or warning appears anywhere,
 *  - the result is what the test expects (when given).
 *
 * Used for the syntax and suppression fixes, and meant for every later fix
 * family (channel, release): they all go through fixesFor().
 */
import assert from 'node:assert/strict';
import { checkText, CheckedDocument } from '../../server/src/check';
import type { Diagnostic } from '../../server/src/check/diagnostic';
import { applyEdits, Fix, TextEdit } from '../../server/src/check/edit';
import { fixesFor } from '../../server/src/check/fixes';
import type { CheckOptions } from '../../server/src/check/options';

export interface FixCheckOptions {
  /** Options for the checker (before and after the fix). */
  check?: CheckOptions;
  /** Which diagnostic with that code (in document order); default 0. */
  index?: number;
  /** Ask for snippet edits (they are applied with each placeholder's default). */
  snippets?: boolean;
  /** The exact text expected after the fix. */
  expect?: string;
  /**
   * Codes allowed to appear new after the fix: only for problems the fix
   * uncovers (xl stops reading a statement at its first problem, so fixing
   * it can reveal the next one). Use sparingly and say why.
   */
  allowNew?: string[];
}

export interface FixResult {
  fix: Fix;
  diagnostic: Diagnostic;
  before: CheckedDocument;
  after: CheckedDocument;
  /** The text after the fix. */
  out: string;
}

/** The text a snippet produces when every placeholder keeps its default (a choice: its first option). */
export function snippetDefaults(s: string): string {
  let out = s;
  // Innermost placeholders first, so nested ones resolve.
  for (let i = 0; i < 20; i++) {
    const next = out
      .replace(/\$\{\d+:([^{}$]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
    if (next === out) break;
    out = next;
  }
  return out.replace(/\\([$}\\])/g, '$1');
}

function describe(text: string, ds: Diagnostic[]): string {
  return ds.map((d) => `  ${d.code} ${d.severity} @${d.start}-${d.end} ${JSON.stringify(text.slice(d.start, d.end))}: ${d.message}`).join('\n') || '  (none)';
}

/** Where an offset of the old text ends up in the new one (text inserted at the offset goes before it). */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start === e.end ? e.start <= offset : e.end <= offset) delta += e.newText.length - (e.end - e.start);
    else if (e.start <= offset) return e.start + delta;
    else break;
  }
  return offset + delta;
}

function titleMatches(title: string, match: string | RegExp): boolean {
  return typeof match === 'string' ? title.includes(match) : match.test(title);
}

export function assertFixIsClean(text: string, code: string, fixTitleMatch: string | RegExp, options: FixCheckOptions = {}): FixResult {
  const before = checkText(text, options.check ?? {});
  const ofCode = before.diagnostics.filter((d) => d.code === code);
  const index = options.index ?? 0;
  assert.ok(ofCode.length > index, `expected a ${code} diagnostic (#${index}) in ${JSON.stringify(text)}; found:\n${describe(text, before.diagnostics)}`);
  const diagnostic = ofCode[index];

  const fixes = fixesFor(diagnostic, before, { snippets: options.snippets === true });
  const fix = fixes.find((f) => titleMatches(f.title, fixTitleMatch));
  assert.ok(fix, `no fix matching ${fixTitleMatch} for ${code} in ${JSON.stringify(text)}; fixes: ${JSON.stringify(fixes.map((f) => f.title))}`);

  // Well-formed edits.
  assert.ok(fix.edits.length > 0, `fix "${fix.title}" has no edits`);
  const edits = fix.edits.map((e) => ({ ...e, newText: e.snippet ? snippetDefaults(e.newText) : e.newText }));
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start <= e.end && e.end <= text.length, `edit out of range: ${JSON.stringify(e)}`);
    assert.notEqual(e.newText, text.slice(e.start, e.end), `edit changes nothing: ${JSON.stringify(e)}`);
    if (i > 0) {
      const p = sorted[i - 1];
      assert.ok(p.end <= e.start, `overlapping edits: ${JSON.stringify(p)} and ${JSON.stringify(e)}`);
      assert.ok(!(p.start === p.end && e.start === e.end && p.start === e.start), `two insertions at the same offset: ${JSON.stringify(p)} and ${JSON.stringify(e)}`);
    }
  }

  // Apply, and check the untouched bytes independently of applyEdits.
  const out = applyEdits(text, edits);
  let rebuilt = '';
  let at = 0;
  for (const e of sorted) {
    rebuilt += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  rebuilt += text.slice(at);
  assert.equal(out, rebuilt, 'applyEdits disagrees with a plain left-to-right application');
  if (options.expect !== undefined) assert.equal(out, options.expect, `fix "${fix.title}" result`);

  // Check again: target gone, nothing new.
  const after = checkText(out, options.check ?? {});
  const mapped = mapOffset(diagnostic.start, edits);
  const stillThere = after.diagnostics.filter((d) => d.code === code && d.start === mapped);
  assert.equal(stillThere.length, 0, `the ${code} diagnostic is still there after "${fix.title}":\n${out}\n${describe(out, after.diagnostics)}`);
  assert.ok(after.diagnostics.filter((d) => d.code === code).length < ofCode.length, `no fewer ${code} diagnostics after "${fix.title}"`);
  const allowed = new Set(options.allowNew ?? []);
  const old = before.diagnostics.filter((d) => d !== diagnostic);
  const fresh = after.diagnostics.filter(
    (d) => (d.severity === 'error' || d.severity === 'warning') && !allowed.has(d.code) && !old.some((o) => o.code === d.code && mapOffset(o.start, edits) === d.start),
  );
  assert.deepEqual(fresh, [], `"${fix.title}" introduced problems:\n--- before\n${text}\n--- after\n${out}\n${describe(out, fresh)}`);
  return { fix, diagnostic, before, after, out };
}

/** Asserts that no fix of a diagnostic matches the title (the fix is deliberately not offered). */
export function assertNoFix(text: string, code: string, fixTitleMatch: string | RegExp, options: Pick<FixCheckOptions, 'check' | 'index'> = {}): void {
  const before = checkText(text, options.check ?? {});
  const d = before.diagnostics.filter((x) => x.code === code)[options.index ?? 0];
  assert.ok(d, `expected a ${code} diagnostic in ${JSON.stringify(text)}; found:\n${describe(text, before.diagnostics)}`);
  const titles = fixesFor(d, before).map((f) => f.title);
  assert.ok(!titles.some((t) => titleMatches(t, fixTitleMatch)), `unexpected fix ${fixTitleMatch} for ${code}: ${JSON.stringify(titles)}`);
}
