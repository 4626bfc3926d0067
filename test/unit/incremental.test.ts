/**
 * Incremental reparsing gives exactly the tree a full parse gives: tokens,
 * statements, comments, problems and xl's verdict, over thousands of random
 * edits of generated and real documents.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyntaxTree } from '../../server/src/syntax/cst';
import { diffTexts, reparse } from '../../server/src/syntax/incremental';
import { parse } from '../../server/src/syntax/parser';
import { generateDocument, Rng } from '../oracle/generate';

/** Everything observable about a tree, as text. */
function snapshot(t: SyntaxTree): string {
  return JSON.stringify({
    tokens: t.tokens.toArray(),
    statements: t.statements,
    comments: t.comments,
    problems: t.problems,
    boundaries: t.boundaries,
    stored: t.verdict.stored.map((s) => [s.name, s.op, s.xlLine, s.nameToken]),
    reports: t.verdict.reports,
    rc: t.verdict.rc,
  });
}

const PIECES = ['\n', ' ', '"', "'", '[', ']', ',', ';', '=', '+=', '#', 'x', 'name', ' = ', '"a,b"', '1', '@', '\\', '\r', 'channel = [ "name=a,connection=pty" ]\n', '[\n', '\n]', '\u00e9'];

function edit(r: Rng, text: string): string {
  const at = r.int(text.length + 1);
  const del = r.chance(0.5) ? r.int(Math.min(8, text.length - at) + 1) : 0;
  const ins = r.chance(0.8) ? r.pick(PIECES) : '';
  return text.slice(0, at) + ins + text.slice(at + del);
}

test('diffTexts finds the one changed region', () => {
  assert.deepEqual(diffTexts('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(diffTexts('abc', 'abc'), undefined);
  assert.deepEqual(diffTexts('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
});

test('reparse equals a full parse after thousands of random edits', () => {
  const r = new Rng(4242);
  let edits = 0;
  for (let d = 0; d < 300; d++) {
    let text = generateDocument(99, d).toString('latin1');
    if (text.length > 20000) continue;
    let tree = parse(text);
    if (tree.maxDepth > 500) continue; // (JSON.stringify cannot snapshot thousands of nested lists)
    for (let e = 0; e < 12; e++) {
      const next = edit(r, text);
      const incremental = reparse(tree, next);
      const full = parse(next);
      const a = snapshot(incremental);
      const b = snapshot(full);
      if (a !== b) {
        assert.fail(`reparse differs from parse (document ${d}, edit ${e}):\nbefore: ${JSON.stringify(text)}\nafter:  ${JSON.stringify(next)}`);
      }
      tree = incremental;
      text = next;
      edits++;
    }
  }
  assert.ok(edits > 3000, `${edits} edits`);
});

test('reparse of a big document reuses the statements after the edit', () => {
  const lines = ['name = "vm"'];
  for (let i = 0; i < 2000; i++) lines.push(`extra = "line ${i}"`);
  const text = lines.join('\n') + '\n';
  const tree = parse(text);
  const last = tree.statements[tree.statements.length - 1];
  const at = text.indexOf('line 10"');
  const next = text.slice(0, at) + 'X' + text.slice(at);
  const re = reparse(tree, next);
  assert.equal(re.statements[re.statements.length - 1], last, 'the last statement object is reused');
  assert.equal(next.slice(last.start, last.end), 'extra = "line 1999"');
  assert.equal(snapshot(re), snapshot(parse(next)));
});
