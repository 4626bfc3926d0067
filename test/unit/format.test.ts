/**
 * Format Document (server/src/format): the layout admins write, and the
 * guarantees: what xl reads is unchanged (the settings xl stores, compared
 * here with xlcfg's replica of libxlu; test/oracle/format.test.ts compares
 * with libxlutil itself), no comment is lost, formatting twice changes
 * nothing more, and a file with syntax errors is left as it is.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeBytes } from '../../server/src/cli/readDocument';
import { formatText, formatTree } from '../../server/src/format';
import { readsTheSame } from '../../server/src/format/verify';
import { parse } from '../../server/src/syntax/parser';
import { corpusFiles } from '../corpus';
import { messyConfig } from './messyConfigs';

const fmt = (text: string) => formatText(text).text;

test('one statement per line, one blank around the operator, no ";", one final line break', () => {
  assert.equal(fmt('name="vm"\nmemory =512;vcpus=  2 ;\n;;\nextra+="q"'), 'name = "vm"\nmemory = 512\nvcpus = 2\n\nextra += "q"\n');
});

test('a block whose operators were lined up stays lined up, to the furthest column', () => {
  assert.equal(fmt('name    = "vm"\nmemory = 512\nvcpus  = 2\n\nkernel = "/k"\n'), 'name    = "vm"\nmemory  = 512\nvcpus   = 2\n\nkernel = "/k"\n');
  // A tab lines up too (to the next multiple of 8); a longer name moves the column.
  assert.equal(fmt('a\t= 1\nlongername = 2\n'), 'a          = 1\nlongername = 2\n');
  // Not lined up: one blank each.
  assert.equal(fmt('name = "vm"\nmemory = 512\n'), 'name = "vm"\nmemory = 512\n');
  // A lone statement keeps its column (admins align across the whole file, one setting per paragraph).
  assert.equal(fmt('# disks\ndisk        = [ "a" ]\n'), '# disks\ndisk        = [ "a" ]\n');
});

test('lists: one line stays one line; several lines get one item per line, 4 blanks, a comma after each, ] under the setting', () => {
  assert.equal(fmt('disk=["a","b",]\nl = [ ]\n'), 'disk = [ "a", "b" ]\nl = []\n');
  assert.equal(
    fmt('disk = [ "a", "b",\n          "c" ]\nvnuma = [ [ "pnode=0", "size=512" ],\n  [ "pnode=1" ] ]\n'),
    'disk = [\n    "a",\n    "b",\n    "c",\n]\nvnuma = [\n    [ "pnode=0", "size=512" ],\n    [ "pnode=1" ],\n]\n',
  );
  assert.equal(fmt('v = [\n [ "a",\n "b" ] ]\n'), 'v = [\n    [\n        "a",\n        "b",\n    ],\n]\n');
  assert.equal(formatText('disk = [\n"a"\n]\n', { indent: 2 }).text, 'disk = [\n  "a",\n]\n');
});

test('comments stay: at the end of their line, on lines of their own, inside lists (with the comma before them)', () => {
  const text = [
    '#!header   ',
    'name = "vm"   # the name',
    '   # indented note',
    'disk = [ # the disks',
    '  "a" # first',
    '  , "b",',
    '# "c",',
    '',
    '',
    '  "d"',
    '  # last',
    '  ]  # end',
    '',
    '',
    '',
  ].join('\n');
  assert.equal(
    fmt(text),
    ['#!header', 'name = "vm"   # the name', '# indented note', 'disk = [ # the disks', '    "a", # first', '    "b",', '    # "c",', '', '    "d",', '    # last', ']  # end', ''].join('\n'),
  );
});

test('a file with syntax errors is left as it is, and says why', () => {
  for (const text of ['memory = 1024M\nname="x"\n', 'disk = [ "a"\n', 'name = "vm"\r\n', 'memory = 512\n# no newline']) {
    const r = formatText(text);
    assert.equal(r.text, text);
    assert.match(r.skipped ?? '', /syntax errors/);
  }
});

test('the check refuses a result that would read differently (the guard behind every edit)', () => {
  const tree = parse('disk = [ "a", "b" ]\n# note\n');
  assert.equal(readsTheSame(tree, 'disk = [ "a", "b" ]\n# note\n'), undefined);
  assert.match(readsTheSame(tree, 'disk = [ "a" ]\n# note\n')!, /'disk'/);
  assert.match(readsTheSame(tree, 'disk = [ "a", "b" ]\n')!, /comment/);
  assert.match(readsTheSame(tree, 'disk = [ "a", "b" ] x\n# note\n')!, /syntax/);
});

test('edits touch only the gaps between the pieces: names, values and comments are never rewritten', () => {
  const text = 'name="vm"  #  x\ndisk=[ "a" ,"b" ]\n';
  const { edits } = formatTree(parse(text));
  for (const e of edits) assert.match(text.slice(e.start, e.end), /^[ \t\n,;]*$/, JSON.stringify(e));
});

/** The guarantees, on one file. */
function assertGuarantees(text: string, what: string): void {
  const r = formatText(text);
  const tree = parse(text);
  if (tree.problems.length) {
    assert.equal(r.text, text, `${what}: a file with syntax errors changed`);
    return;
  }
  assert.equal(r.skipped, undefined, `${what}: skipped: ${r.skipped}`);
  assert.equal(readsTheSame(tree, r.text), undefined, `${what}: reads differently\n--- before\n${text}\n--- after\n${r.text}`);
  const again = formatText(r.text);
  assert.equal(again.text, r.text, `${what}: formatting twice changes more\n--- once\n${r.text}\n--- twice\n${again.text}`);
}

test('on 3,000 generated files written every which way: same settings for xl, every comment, idempotent', () => {
  let formatted = 0;
  for (let seed = 1; seed <= 3000; seed++) {
    const text = messyConfig(seed);
    assertGuarantees(text, `messy config seed ${seed}`);
    if (!parse(text).problems.length) formatted++;
  }
  assert.ok(formatted > 2000, `most generated files are well-formed (${formatted})`);
});

test('on every corpus file (when the corpus is there)', (t) => {
  const files = corpusFiles();
  if (!files.length) {
    t.skip('corpus not found');
    return;
  }
  for (const f of files) assertGuarantees(decodeBytes(readFileSync(f)).text, f);
});
