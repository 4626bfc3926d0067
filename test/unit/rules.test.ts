/**
 * The rule table against the checker: every rule fires on a sample and stays
 * silent on its near miss; a finding carries the severity and effect of its
 * table entry (or of one of its variants); the quick fixes offered are the
 * ones the table declares; and nothing can silence a finding that makes xl
 * refuse the file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { fixesFor, ruleFixes } from '../../server/src/check/fixes';
import type { CheckOptions } from '../../server/src/check/options';
import { allRules, EFFECTS, isDeclaredFixTitle, ruleInfo, RuleCode, ruleLevel } from '../../server/src/check/rules';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { DEVICE_EXTRA_FIX_SAMPLES, DEVICE_SAMPLES, DEVICE_VARIANT_SAMPLES } from './devicesSamples';
import { DOMAIN_SAMPLES, DOMAIN_VARIANT_SAMPLES, pvDomain } from './domainSamples';

interface Sample {
  /** A file on which the rule fires (at least once). */
  fires: string;
  /** A near miss on which it stays silent. */
  silent: string;
  options?: CheckOptions;
  /** The variant the finding on `fires` takes (default: the rule's own level). */
  variant?: string;
}

const xen = (v: string) => parseXenVersion(v)!;
const seed: CheckOptions = { xen: xen('seed-2014') };
const ch = (...items: string[]) => `name = "vm1"\nchannel = [ ${items.join(', ')} ]\n`;
const deep = (n: number) => `x = ${'['.repeat(n)}${']'.repeat(n)}\n`;

const SAMPLES: Record<RuleCode, Sample> = {
  'syntax-invalid-character': { fires: 'memory = 512\n$ = 1\n', silent: 'name = "$"\n' },
  'syntax-uppercase-name': { fires: 'Memory = 512\n', silent: 'memory = 512\n' },
  'syntax-unquoted-word': { fires: 'type = hvm\n', silent: 'type = "hvm"\n' },
  'syntax-number-format': { fires: 'memory = 1.5\n', silent: 'memory = 15\n' },
  'syntax-python': { fires: 'memory = (512)\n', silent: 'memory = 512\n' },
  'syntax-unterminated-string': { fires: 'name = "vm\n', silent: 'name = "vm"\n' },
  'syntax-invalid-escape': { fires: 'name = "a\\qb"\n', silent: 'name = "a\\\\qb"\n' },
  'syntax-nul-in-string': { fires: 'name = "a\0b"\n', silent: 'name = "a0b"\n' },
  'syntax-crlf': { fires: 'memory = 512\r\n', silent: 'memory = 512\n' },
  'syntax-bom': { fires: '\ufeffmemory = 512\n', silent: 'memory = 512\n' },
  'syntax-comment-at-eof': { fires: 'memory = 512\n# end', silent: 'memory = 512\n# end\n' },
  'syntax-ignored-last-byte': { fires: 'memory = 512\n$', silent: 'memory = 512\n' },
  'syntax-expected-operator': { fires: 'memory 512\n', silent: 'memory = 512\n' },
  'syntax-missing-value': { fires: 'memory =\n', silent: 'memory = 1\n' },
  'syntax-expected-value': { fires: 'memory = ]\n', silent: 'memory = [ ]\n' },
  'syntax-expected-end': { fires: 'memory = 512 513\n', silent: 'memory = 512 # 513\n' },
  'syntax-list': { fires: 'disk = [ "a" "b" ]\n', silent: 'disk = [ "a", "b" ]\n' },
  'syntax-unclosed-list': { fires: 'disk = [ "a"\n', silent: 'disk = [ "a" ]\n' },
  'syntax-nesting-too-deep': { fires: deep(5000), silent: deep(100) },
  'syntax-unexpected-token': { fires: '= 512\n', silent: 'a = 512\n' },
  'append-type-mismatch': { fires: 'disk = [ "a" ]\ndisk += "b"\n', silent: 'disk = [ "a" ]\ndisk += [ "b" ]\n' },
  'setting-invalid-value': { fires: pvDomain('on_crash = "restrat"'), silent: pvDomain('on_crash = "restart"') },
  'setting-reassigned': { fires: 'disk = [ "a" ]\ndisk = [ "b" ]\n', silent: 'disk = [ "a" ]\ndisk += [ "b" ]\n' },
  'channel-not-list': { fires: 'channel = "name=a,connection=pty"\n', silent: 'channel = [ "name=a,connection=pty" ]\n' },
  'channel-item-not-string': { fires: 'channel = [ [ "name=a,connection=pty" ] ]\n', silent: 'channel = [ "name=a,connection=pty" ]\n' },
  'channel-empty-item': { fires: ch('""'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-piece-without-equals': { fires: ch('"name=a.b.0,connection=pty,oops"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-empty-value': { fires: ch('"name=a.b.0,connection="'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-empty-key': { fires: ch('"name=a.b.0,connection=pty,=x"'), silent: ch('"name=a.b.0,connection=pty,x=y"'), options: { xen: xen('4.17') } },
  'channel-unknown-key': { fires: ch('"name=a.b.0,connection=pty,colour=red"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-duplicate-key': { fires: ch('"name=a.b.0,name=c.d.0,connection=pty"'), silent: ch('"name=c.d.0,connection=pty"') },
  'channel-missing-name': { fires: ch('"connection=pty"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-empty-name': { fires: ch('"name= ,connection=pty"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-duplicate-name': { fires: ch('"name=a.b.0,connection=pty"', '"name=a.b.0,connection=pty"'), silent: ch('"name=a.b.0,connection=pty"', '"name=a.b.1,connection=pty"') },
  'channel-missing-connection': { fires: ch('"name=a.b.0"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-unknown-connection': { fires: ch('"name=a.b.0,connection=PTY"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-duplicate-connection': { fires: ch('"name=a.b.0,connection=pty,connection=pty"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-missing-path': { fires: ch('"name=a.b.0,connection=socket"'), silent: ch('"name=a.b.0,connection=socket,path=/run/a.sock"') },
  'channel-ignored-path': { fires: ch('"name=a.b.0,connection=pty,path=/run/a.sock"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-relative-path': { fires: ch('"name=a.b.0,connection=socket,path=a.sock"'), silent: ch('"name=a.b.0,connection=socket,path=/run/a.sock"') },
  'channel-path-too-long': { fires: ch(`"name=a.b.0,connection=socket,path=/${'x'.repeat(110)}"`), silent: ch(`"name=a.b.0,connection=socket,path=/${'x'.repeat(100)}"`) },
  'channel-duplicate-path': {
    fires: ch('"name=a.b.0,connection=socket,path=/run/a.sock"', '"name=a.b.1,connection=socket,path=/run/a.sock"'),
    silent: ch('"name=a.b.0,connection=socket,path=/run/a.sock"', '"name=a.b.1,connection=socket,path=/run/b.sock"'),
  },
  'channel-value-equals': { fires: ch('"name=a.b.0,connection=socket,path=/run/a=b.sock"'), silent: ch('"name=a.b.0,connection=socket,path=/run/a=b.sock"'), options: { xen: xen('4.17') } },
  'channel-value-quote': { fires: ch('\'name=a"b.c.0,connection=pty\''), silent: ch('"name=ab.c.0,connection=pty"') },
  'channel-backend-invalid': { fires: ch('"name=a.b.0,connection=pty,backend=not a domain"'), silent: ch('"name=a.b.0,connection=pty,backend=driver-dom"') },
  'channel-name-style': { fires: ch('"name=agent,connection=pty"'), silent: ch('"name=org.example.agent.0,connection=pty"'), options: { rules: { 'channel-name-style': 'hint' } } },
  'channel-mixed-dialect': { fires: ch('"name=a.b.0,type=pty"', '"name=c.d.0,connection=pty"'), silent: ch('"name=a.b.0,type=pty"'), options: seed },
  'channel-seed-dialect': { fires: ch('"name=a.b.0,type=pty"'), silent: ch('"name=a.b.0,connection=pty"') },
  'channel-no-output': { fires: ch('"name=a.b.0"'), silent: ch('"name=a.b.0,type=pty"'), options: seed },
  ...DEVICE_SAMPLES,
  ...DOMAIN_SAMPLES,
  'xen-key-unknown': { fires: 'memroy = 512\n', silent: 'memory = 512\n' },
  'xen-key-deprecated': { fires: 'builder = "hvm"\n', silent: 'type = "hvm"\n' },
  'xen-syntax-unsupported': { fires: 'extra = "a"\nextra += "b"\n', silent: 'extra = "ab"\n', options: { xen: xen('4.12') } },
  'xen-value-removed': { fires: pvDomain('device_model_version = "qemu-xen-traditional"'), silent: pvDomain('device_model_version = "qemu-xen"'), options: { xen: xen('4.21') } },
  'xen-first-channel-lost': { fires: ch('"name=a.b.0,connection=pty"'), silent: ch('"name=a.b.0,connection=pty"'), options: { xen: xen('4.20.0') } },
};

/** Samples whose near miss differs by option rather than by text. */
const SILENT_OPTIONS: Partial<Record<RuleCode, CheckOptions>> = {
  'channel-value-equals': { xen: xen('4.18') },
  'xen-first-channel-lost': { xen: xen('4.20.1') },
};

/** Variants, each with a sample of its own. */
const VARIANT_SAMPLES: Array<{ code: RuleCode; variant: string; text: string; options?: CheckOptions }> = [
  { code: 'channel-empty-item', variant: 'seed', text: ch('""'), options: seed },
  { code: 'channel-piece-without-equals', variant: 'seed', text: ch('"name=a.b.0,type=pty,oops"'), options: seed },
  { code: 'channel-empty-key', variant: 'from-4.18', text: ch('"name=a.b.0,connection=pty,=x"'), options: { xen: xen('4.18') } },
  { code: 'channel-duplicate-connection', variant: 'seed', text: ch('"name=a.b.0,type=pty,type=socket"'), options: seed },
  { code: 'channel-missing-path', variant: 'seed', text: ch('"name=a.b.0,type=socket"'), options: seed },
  { code: 'setting-invalid-value', variant: 'abbreviated', text: 'type = ""\n' },
  { code: 'setting-invalid-value', variant: 'read-as-pv', text: 'builder = "xen"\n', options: { xen: xen('4.9') } },
  { code: 'xen-key-unknown', variant: 'no-suggestion', text: 'frobnicate_everything = 1\n' },
  ...DEVICE_VARIANT_SAMPLES,
  ...DOMAIN_VARIANT_SAMPLES,
];

function findings(text: string, options: CheckOptions = {}) {
  return checkText(text, options).diagnostics;
}

for (const [code, s] of Object.entries(SAMPLES) as Array<[RuleCode, Sample]>) {
  test(`${code}: fires on its sample with the table's severity and effect, and stays silent on the near miss`, () => {
    const level = ruleLevel(code, s.variant);
    const hit = findings(s.fires, s.options).filter((d) => d.code === code);
    assert.ok(hit.length > 0, `${code} does not fire on ${JSON.stringify(s.fires.slice(0, 200))}`);
    for (const d of hit) {
      assert.equal(d.effect, level.effect, `${code}: effect`);
      // A rule enabled by a setting takes the configured severity.
      const configured = s.options?.rules?.[code];
      assert.equal(d.severity, configured && configured !== 'off' ? configured : level.severity, `${code}: severity`);
    }
    const quiet = findings(s.silent, SILENT_OPTIONS[code] ?? s.options).filter((d) => d.code === code);
    assert.deepEqual(quiet.map((d) => d.message), [], `${code} fires on its near miss ${JSON.stringify(s.silent.slice(0, 200))}`);
  });
}

test('every variant in the table has a sample on which the finding takes that variant', () => {
  const declared = allRules().flatMap((r) => Object.keys(r.variants ?? {}).map((v) => `${r.code}/${v}`));
  assert.deepEqual(VARIANT_SAMPLES.map((v) => `${v.code}/${v.variant}`).sort(), declared.sort());
  for (const v of VARIANT_SAMPLES) {
    const level = ruleLevel(v.code, v.variant);
    const hit = findings(v.text, v.options).filter((d) => d.code === v.code);
    assert.ok(hit.length > 0, `${v.code} does not fire on ${JSON.stringify(v.text)}`);
    for (const d of hit) assert.deepEqual({ severity: d.severity, effect: d.effect }, level, `${v.code}/${v.variant}`);
  }
});

test('every effect is one of the six, and a rule is silenceable exactly when no level of it makes xl refuse the file', () => {
  for (const r of allRules()) {
    const levels = [r.effect, ...Object.values(r.variants ?? {}).map((v) => v.effect)];
    for (const e of levels) assert.ok(EFFECTS.includes(e), `${r.code}: ${e}`);
    assert.equal(r.silenceable, !levels.includes('xl-refuses'), r.code);
  }
});

test('the quick fixes a finding gets are the ones its rule declares, and a rule that declares fixes offers one on its sample', () => {
  for (const [code, s] of Object.entries(SAMPLES) as Array<[RuleCode, Sample]>) {
    const doc = checkText(s.fires, s.options);
    const titles = doc.diagnostics.filter((d) => d.code === code).flatMap((d) => ruleFixes(d, doc).map((f) => f.title));
    for (const t of titles) assert.ok(isDeclaredFixTitle(code, t), `${code} offers "${t}", which its table entry does not declare (${JSON.stringify(ruleInfo(code).fixes ?? [])})`);
  }
  // Every declared fix title is offered somewhere among the samples (so the column is true both ways).
  const offered = new Map<RuleCode, Set<string>>();
  const all = [...Object.entries(SAMPLES).map(([code, s]) => ({ code: code as RuleCode, text: s.fires, options: s.options })), ...VARIANT_SAMPLES, ...EXTRA_FIX_SAMPLES];
  for (const s of all) {
    const doc = checkText(s.text, s.options);
    for (const d of doc.diagnostics) for (const f of ruleFixes(d, doc)) (offered.get(d.code) ?? offered.set(d.code, new Set()).get(d.code)!).add(f.title);
  }
  for (const r of allRules()) {
    for (const declared of r.fixes ?? []) {
      const seen = [...(offered.get(r.code) ?? [])].some((t) => isDeclaredFixTitle(r.code, t) && matchesTemplate(declared, t));
      assert.ok(seen, `${r.code} declares the fix "${declared}" but no sample is offered it`);
    }
  }
});

/** Files that bring out fixes the rules' own samples do not. */
const EXTRA_FIX_SAMPLES: Array<{ code: RuleCode; text: string; options?: CheckOptions }> = [
  { code: 'syntax-invalid-character', text: 'name = @vm\n' },
  { code: 'syntax-number-format', text: 'memory = 0X1f\n' },
  { code: 'syntax-number-format', text: 'memory = -1\n' },
  { code: 'syntax-expected-end', text: 'memory = 2gb\n' },
  { code: 'syntax-invalid-escape', text: 'name = "\\q\\q"\n' },
  { code: 'syntax-nul-in-string', text: 'name = "a\\\u0000b"\n' },
  { code: 'channel-missing-connection', text: ch('"name=a.b.0,type=pty"') },
  { code: 'channel-mixed-dialect', text: ch('"name=a.b.0,connection=pty"', '"name=c.d.0,type=pty"'), options: { dialect: 'upstream', xen: xen('seed-2014') } },
  ...DEVICE_EXTRA_FIX_SAMPLES,
];

function matchesTemplate(template: string, title: string): boolean {
  const pattern = template.split(/\{[^}]*\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${pattern.join('.*')}$`, 's').test(title);
}

test('no setting and no comment hides or softens a finding that makes xl refuse the file', () => {
  for (const [code, s] of Object.entries(SAMPLES) as Array<[RuleCode, Sample]>) {
    const fatal = findings(s.fires, s.options).filter((d) => d.code === code && d.effect === 'xl-refuses');
    if (!fatal.length) continue;
    const off = findings(s.fires, { ...s.options, rules: { [code]: 'off' } }).filter((d) => d.code === code);
    assert.equal(off.length, fatal.length, `${code}: "off" hid it`);
    const soft = findings(s.fires, { ...s.options, rules: { [code]: 'hint' } }).filter((d) => d.code === code);
    assert.ok(soft.every((d) => d.severity === 'error'), `${code}: a setting softened it`);
    const bom = s.fires.startsWith('\ufeff') ? '\ufeff' : '';
    const silenced = findings(`${bom}# xlcfg-disable\n${s.fires.slice(bom.length)}`, s.options).filter((d) => d.code === code);
    assert.equal(silenced.length, fatal.length, `${code}: a disable comment hid it`);
    const doc = checkText(s.fires, s.options);
    for (const d of doc.diagnostics.filter((x) => x.code === code)) assert.ok(!fixesFor(d, doc).some((f) => f.title.startsWith('Disable')), `${code}: offered a disable fix`);
  }
  // The reported case: syntax-crlf "off" in the settings.
  assert.ok(findings('memory = 512\r\n', { rules: { 'syntax-crlf': 'off' } }).some((d) => d.code === 'syntax-crlf'));
  // A silenceable one can be turned off.
  assert.ok(!findings('memroy = 512\n', { rules: { 'xen-key-unknown': 'off' } }).some((d) => d.code === 'xen-key-unknown'));
});
