/**
 * Release-aware rules, each tested on both sides of its version boundary.
 */
import { keyHistory } from '../../server/src/lsp/markdown';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { losesFirstChannel } from '../../server/src/check/releaseRules';
import { parseXenVersion } from '../../server/src/model/xenVersion';

const v = (s: string) => parseXenVersion(s)!;

function codes(text: string, xen: string, fileName?: string): string[] {
  return checkText(text, { xen: v(xen), fileName }).diagnostics.map((d) => d.code);
}

function has(text: string, xen: string, code: string, fileName?: string): boolean {
  return codes(text, xen, fileName).includes(code);
}

const TWO = 'name = "g"\nmemory = 512\nchannel = [ "name=a.b.0,connection=pty", "name=c.d.0,connection=socket,path=/run/x.sock" ]\n';
const ONE = 'name = "g"\nchannel = [ "name=a.b.0,connection=pty" ]\n';

test('no release of xl gives two channels the same chardev id (xl numbers them by list index)', () => {
  for (const x of ['seed-2014', '4.5.0', '4.8', '4.10', '4.11', '4.20']) {
    const text = x === 'seed-2014' ? TWO.replace(/connection=/g, 'type=') : TWO;
    assert.ok(!codes(text, x).some((c) => c.includes('chardev')), x);
  }
});

test('xen-first-channel-lost: 4.11.0-4.18.4, 4.19.0-4.19.1, 4.20.0', () => {
  const affected = ['4.11.0', '4.15', '4.17.3', '4.18.0', '4.18.4', '4.19.0', '4.19.1', '4.20.0'];
  const fine = ['4.10', '4.10.4', '4.18.5', '4.18', '4.19.2', '4.19', '4.20.1', '4.20', '4.21', '4.21.0', 'seed-2014'];
  for (const x of affected) assert.ok(losesFirstChannel(v(x)) && has(ONE, x, 'xen-first-channel-lost'), x);
  for (const x of fine) assert.ok(!losesFirstChannel(v(x)) && !has(ONE, x, 'xen-first-channel-lost'), x);
  assert.ok(!has('name = "g"\n', '4.18.0', 'xen-first-channel-lost'), 'no channel, nothing lost');
});

test('xen-key-unknown: keys by release, typos with a suggestion', () => {
  assert.ok(has(ONE, '4.4', 'xen-key-unknown'), 'channel before 4.5');
  assert.ok(!has(ONE, '4.5', 'xen-key-unknown'));
  const typed = 'type = "pvh"\n';
  assert.ok(has(typed, '4.9', 'xen-key-unknown'));
  assert.ok(!has(typed, '4.10', 'xen-key-unknown'));
  const pvh = 'pvh = 1\n';
  assert.ok(!has(pvh, '4.8', 'xen-key-unknown'));
  assert.ok(has(pvh, '4.9', 'xen-key-unknown'), 'pvh= was no longer read from 4.9');
  const typo = 'memroy = 512\n';
  const d = checkText(typo, { xen: v('4.20') }).diagnostics.find((x) => x.code === 'xen-key-unknown')!;
  assert.equal(d.severity, 'warning');
  assert.match(d.message, /Did you mean 'memory'/);
  assert.equal(typo.slice(d.start, d.end), 'memroy');
  const other = checkText('dt_compatible = [ "x" ]\n', { xen: v('4.20') }).diagnostics.find((x) => x.code === 'xen-key-unknown')!;
  assert.equal(other.severity, 'information');
  assert.ok(!has(typo, '4.20', 'xen-key-unknown', '/etc/xen/xl.conf'), 'xl.conf has its own keys');
});

test('xen-key-unknown as JSON and at a configured severity: the message and the fix stay whole', () => {
  const text = 'name = "g"\nmemroy = 512\nzzqqxx = 1\n';
  const pick = (rules?: Record<string, 'error'>) => checkText(text, { xen: v('4.20'), rules }).diagnostics.filter((x) => x.code === 'xen-key-unknown');
  const [typo, noGuess] = pick();
  assert.deepEqual(JSON.parse(JSON.stringify(typo)), {
    code: 'xen-key-unknown',
    severity: 'warning',
    effect: typo.effect,
    message: "xl does not read 'memroy': it is silently ignored. Did you mean 'memory'?",
    start: text.indexOf('memroy'),
    end: text.indexOf('memroy') + 6,
    data: { replaceWith: 'memory' },
  });
  assert.equal(noGuess.message, "xl does not read 'zzqqxx': it is silently ignored.");
  assert.equal(noGuess.data, undefined);
  assert.equal(JSON.parse(JSON.stringify(noGuess)).data, undefined);
  const [asError] = pick({ 'xen-key-unknown': 'error' });
  assert.equal(asError.severity, 'error');
  assert.equal(asError.message, typo.message);
  assert.deepEqual(asError.data, { replaceWith: 'memory' });
});

test("xen-key-unknown: 'Did you mean' only names a key the target reads (found by the fuzz: tee for ee on 4.12)", () => {
  const message = (xen: string) => checkText('ee = ""\n', { xen: v(xen) }).diagnostics.find((x) => x.code === 'xen-key-unknown')!.message;
  assert.match(message('4.13'), /Did you mean 'tee'/);
  assert.doesNotMatch(message('4.12'), /tee/);
});

test('xen-key-deprecated: builder from 4.10', () => {
  const text = 'builder = "hvm"\n';
  assert.ok(has(text, '4.10', 'xen-key-deprecated'));
  assert.ok(!has(text, '4.9', 'xen-key-deprecated'));
});

test("xen-syntax-unsupported: '+=' before 4.13, nested lists before 4.6", () => {
  const add = 'extra = "a"\nextra += " b"\n';
  assert.ok(has(add, '4.12', 'xen-syntax-unsupported'));
  assert.ok(!has(add, '4.13', 'xen-syntax-unsupported'));
  const nested = 'vnuma = [ [ "pnode=0" ] ]\n';
  assert.ok(has(nested, '4.5', 'xen-syntax-unsupported'));
  assert.ok(!has(nested, '4.6', 'xen-syntax-unsupported'));
});

test('xen-value-removed: qemu-xen-traditional from 4.21 (the port of parse_config_data says it: xl stops there)', () => {
  const text = 'name = "vm1"\nkernel = "/boot/vmlinuz"\ndevice_model_version = "qemu-xen-traditional"\n';
  assert.ok(has(text, '4.21', 'xen-value-removed'));
  assert.ok(!has(text, '4.20', 'xen-value-removed'));
});

test('setting-invalid-value: type and builder as xl matches them', () => {
  assert.ok(has('type = "kvm"\n', '4.20', 'setting-invalid-value'));
  for (const ok of ['hvm', 'pv', 'pvh']) assert.ok(!has(`type = "${ok}"\n`, '4.20', 'setting-invalid-value'), ok);
  // A prefix xl completes (an empty type= is hvm): a style warning that says what xl reads.
  for (const [short, read] of [['', 'hvm'], ['h', 'hvm'], ['p', 'pv'], ['pvh', undefined]] as const) {
    const d = checkText(`type = "${short}"\n`).diagnostics.find((x) => x.code === 'setting-invalid-value');
    if (!read) assert.equal(d, undefined, short);
    else {
      assert.equal(d?.severity, 'warning', short);
      assert.equal(d?.effect, 'style', short);
      assert.match(d!.message, new RegExp(`read as "${read}"`), short);
    }
  }
  assert.ok(has('type = "pv"\nbuilder = "hvm"\n', '4.20', 'setting-invalid-value'), 'contradiction');
  assert.ok(!has('type = "hvm"\nbuilder = "hvm"\n', '4.20', 'setting-invalid-value'));
});

test('keyHistory says since which release a key exists', () => {
  assert.match(keyHistory('channel')!, /since Xen 4\.5/);
  assert.match(keyHistory('builder')!, /deprecated since Xen 4\.10/);
  assert.equal(keyHistory('no_such_key'), undefined);
});

test('keys read from a point release count from it: pvshim from 4.10.1 (backported), not 4.10.0', () => {
  for (const key of ['pvshim', 'pvshim_path', 'pvshim_cmdline', 'pvshim_extra']) {
    const text = `type = "pvh"\n${key} = 1\n`;
    assert.ok(has(text, '4.10.0', 'xen-key-unknown'), `${key} on 4.10.0`);
    for (const x of ['4.10.1', '4.10', '4.11.0']) assert.ok(!has(text, x, 'xen-key-unknown'), `${key} on ${x}`);
  }
});

test('4.21 and 4.22 are releases: xenstore_quota is read from 4.22.0, xenstore_feature_mask from 4.21.0', () => {
  const quota = 'xenstore_quota = [ "transaction-nodes=10" ]\n';
  assert.ok(has(quota, '4.21', 'xen-key-unknown'));
  assert.ok(!has(quota, '4.22.0', 'xen-key-unknown'));
  assert.ok(!has(quota, '4.22', 'xen-key-unknown'));
  const mask = 'xenstore_feature_mask = 1\n';
  assert.ok(has(mask, '4.20', 'xen-key-unknown'));
  assert.ok(!has(mask, '4.21.0', 'xen-key-unknown'));
});

test('sched and nodes are cpupool-file keys: no release reads them from a domain config', () => {
  for (const key of ['sched', 'nodes']) {
    for (const x of ['4.5', '4.8', '4.17']) {
      const d = checkText(`${key} = "credit"\n`, { xen: v(x) }).diagnostics.find((e) => e.code === 'xen-key-unknown');
      assert.ok(d, `${key} on ${x}`);
      assert.match(d.message, new RegExp(`xl does not read '${key}'`));
    }
  }
});

test('stdvga is deprecated since 4.3 (use vga="stdvga"), though xl never warns', () => {
  const d = checkText('stdvga = 1\n', { xen: v('4.3') }).diagnostics.find((e) => e.code === 'xen-key-deprecated')!;
  assert.match(d.message, /deprecated since Xen 4\.3: use vga="stdvga"\. xl itself never warns about it\./);
  assert.ok(!has('stdvga = 1\n', '4.2', 'xen-key-deprecated'));
});

test("the 2014 grammar has no '+=': flagged for seed-2014 as for releases before 4.13", () => {
  const add = 'extra = "a"\nextra += " b"\n';
  assert.ok(has(add, 'seed-2014', 'xen-syntax-unsupported'));
});

test('before 4.10 xl reads only builder=: type= is ignored, and a builder that is no prefix of "hvm" silently means PV', () => {
  // 4.9: type= is not read at all (no "Invalid domain type").
  assert.deepEqual(codes('name = "x"\nkernel = "/k"\ntype = "kvm"\n', '4.9'), ['xen-key-unknown']);
  // 4.9: builder="xen" is PV without a word; 4.10 stops on it.
  const pv = checkText('builder = "xen"\n', { xen: v('4.9') }).diagnostics.find((d) => d.code === 'setting-invalid-value')!;
  assert.deepEqual([pv.severity, pv.effect], ['warning', 'ignored']);
  const stops = checkText('builder = "xen"\n', { xen: v('4.10') }).diagnostics.find((d) => d.code === 'setting-invalid-value')!;
  assert.deepEqual([stops.severity, stops.effect], ['error', 'xl-refuses']);
  // No contradiction before 4.10 (type= is not read there).
  assert.ok(!has('type = "pv"\nbuilder = "hvm"\n', '4.9', 'setting-invalid-value'));
  assert.ok(has('type = "pv"\nbuilder = "hvm"\n', '4.10', 'setting-invalid-value'));
  for (const ok of ['hvm', 'h', '']) assert.ok(!has(`builder = "${ok}"\n`, '4.9', 'setting-invalid-value'), ok);
});
