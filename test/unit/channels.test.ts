/**
 * Channel rules: each one both ways (found where it should be, with its exact
 * range, and silent on correct input), in both dialects, and their fixes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findCorpus } from '../corpus';
import { checkText } from '../../server/src/check';
import type { Diagnostic } from '../../server/src/check/diagnostic';
import { applyEdits } from '../../server/src/check/edit';
import { channelFixes, snippetToPlain } from '../../server/src/check/fixes/channelFixes';
import type { CheckOptions } from '../../server/src/check/options';
import { parseXenVersion } from '../../server/src/model/xenVersion';

const xen = (v: string) => parseXenVersion(v)!;

function channelDiags(text: string, options: CheckOptions = {}): Diagnostic[] {
  return checkText(text, options).diagnostics.filter((d) => d.code.startsWith('channel-'));
}

/** A config with one channel list; items are written as given (quotes included). */
function cfg(...items: string[]): string {
  return `name = "vm1"\nchannel = [ ${items.join(', ')} ]\n`;
}

/** Asserts exactly these diagnostics: [code, severity, text of the range]. */
function expect(text: string, expected: Array<[string, string, string]>, options: CheckOptions = {}): Diagnostic[] {
  const ds = channelDiags(text, options);
  const got = ds.map((d) => [d.code, d.severity, text.slice(d.start, d.end)]);
  assert.deepEqual(got, expected, `for ${JSON.stringify(text)}:\n${ds.map((d) => `  ${d.code}: ${d.message}`).join('\n')}`);
  return ds;
}

/** Applies the diagnostic's fix; checks the result and that only the fix's own bytes changed. */
function applyFix(text: string, d: Diagnostic, options: CheckOptions = {}): string {
  const fixes = channelFixes(d);
  assert.ok(fixes.length > 0, `no fix for ${d.code}`);
  const edits = fixes[0].edits;
  const out = applyEdits(text, edits);
  // Every byte outside the edited ranges is unchanged.
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  let prev = 0;
  for (const e of sorted) {
    assert.equal(out.slice(prev + shift, e.start + shift), text.slice(prev, e.start), 'text before an edit changed');
    shift += e.newText.length - (e.end - e.start);
    prev = e.end;
  }
  assert.equal(out.slice(prev + shift), text.slice(prev), 'text after the edits changed');
  const after = checkText(out, options).diagnostics;
  assert.ok(!after.some((x) => x.code === d.code && x.start === d.start + 0 && x.message === d.message), `${d.code} is still there after "${fixes[0].title}":\n${out}`);
  const before = checkText(text, options).diagnostics.filter((x) => x.severity === 'error').length;
  const errorsAfter = after.filter((x) => x.severity === 'error');
  assert.ok(errorsAfter.length < before || (d.severity !== 'error' && errorsAfter.length <= before), `the fix adds errors:\n${out}\n${errorsAfter.map((x) => x.code + ': ' + x.message).join('\n')}`);
  return out;
}

test('a correct upstream config has no channel diagnostics', () => {
  expect(cfg('"name=org.qemu.guest_agent.0,connection=socket,path=/run/xen/qga.sock"', "'name=org.example.log.0,connection=pty'"), []);
  expect(cfg('" name = a.b.0 , connection = pty "'), []); // upstream trims
  expect('channel = []\n', []);
});

test('channel-not-list: a single string, and its wrap fix', () => {
  const text = 'channel = "name=a.b.0,connection=pty"\n';
  const [d] = expect(text, [['channel-not-list', 'error', '"name=a.b.0,connection=pty"']]);
  assert.equal(applyFix(text, d), 'channel = [ "name=a.b.0,connection=pty" ]\n');
});

test('channel-item-not-string: a nested list stops xl; later items are ignored and not checked', () => {
  const text = cfg('"name=a.b.0,connection=pty"', '[ "x" ]', '"bogus"');
  const [d] = expect(text, [['channel-item-not-string', 'error', '[ "x" ]']]);
  assert.equal(d.related?.length, 1);
  assert.equal(text.slice(d.related![0].start, d.related![0].end), '"bogus"');
});

test('channel-empty-item: empty or comma-only entries, both dialects, with the remove fix', () => {
  for (const item of ['""', '","', '",,"']) {
    const text = cfg('"name=a.b.0,connection=pty"', item);
    const [d] = expect(text, [['channel-empty-item', 'error', item]]);
    assert.match(d.message, /crashes/);
    assert.equal(applyFix(text, d), cfg('"name=a.b.0,connection=pty"').replace('pty" ]', 'pty" ]').replace(/ \]$/m, ' ]'));
  }
  const seed = cfg('"name=a,type=pty"', '""');
  const [s] = expect(seed, [['channel-empty-item', 'error', '""']], { dialect: 'seed' });
  assert.match(s.message, /without a name/);
});

test('channel-piece-without-equals: upstream error (comma in a path), seed warning that hides the rest', () => {
  const text = cfg('"name=a.b.0,connection=socket,path=/run/a,b.sock"');
  const [d] = expect(text, [['channel-piece-without-equals', 'error', 'b.sock']]);
  assert.match(d.message, /failed to parse channel configuration: b\.sock/);
  assert.match(d.message, /cannot contain a comma/);
  // seed: 'oops' ends the item silently, so the path after it is never read (not even as ignored).
  const seed = cfg('"name=a,type=pty,oops,path=/x"');
  const [s] = expect(seed, [['channel-piece-without-equals', 'warning', 'oops']], { dialect: 'seed' });
  assert.deepEqual(s.tags, ['unnecessary']);
  assert.equal(seed.slice(s.related![0].start, s.related![0].end), 'path=/x');
});

test('channel-empty-value and channel-empty-key, by release', () => {
  expect(cfg('"name=,connection=pty"'), [
    ['channel-missing-name', 'error', '"name=,connection=pty"'],
    ['channel-empty-value', 'error', 'name='],
  ]);
  const text = cfg('"=a,name=b.c.0,connection=pty"');
  expect(text, [['channel-empty-key', 'warning', '=a']], { xen: xen('4.18') });
  expect(text, [['channel-empty-key', 'error', '=a']], { xen: xen('4.17') });
});

test('channel-unknown-key: suggestion, type= in upstream, with the rename fix', () => {
  const text = cfg('"Name=a.b.0,connection=pty"');
  const ds = expect(text, [
    ['channel-missing-name', 'error', '"Name=a.b.0,connection=pty"'],
    ['channel-unknown-key', 'warning', 'Name'],
  ]);
  assert.match(ds[1].message, /Did you mean 'name'/);
  const fixed = applyFix(text, ds[1]);
  assert.equal(fixed, cfg('"name=a.b.0,connection=pty"'));
  expect(cfg('"name=a.b.0,conection=pty"'), [
    ['channel-missing-connection', 'error', '"name=a.b.0,conection=pty"'],
    ['channel-unknown-key', 'warning', 'conection'],
  ]);
});

test('seed items in an upstream file: missing connection with the convert fix', () => {
  const text = cfg('"name=a.b.0,type=socket,path=/run/a.sock"');
  const ds = expect(text, [
    ['channel-seed-dialect', 'error', 'channel'],
    ['channel-missing-connection', 'error', '"name=a.b.0,type=socket,path=/run/a.sock"'],
    ['channel-unknown-key', 'warning', 'type'],
  ], { dialect: 'upstream' });
  assert.match(ds[1].message, /2014 proposal/);
  assert.equal(applyFix(text, ds[1], { dialect: 'upstream' }), cfg('"name=a.b.0,connection=socket,path=/run/a.sock"'));
  const none = cfg('"name=a.b.0,type=none"');
  const [, n] = expect(none, [['channel-seed-dialect', 'error', 'channel'], ['channel-missing-connection', 'error', '"name=a.b.0,type=none"'], ['channel-unknown-key', 'warning', 'type']], { dialect: 'upstream' });
  assert.match(n.message, /no equivalent/);
});

test('channel-duplicate-key: earlier name= is ignored, with the remove fix', () => {
  const text = cfg('"name=a.b.0,name=c.d.0,connection=pty"');
  const [d] = expect(text, [['channel-duplicate-key', 'warning', 'name=a.b.0']]);
  assert.equal(applyFix(text, d), cfg('"name=c.d.0,connection=pty"'));
});

test('channel-missing-name and its snippet fix', () => {
  const text = cfg('"connection=pty"');
  const [d] = expect(text, [['channel-missing-name', 'error', '"connection=pty"']]);
  const fix = channelFixes(d, { snippets: true })[0];
  assert.equal(fix.edits[0].snippet, true);
  assert.match(fix.edits[0].newText, /^name=\$\{1:org\.example\.agent\.0\},$/);
  assert.equal(applyFix(text, d), cfg('"name=org.example.agent.0,connection=pty"'));
});

test('channel-empty-name: accepted by xl, warned', () => {
  expect(cfg('"name= ,connection=pty"'), [['channel-empty-name', 'warning', 'name= ']]);
});

test('channel-duplicate-name: both places, across items', () => {
  const ds = expect(cfg('"name=a.b.0,connection=pty"', '"name=a.b.0,connection=socket,path=/run/x.sock"'), [
    ['channel-duplicate-name', 'error', 'a.b.0'],
    ['channel-duplicate-name', 'error', 'a.b.0'],
  ]);
  assert.notEqual(ds[0].start, ds[1].start);
  assert.equal(ds[0].related![0].start, ds[1].start);
});

test('channel-missing-connection (upstream) and channel-no-output (seed)', () => {
  const text = cfg('"name=a.b.0"');
  const [d] = expect(text, [['channel-missing-connection', 'error', '"name=a.b.0"']]);
  assert.match(applyFix(text, d), /"name=a\.b\.0,connection=pty"/);
  expect(cfg('"name=a"'), [['channel-no-output', 'information', '"name=a"']], { dialect: 'seed' });
});

test('channel-unknown-connection: case, libvirt words, seed file/path, and the replace fix', () => {
  const text = cfg('"name=a.b.0,connection=PTY"');
  const [d] = expect(text, [['channel-unknown-connection', 'error', 'PTY']]);
  assert.match(d.message, /unknown channel connection 'PTY'/);
  assert.equal(applyFix(text, d), cfg('"name=a.b.0,connection=pty"'));
  const unix = expect(cfg('"name=a.b.0,connection=unix,path=/run/x.sock"'), [['channel-unknown-connection', 'error', 'unix']]);
  assert.match(unix[0].message, /Did you mean 'socket'/);
  const file = expect(cfg('"name=a.b.0,connection=file,path=/x"'), [['channel-unknown-connection', 'error', 'file']]);
  assert.match(file[0].message, /no file or none channels/);
  const seedFile = expect(cfg('"name=a,type=file,path=/var/log/x"'), [['channel-unknown-connection', 'error', 'file']], { dialect: 'seed' });
  assert.match(seedFile[0].message, /Did you mean 'path'/);
  expect(cfg('"name=a,type=pty "'), [['channel-unknown-connection', 'error', 'pty ']], { dialect: 'seed' });
});

test('channel-duplicate-connection: upstream last wins (warning), seed stops (error)', () => {
  expect(cfg('"name=a.b.0,connection=socket,connection=pty"'), [
    ['channel-duplicate-connection', 'warning', 'connection=socket'],
    ['channel-duplicate-connection', 'warning', 'connection=pty'],
  ]);
  expect(cfg('"name=a.b.0,connection=pty,connection=socket"'), [
    ['channel-duplicate-connection', 'warning', 'connection=pty'],
    ['channel-duplicate-connection', 'warning', 'connection=socket'],
    ['channel-missing-path', 'error', 'socket'],
  ]);
  const seed = cfg('"name=a,type=pty,type=socket"');
  const [d] = expect(seed, [['channel-duplicate-connection', 'error', 'type=socket']], { dialect: 'seed' });
  assert.match(d.message, /only one output/);
  expect(cfg('"name=a,type=none,type=pty"'), [], { dialect: 'seed' });
});

test('channel-missing-path: upstream socket, seed socket and path, with the suggested path', () => {
  const text = cfg('"name=org.example.agent.0,connection=socket"');
  const [d] = expect(text, [['channel-missing-path', 'error', 'socket']]);
  assert.equal(applyFix(text, d), cfg('"name=org.example.agent.0,connection=socket,path=/run/xen/vm1-org.example.agent.0.sock"'));
  expect(cfg('"name=a,type=socket"'), [['channel-missing-path', 'error', 'socket']], { dialect: 'seed' });
  expect(cfg('"name=a,type=path"'), [['channel-missing-path', 'error', 'path']], { dialect: 'seed' });
  expect(cfg('"name=a,type=pty"'), [], { dialect: 'seed' });
});

test('channel-ignored-path: pty (upstream), none and pty (seed), with the remove fix', () => {
  const text = cfg('"name=a.b.0,connection=pty,path=/tmp/x"');
  const [d] = expect(text, [['channel-ignored-path', 'warning', 'path=/tmp/x']]);
  assert.equal(applyFix(text, d), cfg('"name=a.b.0,connection=pty"'));
  expect(cfg('"name=a,type=none,path=/tmp/x"'), [['channel-ignored-path', 'warning', 'path=/tmp/x']], { dialect: 'seed' });
});

test('channel-relative-path and channel-path-too-long (bytes, not characters)', () => {
  expect(cfg('"name=a.b.0,connection=socket,path=x.sock"'), [['channel-relative-path', 'warning', 'x.sock']]);
  const ok = '/' + 'a'.repeat(106);
  expect(cfg(`"name=a.b.0,connection=socket,path=${ok}"`), []);
  const long = '/' + 'a'.repeat(107);
  expect(cfg(`"name=a.b.0,connection=socket,path=${long}"`), [['channel-path-too-long', 'error', long]]);
  const wide = '/' + 'é'.repeat(54); // 109 bytes, 55 characters
  expect(cfg(`"name=a.b.0,connection=socket,path=${wide}"`), [['channel-path-too-long', 'error', wide]]);
});

test('channel-duplicate-path across socket channels', () => {
  expect(cfg('"name=a.b.0,connection=socket,path=/run/x.sock"', '"name=c.d.0,connection=socket,path=/run/x.sock"'), [
    ['channel-duplicate-path', 'error', '/run/x.sock'],
    ['channel-duplicate-path', 'error', '/run/x.sock'],
  ]);
});

test("channel-value-equals: before 4.18 xl drops what follows a second '='", () => {
  const text = cfg('"name=a.b.0,connection=socket,path=/run/x=y.sock"');
  const [d] = expect(text, [['channel-value-equals', 'warning', '=y.sock']], { xen: xen('4.17') });
  assert.match(d.message, /keeps only "\/run\/x"/);
  expect(text, [], { xen: xen('4.18') });
});

test('ranges stay exact through escapes and single quotes', () => {
  const text = 'channel = [ "name=a\\tb.c.0,\\\\x=1,connection=PTY" ]\n';
  const ds = channelDiags(text);
  const conn = ds.find((d) => d.code === 'channel-unknown-connection')!;
  assert.equal(text.slice(conn.start, conn.end), 'PTY');
  const key = ds.find((d) => d.code === 'channel-unknown-key')!;
  assert.equal(text.slice(key.start, key.end), '\\\\x');
  const fixed = applyFix(text, conn);
  assert.equal(fixed, text.replace('PTY', 'pty'));
});

test('channel-backend-invalid', () => {
  expect(cfg('"name=a.b.0,connection=pty,backend=0"', '"name=c.d.0,connection=pty,backend=driver-dom.1"'), []);
  expect(cfg('"name=a.b.0,connection=pty,backend=my dom"'), [['channel-backend-invalid', 'warning', 'my dom']]);
  expect(cfg('"name=a.b.0,connection=pty,backend=99999"'), [['channel-backend-invalid', 'warning', '99999']]);
  expect(cfg('"name=a.b.0,connection=pty,backend=0d7a8f3c-6b1e-4a0e-9b55-3c2f1e0d9a11"'), [['channel-backend-invalid', 'warning', '0d7a8f3c-6b1e-4a0e-9b55-3c2f1e0d9a11']]);
});

test('channel-name-style is off by default and a hint when enabled', () => {
  const text = cfg('"name=agent,connection=pty"');
  expect(text, []);
  expect(text, [['channel-name-style', 'hint', 'agent']], { rules: { 'channel-name-style': 'hint' } });
  expect(cfg('"name=org.example.agent.0,connection=pty"'), [], { rules: { 'channel-name-style': 'hint' } });
});

test('channel-value-quote: a quote in a name is a hint', () => {
  expect(cfg("'name=a\"b.c.0,connection=pty'"), [['channel-value-quote', 'hint', 'a"b.c.0']]);
});

test('channel-mixed-dialect: connection= items in a file for the 2014 proposal are read as the seed xl reads them', () => {
  const text = cfg('"name=a.b.0,type=pty"', '"name=c.d.0,type=pty"', '"name=e.f.0,connection=pty"');
  const ds = channelDiags(text, { xen: xen('seed-2014') });
  const mixed = ds.find((d) => d.code === 'channel-mixed-dialect')!;
  assert.equal(text.slice(mixed.start, mixed.end), 'channel');
  assert.equal(mixed.effect, 'style');
  assert.ok(ds.some((d) => d.code === 'channel-unknown-key' && text.slice(d.start, d.end) === 'connection'), 'the connection= item is read as seed');
  // Only type= items on the seed target, or only connection= items on a release: no dialect finding.
  assert.ok(!channelDiags(cfg('"name=a.b.0,type=pty"'), { xen: xen('seed-2014') }).some((d) => d.code === 'channel-mixed-dialect'));
  assert.ok(!channelDiags(cfg('"name=a.b.0,connection=pty"')).some((d) => /dialect/.test(d.code)));
});

test('dialect auto: type= channels are read as the 2014 xl reads them only for seed-2014; for a release they are an error (xl refuses), with the conversion', () => {
  const text = cfg('"name=null0,type=none"', '"name=tty0,type=pty"', '"name=log0,type=path,path=/var/log/x.log"', '"name=ctl0,type=socket,path=/run/x.sock"');
  expect(text, [], { xen: xen('seed-2014') });
  const ds = channelDiags(text);
  const d = ds.find((x) => x.code === 'channel-seed-dialect')!;
  assert.equal(text.slice(d.start, d.end), 'channel');
  assert.equal(d.severity, 'error');
  assert.equal(d.effect, 'xl-refuses');
  assert.match(d.message, /no released equivalent/);
  assert.equal(d.related?.length, 4);
  // Each item is read as released xl reads it: type= is unknown, connection= is missing.
  assert.equal(ds.filter((x) => x.code === 'channel-missing-connection').length, 4);
  expect('# xlcfg: xen=seed-2014\n' + text, []);
  // Entries that have a released equivalent convert cleanly, and then nothing is left.
  const convertible = cfg('"name=tty0,type=pty"', '"name=ctl0,type=socket,path=/run/x.sock"');
  const c = channelDiags(convertible).find((x) => x.code === 'channel-seed-dialect')!;
  const converted = applyFix(convertible, c);
  assert.equal(converted, convertible.replace('type=pty', 'connection=pty').replace('type=socket', 'connection=socket'));
  expect(converted, []);
});

test('+= lists: items from every assignment are checked, each at its own place', () => {
  const text = 'channel = [ "name=a.b.0,connection=pty" ]\nchannel += [ "name=a.b.0,connection=PTY" ]\n';
  const ds = channelDiags(text);
  assert.deepEqual(ds.map((d) => [d.code, text.slice(d.start, d.end)]), [
    ['channel-duplicate-name', 'a.b.0'],
    ['channel-duplicate-name', 'a.b.0'],
    ['channel-unknown-connection', 'PTY'],
  ]);
});

test('in-file suppression and per-rule severity', () => {
  const text = `name = "vm1"\n# xlcfg-disable-next-line channel-relative-path\nchannel = [ "name=a.b.0,connection=socket,path=x.sock" ]\n`;
  assert.deepEqual(channelDiags(text), []);
  const t2 = cfg('"name=a.b.0,connection=socket,path=x.sock"');
  expect(t2, [['channel-relative-path', 'error', 'x.sock']], { rules: { 'channel-relative-path': 'error' } });
  expect(t2, [], { rules: { 'channel-relative-path': 'off' } });
});

test('snippetToPlain keeps placeholder defaults and first choices', () => {
  assert.equal(snippetToPlain('a=${1:x},b=${2|p,q|},c=$3'), 'a=x,b=p,c=');
});

test('corpus: the files with channels are clean upstream, and every file checks in both dialects', (t) => {
  const dir = findCorpus();
  if (!dir) {
    t.skip('corpus not found');
    return;
  }
  const listed = readFileSync(join(dir, 'CHANNELS.txt'), 'utf8').split('\n').filter((l) => /^\S+\.cfg$/.test(l.trim()));
  assert.ok(listed.length >= 2);
  for (const rel of listed) {
    const text: string = readFileSync(join(dir, rel.trim()), 'utf8');
    assert.deepEqual(channelDiags(text, { dialect: 'upstream' }).map((d) => d.code), [], rel);
    assert.deepEqual(channelDiags(text).map((d) => d.code), [], `${rel} (auto)`);
    const seed = channelDiags(text, { dialect: 'seed' }).map((d) => d.code);
    assert.ok(seed.includes('channel-unknown-key') && seed.includes('channel-no-output'), `${rel} read as seed: ${seed.join(', ')}`);
  }
  for (const sub of ['xl', 'xm', 'libvirt-xlconfigdata']) {
    for (const f of readdirSync(join(dir, sub))) {
      const text = readFileSync(join(dir, sub, f), 'latin1');
      for (const dialect of ['upstream', 'seed'] as const) checkText(text, { dialect });
    }
  }
});

test('examples: the bundled good configs are clean; mistakes.cfg shows each mistake', () => {
  for (const f of ['pv-guest-agent.cfg', 'hvm-channels.cfg', 'seed-dialect.cfg' /* marked xen=seed-2014 */]) {
    const text = readFileSync(join('examples', f), 'utf8');
    assert.deepEqual(checkText(text).diagnostics.map((d) => `${d.code}: ${d.message}`), [], f);
  }
  const codes = checkText(readFileSync('examples/mistakes.cfg', 'utf8')).diagnostics.map((d) => d.code);
  for (const c of ['channel-missing-name', 'channel-unknown-connection', 'channel-duplicate-name', 'channel-missing-path', 'channel-ignored-path', 'channel-relative-path', 'channel-missing-connection']) {
    assert.ok(codes.includes(c as never), `mistakes.cfg shows ${c}`);
  }
});

test('a group of duplicates: every member is flagged, each lists at most 3 of the others (two list them all)', () => {
  for (const n of [2, 4, 12]) {
    const text = cfg(...Array.from({ length: n }, (_, i) => `"name=a.b.${i},connection=socket,path=/run/x.sock"`));
    const ds = channelDiags(text).filter((d) => d.code === 'channel-duplicate-path');
    assert.equal(ds.length, n);
    for (const d of ds) {
      assert.equal(d.related?.length, Math.min(n - 1, 3));
      // Never the finding's own place.
      assert.ok(d.related!.every((r) => r.start !== d.start));
    }
  }
});
