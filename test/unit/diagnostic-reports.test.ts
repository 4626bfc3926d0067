/**
 * lsp/diagnosticReports.ts: "unchanged" only when the client's copy is the
 * last one given and every field of every diagnostic is the same.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticReports, sameDiagnostics } from '../../server/src/lsp/diagnosticReports';

const base = (): Diagnostic => ({
  range: { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } },
  severity: 1,
  code: 'syntax-uppercase-name',
  source: 'xlcfg',
  message: 'a message',
  codeDescription: { href: 'https://example/#rule-a' },
  tags: [1],
  relatedInformation: [{ location: { uri: 'file:///a.cfg', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } }, message: 'first set here' }],
});

test('sameDiagnostics: equal lists are the same; a change in any field a client shows is not', () => {
  assert.equal(sameDiagnostics([base(), base()], [base(), base()]), true);
  assert.equal(sameDiagnostics([], []), true);
  const changes: Array<(d: Diagnostic) => void> = [
    (d) => (d.range.start.line = 3),
    (d) => (d.range.start.character = 1),
    (d) => (d.range.end.line = 4),
    (d) => (d.range.end.character = 7),
    (d) => (d.severity = 2),
    (d) => (d.code = 'other'),
    (d) => (d.source = 'other'),
    (d) => (d.message = 'another message'),
    (d) => (d.codeDescription = { href: 'https://example/#rule-b' }),
    (d) => delete d.codeDescription,
    (d) => (d.tags = [2]),
    (d) => delete d.tags,
    (d) => (d.relatedInformation![0].message = 'set here'),
    (d) => (d.relatedInformation![0].location.uri = 'file:///b.cfg'),
    (d) => (d.relatedInformation![0].location.range.start.line = 1),
    (d) => (d.relatedInformation![0].location.range.end.character = 5),
    (d) => d.relatedInformation!.push(d.relatedInformation![0]),
    (d) => delete d.relatedInformation,
  ];
  for (const change of changes) {
    const d = base();
    change(d);
    assert.equal(sameDiagnostics([base()], [d]), false, change.toString());
    assert.equal(sameDiagnostics([d], [base()]), false, change.toString());
  }
  assert.equal(sameDiagnostics([base()], [base(), base()]), false, 'one more');
});

test('DiagnosticReports: unchanged only for the last id given for that document', () => {
  const r = new DiagnosticReports();
  const a = r.report('file:///a.cfg', [base()], undefined);
  assert.equal(a.kind, 'full');
  assert.deepEqual(r.report('file:///a.cfg', [base()], a.resultId), { kind: 'unchanged', resultId: a.resultId });
  // Another document's id does not count, and neither does an older id of this one.
  const b = r.report('file:///b.cfg', [base()], a.resultId);
  assert.equal(b.kind, 'full');
  assert.notEqual(b.resultId, a.resultId);
  const changed = base();
  changed.message = 'changed';
  const c = r.report('file:///a.cfg', [changed], a.resultId);
  assert.equal(c.kind, 'full');
  assert.equal(r.report('file:///a.cfg', [changed], a.resultId).kind, 'full');
  assert.equal(r.report('file:///a.cfg', [changed], c.resultId).kind, 'full', 'the full answer just before took the last id');
  // Forgotten (closed): the next answer is whole.
  const d = r.report('file:///a.cfg', [changed], undefined);
  r.forget('file:///a.cfg');
  assert.equal(r.report('file:///a.cfg', [changed], d.resultId).kind, 'full');
});
