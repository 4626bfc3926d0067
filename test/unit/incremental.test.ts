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
import { CheckedDocument, checkText, checkTree } from '../../server/src/check';
import { specOffset } from '../../server/src/model/channelSpec';
import { piecesByKey, readChannels } from '../../server/src/model/channels';
import { parseXenVersion } from '../../server/src/model/xenVersion';

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
  // Long texts are compared block by block first: every position must still come out exact.
  const r = new Rng(77);
  for (let n = 0; n < 300; n++) {
    const len = r.int(3000);
    let a = '';
    for (let i = 0; i < len; i++) a += 'ab\n'[r.int(3)];
    const at = r.int(len + 1);
    const del = r.int(Math.min(600, len - at) + 1);
    const ins = 'xyz\n'.slice(0, r.int(5)).repeat(r.int(300));
    const b = a.slice(0, at) + ins + a.slice(at + del);
    const d = diffTexts(a, b);
    if (a === b) {
      assert.equal(d, undefined);
      continue;
    }
    assert.ok(d);
    // The reported region is exactly what differs: same prefix and suffix, minimal.
    assert.equal(a.slice(0, d.start), b.slice(0, d.start));
    assert.equal(a.slice(d.oldEnd), b.slice(d.newEnd));
    assert.equal(a.slice(0, d.start) + b.slice(d.start, d.newEnd) + a.slice(d.oldEnd), b);
    if (d.start < Math.min(a.length, b.length)) assert.notEqual(a[d.start], b[d.start]);
    if (d.oldEnd > d.start && d.newEnd > d.start) assert.notEqual(a[d.oldEnd - 1], b[d.newEnd - 1]);
  }
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

test('typing inside a string of a long list keeps the list statement and moves the rest (the tree a full parse gives)', () => {
  const items = Array.from({ length: 200 }, (_, i) => `  "name=org.example.agent.${i},connection=pty"`);
  let text = `name = "vm" # a comment\nchannel = [\n${items.join(',\n')},\n  [ "x", [ "nested" ] ], 'single'\n]\n# after\nextra = "a" ; vif = [ 'b' ]\n`;
  let tree = parse(text);
  const r = new Rng(9);
  const strings = () => tree.tokens.toArray().filter((t) => t.kind === 4);
  for (let e = 0; e < 100; e++) {
    const all = strings();
    const tok = all[r.int(all.length)];
    // Anywhere strictly inside the quotes: insert, delete or replace plain text.
    const at = tok.start + 1 + r.int(tok.end - tok.start - 1);
    const del = r.int(Math.min(3, tok.end - 1 - at) + 1);
    const next = text.slice(0, at) + r.pick(['x', '', 'ab', ' ', '=', ',']) + text.slice(at + del);
    if (next === text) continue;
    const list = tree.statements[1];
    const incremental = reparse(tree, next);
    assert.equal(snapshot(incremental), snapshot(parse(next)), `edit ${e} at ${at}`);
    assert.equal(incremental.statements[1], list, 'the list statement object is kept');
    tree = incremental;
    text = next;
  }
  // What leaves the fast path (a quote, an escape, a newline) still gives the full parse's tree.
  for (const piece of ['"', '\\n', '\n', "'", '\u0000']) {
    const at = text.indexOf('agent.7,') + 3;
    const next = text.slice(0, at) + piece + text.slice(at);
    assert.equal(snapshot(reparse(parse(text), next)), snapshot(parse(next)), JSON.stringify(piece));
  }
});

/** The channel model and diagnostics of a checked document, as text. */
function channelSnapshot(c: CheckedDocument): string {
  const setting = readChannels(c.model, { dialect: c.options.dialect, xen: c.options.xen });
  const items = setting?.items.map((it) =>
    it.kind === 'channel'
      ? {
          index: it.index,
          node: [it.node.start, it.node.end],
          dialect: it.dialect,
          text: it.spec.text,
          offsets: Array.from({ length: it.spec.text.length + 1 }, (_, k) => specOffset(it.spec, k)),
          pieces: it.pieces,
          keys: [...piecesByKey(it).keys()],
          fields: [it.name, it.path, it.backend, it.kindField],
          output: it.output,
          dropped: it.dropped,
        }
      : { index: it.index, node: [it.node.start, it.node.end] },
  );
  return JSON.stringify({ items, dialect: setting?.dialect, foreign: setting?.foreign, diagnostics: c.diagnostics });
}

test('channels carried over from the previous version equal channels read afresh', () => {
  const r = new Rng(515);
  const ITEM_PIECES = ['name=a', 'name=b', 'connection=pty', 'connection=socket', 'path=/run/x.sock', 'type=pty', 'backend=0', 'bogus', ' ', '\\\\', '\\"', ','];
  const item = () => '"' + Array.from({ length: r.int(4) }, () => r.pick(ITEM_PIECES)).join(',') + '"';
  const PIECES = [item(), `${item()},\n`, ',', '\n', '"', 'x', '[', ']', '#', 'channel += [ "name=c" ]\n', '7'];
  let edits = 0;
  for (let d = 0; d < 60; d++) {
    const items = Array.from({ length: 1 + r.int(12) }, () => item());
    // Repeated items on purpose: identical texts must not share one channel.
    if (r.chance(0.5)) items.push(items[0], items[0]);
    let text = `name = "vm"\nchannel = [\n  ${items.join(',\n  ')}\n]\n${r.chance(0.3) ? 'channel += [ "name=z,connection=pty" ]\n' : ''}`;
    let checked = checkTree(parse(text));
    for (let e = 0; e < 15; e++) {
      const at = r.int(text.length + 1);
      const del = r.chance(0.4) ? r.int(Math.min(10, text.length - at) + 1) : 0;
      const next = text.slice(0, at) + (r.chance(0.85) ? r.pick(PIECES) : '') + text.slice(at + del);
      const change = diffTexts(text, next);
      const tree = change ? reparse(checked.tree, next, {}, change) : checked.tree;
      const options = r.chance(0.2) ? { xen: parseXenVersion('4.11')! } : {};
      // The previous version's channels are taken over where their items did not change.
      checked = checkTree(tree, options, change && { checked, change });
      const carried = channelSnapshot(checked);
      const fresh = channelSnapshot(checkText(next, options));
      if (carried !== fresh) assert.fail(`carried channels differ (document ${d}, edit ${e}):\nbefore: ${JSON.stringify(text)}\nafter:  ${JSON.stringify(next)}`);
      text = next;
      edits++;
    }
  }
  assert.ok(edits >= 900);
});

test('setting-reassigned findings taken over from the previous version equal findings made afresh', () => {
  const r = new Rng(616);
  const LINES = ['vcpus = 2', 'vcpus += 3', 'maxmem = 4096', 'extra = "console=hvc0"', 'extra += " ro"', 'vif = [ "bridge=xenbr0" ]', 'vif = [ "bridge=b1", "mac=00:16:3e:00:00:01" ]', '# a note', '', 'a = 1; a = 2', 'memory = 512 # x', 'extra= "b"', 'vif=[ "bridge=b2" ]'];
  const PIECES = ['x', '', ' ', '"', ',', '#', '\n', '=', '+=', '[', ']', ';', '\r', '7'];
  let taken = 0;
  let edits = 0;
  for (let d = 0; d < 40; d++) {
    let text = Array.from({ length: 5 + r.int(30) }, () => r.pick(LINES)).join('\n') + '\n';
    let checked = checkTree(parse(text));
    for (let e = 0; e < 25; e++) {
      // Mostly inside values (what typing does), sometimes anywhere.
      const quotes = [...text.matchAll(/"[^"\n]*"/g)];
      const q = quotes.length && r.chance(0.7) ? r.pick(quotes) : undefined;
      const at = q ? q.index! + 1 + r.int(q[0].length - 1) : r.int(text.length + 1);
      const next = text.slice(0, at) + r.pick(PIECES) + text.slice(Math.min(text.length, at + (r.chance(0.3) ? 1 : 0)));
      const change = diffTexts(text, next);
      if (!change) continue;
      const before = checked.diagnostics.filter((x) => x.code === 'setting-reassigned');
      checked = checkTree(reparse(checked.tree, next, {}, change), {}, { checked, change });
      const fresh = checkText(next);
      const mine = checked.diagnostics.filter((x) => x.code === 'setting-reassigned');
      assert.equal(JSON.stringify(mine), JSON.stringify(fresh.diagnostics.filter((x) => x.code === 'setting-reassigned')), `document ${d}, edit ${e}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
      if (mine.length && mine[0] === before[0]) taken++;
      text = next;
      edits++;
    }
  }
  assert.ok(edits > 800, `${edits} edits`);
  assert.ok(taken > 100, `findings taken over in only ${taken} edits`);
});

test("setting-reassigned after typing over the '=' its += fix points at: found again, not moved", () => {
  // The fix's operator span lies in the edit: moved by the edit's length it would cover ' = ' (the fuzz found it).
  for (const [text, from, to, piece] of [
    ['extra = "a"\nextra= "b"\n', 17, 18, ' = '],
    ['extra = "a"\nextra= "b"\n', 17, 17, ' '],
    ['extra += " a"\nextra ="b"\n', 20, 21, '= '],
  ] as const) {
    const next = text.slice(0, from) + piece + text.slice(to);
    const before = checkTree(parse(text));
    const change = diffTexts(text, next)!;
    const after = checkTree(reparse(before.tree, next, {}, change), {}, { checked: before, change });
    const fresh = checkText(next);
    const pick = (c: CheckedDocument) => JSON.stringify(c.diagnostics.filter((x) => x.code === 'setting-reassigned'));
    assert.equal(pick(after), pick(fresh), `${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
    assert.match(pick(fresh), /"append"/);
  }
});

test('setting-reassigned after an edit that turns part of a statement into a comment: its remove fix goes (the fuzz found it)', () => {
  // Deleting the quote before a '#' in a string makes the rest of that line a comment: the ignored
  // assignment's lines then hold a comment, and removing them would take it away.
  const text = 'kernel = [\n  "a", \'x#b\', "c",\n  "d" ]\nkernel = "k"\n';
  const from = text.indexOf("'x");
  const next = text.slice(0, from) + text.slice(from + 2);
  const before = checkTree(parse(text));
  const change = diffTexts(text, next)!;
  const after = checkTree(reparse(before.tree, next, {}, change), {}, { checked: before, change });
  const fresh = checkText(next);
  assert.equal(fresh.tree.comments.length, 1);
  const pick = (c: CheckedDocument) => JSON.stringify(c.diagnostics.filter((x) => x.code === 'setting-reassigned'));
  assert.match(pick(before), /"remove"/);
  assert.doesNotMatch(pick(fresh), /"remove"/);
  assert.equal(pick(after), pick(fresh));
});

test('reparse drops the old end-of-statement problem at the token where it resyncs', () => {
  // 'name' without '=' is reported with an empty range at its end, which is where the old newline token starts.
  const before = 'name\n = "vm"\n';
  const after = 'name += [ "c" ]\n\n = "vm"\n';
  assert.equal(snapshot(reparse(parse(before), after)), snapshot(parse(after)));
});

test('reparse does not restart at a statement whose first token carries lexical errors the statement before already reported', () => {
  // The list's unterminated string swallows up to a blank; 'ridge' then carries that error, which the list reported.
  const before = "extra=[\n  \"b\\3  ridge=xenbr0,me:00:00:01, [ [ 'it\\'s']\na.b_c9 = 'say \"hi\"'";
  const after = before.slice(0, 73) + 'x' + before.slice(73);
  assert.equal(snapshot(reparse(parse(before), after)), snapshot(parse(after)));
});

/** How many strings of at least `length` characters the heap holds (a heap snapshot collects garbage first). */
async function heapStringsOfLength(length: number): Promise<number> {
  const { getHeapSnapshot } = await import('node:v8');
  let json = '';
  for await (const chunk of getHeapSnapshot()) json += chunk;
  const s = JSON.parse(json) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const f = s.snapshot.meta.node_fields;
  const type = f.indexOf('type');
  const size = f.indexOf('self_size');
  const stringType = s.snapshot.meta.node_types[0].indexOf('string');
  let n = 0;
  for (let i = 0; i < s.nodes.length; i += f.length) if (s.nodes[i + type] === stringType && s.nodes[i + size] >= length) n++;
  return n;
}

test('a document edited at many places keeps no old version of its text alive', async () => {
  // Long values, names and comments: V8 would make them views into the whole text.
  const items = Array.from({ length: 200 }, (_, i) => `  "name=org.example.agent.${i},connection=socket,path=/run/xen/agent-${i}.sock",`);
  const settings = Array.from({ length: 600 }, (_, i) => (i % 3 ? `a_rather_long_setting_name_${i} = "a value long enough to be a view ${i}"` : `# a comment long enough to be a view, number ${i}`));
  let text = ['name = "vm"', 'channel = [', ...items, ']', ...settings, ''].join('\n');
  let checked = checkTree(parse(text));
  const targets = ['org.example.agent.', 'a value long enough', 'a comment long enough', 'a_rather_long_setting_name_'];
  for (let e = 0; e < 80; e++) {
    // Every edit touches another statement, item or comment.
    let at = -1;
    for (let k = 0, from = 0; k <= (e * 7) % 150; k++) from = (at = text.indexOf(targets[e % targets.length], from)) + 1;
    const next = text.slice(0, at) + 'x' + text.slice(at);
    const change = diffTexts(text, next)!;
    text = next;
    checked = checkTree(reparse(checked.tree, text, {}, change), {}, { checked, change });
  }
  assert.equal(checked.tree.text, text);
  const copies = await heapStringsOfLength(text.length - 200);
  // This version's text, the first one (the nodes of the full parse still view it), and what V8 itself may
  // hold on to (an allocation site's sample of a tree, the stack): a few, whatever the number of edits.
  assert.ok(copies <= 4, `${copies} document-sized strings are alive after 80 edits`);
});

test('reparse restarts before a problem that reaches the edit (an unterminated string is marked to the end of its line)', () => {
  // The unterminated string swallows "'it's];" and is marked up to the line end; the edit is later on that line.
  const before = "ramdisk = [ \"a\",\n  'it\\'s]; type = 1; name = 0; memory =[] # note\nvcpus = 2\n";
  const at = before.indexOf('[] # note');
  for (const insert of [']', 'xyz', ',']) {
    const after = before.slice(0, at) + insert + before.slice(at);
    assert.equal(snapshot(reparse(parse(before), after)), snapshot(parse(after)), JSON.stringify(insert));
  }
  const shorter = before.slice(0, at) + before.slice(at + 2);
  assert.equal(snapshot(reparse(parse(before), shorter)), snapshot(parse(shorter)));
});
