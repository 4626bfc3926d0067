/**
 * setting-reassigned: a key set again with '=' throws the earlier value away.
 * Fires on the ignored assignment (greyed as unnecessary), stays silent on
 * '+=' and on single assignments, offers '+=' only where the target release
 * has it and the values join, and its fixes go through the fix harness.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { fixesFor } from '../../server/src/check/fixes';
import type { CheckOptions } from '../../server/src/check/options';
import { buildSettings, xlEffective } from '../../server/src/model/settings';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { parse } from '../../server/src/syntax/parser';
import { assertFixIsClean, assertNoFix } from './fixHarness';

const CODE = 'setting-reassigned';
const xen = (v: string): CheckOptions => ({ xen: parseXenVersion(v)! });
const found = (text: string, options: CheckOptions = {}) => checkText(text, options).diagnostics.filter((d) => d.code === CODE);

const TWO_LISTS = 'name = "vm"\nchannel = [ "name=a.b.0,connection=pty" ]\nchannel = [ "name=c.d.0,connection=pty" ]\n';

test('a list set twice: a warning on the first assignment, greyed, pointing at the second', () => {
  const [d, ...more] = found(TWO_LISTS);
  assert.equal(more.length, 0);
  assert.equal(d.severity, 'warning');
  assert.equal(d.effect, 'ignored');
  assert.deepEqual(d.tags, ['unnecessary']);
  assert.equal(TWO_LISTS.slice(d.start, d.end), 'channel = [ "name=a.b.0,connection=pty" ]');
  assert.equal(d.message, "'channel' is set again on line 3: this assignment is ignored (xl keeps only the last '='). Did you mean '+=' on line 3?");
  assert.equal(d.related?.length, 1);
  assert.equal(TWO_LISTS.slice(d.related![0].start, d.related![0].end), 'channel = [ "name=c.d.0,connection=pty" ]');
});

test("the '+=' fix keeps both values, as libxlu stores them", () => {
  const r = assertFixIsClean(TWO_LISTS, CODE, "Append with '+=' on line 3", {
    expect: 'name = "vm"\nchannel = [ "name=a.b.0,connection=pty" ]\nchannel += [ "name=c.d.0,connection=pty" ]\n',
  });
  assert.ok(r.fix.preferred);
  assert.deepEqual(xlEffective(parse(TWO_LISTS)).get('channel'), ['name=c.d.0,connection=pty']);
  assert.deepEqual(xlEffective(parse(r.out)).get('channel'), ['name=a.b.0,connection=pty', 'name=c.d.0,connection=pty']);
});

test("no '+=' where the release lacks it (before 4.13, the 2014 proposal): the warning says nothing about it", () => {
  for (const v of ['4.12', 'seed-2014']) {
    const [d] = found(TWO_LISTS, xen(v));
    assert.ok(d, v);
    assert.doesNotMatch(d.message, /\+=/, v);
    assertNoFix(TWO_LISTS, CODE, 'Append', { check: xen(v) });
  }
  // On 4.13 the kept first channel lands on console 0 (a real finding the fix uncovers).
  assertFixIsClean(TWO_LISTS, CODE, 'Append', { check: xen('4.13'), allowNew: ['xen-first-channel-lost'] });
});

test("no '+=' for numbers (they would be glued together) or a list after a string; removing the ignored line instead", () => {
  const numbers = 'memory = 512\nvcpus = 2\nmemory = 1024\n';
  const [d] = found(numbers);
  assert.doesNotMatch(d.message, /\+=/);
  assertNoFix(numbers, CODE, 'Append');
  assertFixIsClean(numbers, CODE, 'Remove the ignored assignment', { expect: 'vcpus = 2\nmemory = 1024\n' });
  const mixed = 'disk = "a"\ndisk = [ "b" ]\n';
  assertNoFix(mixed, CODE, 'Append');
  // Strings join: extra = "a" then extra = " b" may well have meant '+='.
  assertFixIsClean('extra = "console=hvc0"\nextra = " quiet"\n', CODE, 'Append', { expect: 'extra = "console=hvc0"\nextra += " quiet"\n' });
});

test('removal is not offered when it would take a comment or another statement with it', () => {
  assertNoFix('memory = 512 # the old size\nmemory = 1024\n', CODE, 'Remove');
  assertNoFix('memory = 512; vcpus = 2\nmemory = 1024\n', CODE, 'Remove');
  assertNoFix('disk = [ "a", # first\n  "b" ]\ndisk = [ "c" ]\n', CODE, 'Remove');
  // A multi-line list without comments goes as a whole.
  assertFixIsClean('disk = [\n  "a",\n]\ndisk = [ "c" ]\n', CODE, 'Remove', { expect: 'disk = [ "c" ]\n' });
});

test("a chain of '=' and '+=' before another '=': each ignored assignment is reported; one fix keeps them all", () => {
  // (Disks xl can read: the fix makes the first two count, and the device rules check them.)
  const [a, b, c] = ['"/a,raw,xvda"', '"/b,raw,xvdb"', '"/c,raw,xvdc"'];
  const text = `disk = [ ${a} ]\ndisk += [ ${b} ]\ndisk = [ ${c} ]\n`;
  const ds = found(text);
  assert.deepEqual(ds.map((d) => text.slice(d.start, d.end)), [`disk = [ ${a} ]`, `disk += [ ${b} ]`]);
  assert.match(ds[1].message, /what this '\+=' adds is ignored/);
  const r = assertFixIsClean(text, CODE, 'Append', { index: 1 });
  assert.equal(r.out, `disk = [ ${a} ]\ndisk += [ ${b} ]\ndisk += [ ${c} ]\n`);
  assert.equal(found(r.out).length, 0);
});

test("'+=' only on the last '=' of the key (a later '=' would throw the values away again)", () => {
  const text = 'vif = [ "bridge=a" ]\nvif = [ "bridge=b" ]\nvif = [ "bridge=c" ]\n';
  const ds = found(text);
  assert.equal(ds.length, 2);
  assert.doesNotMatch(ds[0].message, /\+=/);
  assertNoFix(text, CODE, 'Append', { index: 0 });
  assertFixIsClean(text, CODE, "Append with '+=' on line 3", { index: 1, expect: 'vif = [ "bridge=a" ]\nvif = [ "bridge=b" ]\nvif += [ "bridge=c" ]\n' });
});

test('silent: one assignment per key, appends, different keys, statements xl cannot read', () => {
  assert.deepEqual(found('disk = [ "a" ]\ndisk += [ "b" ]\nextra = "a"\nextra += "b"\n'), []);
  assert.deepEqual(found('memory = 512\nmaxmem = 512\n'), []);
  assert.deepEqual(found('disk += [ "a" ]\ndisk += [ "b" ]\n'), []);
  // The second one is broken: xl stops there and never stores it.
  assert.deepEqual(found('memory = 512\nmemory = 1024M\n'), []);
});

test('a setting can change its severity: the finding keeps its message, related place and fixes', () => {
  const [plain] = found(TWO_LISTS);
  const [d] = found(TWO_LISTS, { rules: { [CODE]: 'error' } });
  assert.equal(d.severity, 'error');
  assert.equal(plain.severity, 'warning');
  assert.equal(d.message, plain.message);
  assert.deepEqual(d.related, plain.related);
  assert.deepEqual(d.data, plain.data);
  assert.deepEqual(d.tags, ['unnecessary']);
  const doc = checkText(TWO_LISTS, { rules: { [CODE]: 'error' } });
  assert.ok(fixesFor(doc.diagnostics.find((x) => x.code === CODE)!, doc).some((f) => f.title === "Append with '+=' on line 3 (keep both values of 'channel')"));
});

test('a finding written as JSON holds everything it says (message, related place, tags, fix data)', () => {
  const [d] = found(TWO_LISTS);
  const j = JSON.parse(JSON.stringify(d));
  assert.equal(j.code, CODE);
  assert.equal(j.message, d.message);
  assert.deepEqual(j.related, [{ start: d.related![0].start, end: d.related![0].end, message: "'channel' is set again here" }]);
  assert.deepEqual(j.tags, ['unnecessary']);
  const line2 = TWO_LISTS.indexOf('channel');
  assert.deepEqual(j.data, { key: 'channel', line: 3, append: { start: TWO_LISTS.indexOf('=', TWO_LISTS.lastIndexOf('channel')), end: TWO_LISTS.indexOf('=', TWO_LISTS.lastIndexOf('channel')) + 1 }, remove: { start: line2, end: TWO_LISTS.indexOf('\n', line2) + 1 } });
});

test('a setting can turn it off, and a comment can silence it (xl does not refuse the file)', () => {
  assert.deepEqual(found(TWO_LISTS, { rules: { [CODE]: 'off' } }), []);
  const doc = checkText(TWO_LISTS);
  const d = doc.diagnostics.find((x) => x.code === CODE)!;
  assert.ok(fixesFor(d, doc).some((f) => f.title.startsWith('Disable')));
});

test("each setting knows its key's place among the file's distinct keys (what the rules index by)", () => {
  const text = 'a = 1\nb = "x"\na = 2\nc += [ "y" ]\nb += "z"\nbroken = \nc = [ "w" ]\n';
  const model = buildSettings(parse(text));
  const keys = [...model.effective.keys()];
  assert.deepEqual(keys, ['a', 'b', 'c']);
  for (const s of model.settings) assert.equal(keys[s.keyIndex], s.name, s.name);
  for (const e of model.effective.values()) assert.equal(keys[e.keyIndex], e.name);
  // The reassigned keys, found by that index: 'a' and 'c' are set again with '='.
  assert.deepEqual(found(text).map((d) => text.slice(d.start, d.end)), ['a = 1', 'c += [ "y" ]']);
});
