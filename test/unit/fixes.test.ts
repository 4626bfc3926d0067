/**
 * Syntax quick fixes and the suppression fixes, each applied through the fix
 * harness (result re-checked, target gone, nothing new, other bytes kept).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { canDisable, fixesFor, ruleFixes } from '../../server/src/check/fixes';
import { allRules } from '../../server/src/check/rules';
import { assertFixIsClean, assertNoFix, mapOffset, snippetDefaults } from './fixHarness';

interface Sample {
  text: string;
  title: string | RegExp;
  expect: string;
  index?: number;
}

/** At least one sample for every syntax rule that has a fix. */
const SAMPLES: Record<string, Sample[]> = {
  'syntax-crlf': [
    { text: 'name = "vm"\r\nmemory = 512\r\n# note\r\n', title: 'line endings', expect: 'name = "vm"\nmemory = 512\n# note\n' },
    { text: 'memory = 512\rvcpus = 2\n', title: 'line endings', expect: 'memory = 512\nvcpus = 2\n' },
    { text: 'name = "vm"\r\ndisk = [ "a",\r\n  "b" ]\r\n', title: 'line endings', expect: 'name = "vm"\ndisk = [ "a",\n  "b" ]\n', index: 1 },
  ],
  'syntax-comment-at-eof': [{ text: 'memory = 512\n# the end', title: 'newline', expect: 'memory = 512\n# the end\n' }],
  'syntax-bom': [{ text: '\ufeffmemory = 512\n', title: 'byte order mark', expect: 'memory = 512\n' }],
  'syntax-uppercase-name': [
    { text: 'Memory = 512\n', title: "Rename to 'memory'", expect: 'memory = 512\n' },
    { text: 'name = "vm"\nVCPUS=2\n', title: "Rename to 'vcpus'", expect: 'name = "vm"\nvcpus=2\n' },
    { text: 'Extra += " quiet"\n', title: "Rename to 'extra'", expect: 'extra += " quiet"\n' },
  ],
  'syntax-unquoted-word': [
    { text: 'type = hvm\n', title: 'Quote', expect: 'type = "hvm"\n' },
    { text: 'type = HVM\n', title: 'Quote', expect: 'type = "hvm"\n' },
    { text: 'extra = console=hvc0 quiet # boot\n', title: 'Quote', expect: 'extra = "console=hvc0 quiet" # boot\n' },
    { text: 'on_crash = Restart; memory = 512\n', title: 'Quote', expect: 'on_crash = "restart"; memory = 512\n' },
    { text: 'viridian = [ Base, "freq" ]\n', title: 'Quote', expect: 'viridian = [ "base", "freq" ]\n' },
    { text: 'device_model_args = [ "-a", Foo ]\n', title: 'Quote', expect: 'device_model_args = [ "-a", "Foo" ]\n' },
  ],
  'syntax-invalid-character': [{ text: 'kernel = /boot/vmlinuz\n', title: 'Quote', expect: 'kernel = "/boot/vmlinuz"\n' }],
  'syntax-number-format': [
    { text: 'rtc_timeoffset = -3600\n', title: 'Quote the signed number', expect: 'rtc_timeoffset = "-3600"\n' },
    { text: 'cpus = [-1, 2]\n', title: 'Quote the signed number', expect: 'cpus = ["-1", 2]\n' },
    { text: 'xenstore_feature_mask = 0X1F\n', title: 'Write it as 0x1f', expect: 'xenstore_feature_mask = 0x1f\n' },
    { text: 'memory = 1024M\n', title: 'Write it as 1024 (1024M in MiB)', expect: 'memory = 1024\n' },
    { text: 'name = "vm"\nmaxmem = 2G # the most\n', title: 'Write it as 2048 (2G in MiB)', expect: 'name = "vm"\nmaxmem = 2048 # the most\n' },
    { text: 'videoram = 16MiB\n', title: 'Write it as 16 (16MiB in MiB)', expect: 'videoram = 16\n' },
    { text: 'vmtrace_buf_kb = 4M\n', title: 'Write it as 4096 (4M in KiB)', expect: 'vmtrace_buf_kb = 4096\n' },
    { text: 'memory = 2097152K\n', title: 'Write it as 2048', expect: 'memory = 2048\n' },
  ],
  // A lower-case unit is a name to xl's scanner: the statement just goes on after the number.
  'syntax-expected-end': [
    { text: 'memory = 4gb\n', title: 'Write it as 4096 (4gb in MiB)', expect: 'memory = 4096\n' },
    { text: 'maxmem = 512m\n', title: 'Write it as 512', expect: 'maxmem = 512\n' },
  ],
  'syntax-ignored-last-byte': [{ text: 'memory = 512 $', title: 'Remove', expect: 'memory = 512 ' }],
  'syntax-unclosed-list': [
    { text: 'disk = [ "a.img",\nname = "vm"\n', title: "']'", expect: 'disk = [ "a.img",]\nname = "vm"\n' },
    { text: 'disk = [\n  "a.img",\n  "b.img"\nmemory = 512\n', title: "']'", expect: 'disk = [\n  "a.img",\n  "b.img"]\nmemory = 512\n' },
    { text: 'vnuma = [ [ "pnode=0"\n', title: "']]'", expect: 'vnuma = [ [ "pnode=0"]]\n' },
    { text: 'disk = [', title: "']'", expect: 'disk = []' },
  ],
  'syntax-invalid-escape': [
    { text: 'cmdline = "a\\q b"\n', title: 'Double the backslash', expect: 'cmdline = "a\\\\q b"\n' },
    { text: 'cmdline = "\\q \\x \\n"\n', title: 'backslashes of the 2', expect: 'cmdline = "\\\\q \\\\x \\n"\n' },
    { text: "kernel = 'C:\\xen'\n", title: 'Double the backslash', expect: "kernel = 'C:\\\\xen'\n" },
  ],
  'syntax-unterminated-string': [
    { text: 'name = "vm\nmemory = 512\nkernel = "/k"\n', title: 'closing "', expect: 'name = "vm"\nmemory = 512\nkernel = "/k"\n' },
    { text: "kernel = '/k'\nname = 'vm  \n", title: "closing '", expect: "kernel = '/k'\nname = 'vm'  \n" },
  ],
  'syntax-nul-in-string': [
    { text: 'name = "a\u0000b"\n', title: 'NUL', expect: 'name = "ab"\n' },
    // Escaped, the NUL goes with its backslash: left alone, the backslash would escape the closing quote.
    { text: 'name = "a\\\u0000"\nmemory = 512\n', title: 'backslash', expect: 'name = "a"\nmemory = 512\n' },
  ],
};

for (const [code, samples] of Object.entries(SAMPLES)) {
  for (const s of samples) {
    test(`${code}: ${JSON.stringify(s.text)}`, () => {
      assertFixIsClean(s.text, code, s.title, { expect: s.expect, index: s.index });
    });
  }
}

test('no unit conversion where it would not be exact or the key is not a size', () => {
  assertNoFix('memory = 1536K\n', 'syntax-number-format', 'Write it as');
  assertNoFix('vcpus = 2G\n', 'syntax-number-format', 'Write it as');
  assertNoFix('memory = 2Q\n', 'syntax-number-format', 'Write it as');
  assertNoFix('disk = [ 2G ]\n', 'syntax-number-format', 'Write it as');
  assertNoFix('memory = 4 gb\n', 'syntax-expected-end', 'Write it as');
  assertNoFix('memory = 4 # x\nname = "a" gb\n', 'syntax-expected-end', 'Write it as');
});

test('every syntax rule documented with a fix has a tested fix', () => {
  for (const r of allRules()) {
    if (r.category === 'syntax' && r.fixes?.length) assert.ok(SAMPLES[r.code]?.length, `no fix sample for ${r.code}`);
  }
});

test('syntax fixes are preferred and there is exactly one per diagnostic', () => {
  for (const [code, samples] of Object.entries(SAMPLES)) {
    const s = samples[0];
    const doc = checkText(s.text);
    const d = doc.diagnostics.find((x) => x.code === code)!;
    const own = ruleFixes(d, doc);
    assert.equal(own.length, 1, code);
    assert.equal(own[0].preferred, true, code);
  }
});

test('fixes that would not give a valid result are not offered', () => {
  assertNoFix('_memory = 512\n', 'syntax-uppercase-name', 'Rename');
  assertNoFix('Memory-size = 512\n', 'syntax-uppercase-name', 'Rename');
  assertNoFix('memory = 512Q\n', 'syntax-number-format', /./);
  assertNoFix('memory = 1.5\n', 'syntax-number-format', /./);
  assertNoFix('name = "vm\\\n', 'syntax-unterminated-string', 'closing');
});

test('a rename is preferred only for a known key', () => {
  const doc = checkText('Frobnicate = 1\n');
  const d = doc.diagnostics.find((x) => x.code === 'syntax-uppercase-name')!;
  assert.deepEqual(
    ruleFixes(d, doc).map((f) => [f.title, !!f.preferred]),
    [["Rename to 'frobnicate'", false]],
  );
});

test('a fix that uncovers the next problem of the statement is reported as such (allowNew)', () => {
  // xl stops at 'Type'; once renamed, the bare word hvm is the statement's next problem.
  assertFixIsClean('Type = hvm\n', 'syntax-uppercase-name', 'Rename', { expect: 'type = hvm\n', allowNew: ['syntax-unquoted-word'] });
  assert.throws(() => assertFixIsClean('Type = hvm\n', 'syntax-uppercase-name', 'Rename'), /introduced problems/);
});

// --- suppression fixes ---------------------------------------------------------

const UNKNOWN = 'name = "vm"\nkernel = "/k"\nfrobnicate = 1\n';

test('syntax errors cannot be disabled', () => {
  const doc = checkText('name = "x"\r\nkernel = "/k"\r\nmemory = 512\r\nType = "hvm"\n');
  for (const d of doc.diagnostics) {
    assert.ok(d.code.startsWith('syntax-'));
    assert.equal(canDisable(d), false);
    assert.ok(!fixesFor(d, doc).some((f) => f.title.startsWith('Disable')), d.code);
  }
  const mismatch = checkText('disk = [ "a" ]\ndisk += "b"\n');
  const d = mismatch.diagnostics.find((x) => x.code === 'append-type-mismatch')!;
  assert.ok(d);
  assert.ok(!fixesFor(d, mismatch).some((f) => f.title.startsWith('Disable')));
});

test('every non-syntax rule seen here can be disabled for a line and for the file', () => {
  const doc = checkText(UNKNOWN);
  const d = doc.diagnostics.find((x) => !x.code.startsWith('syntax-'));
  assert.ok(d, 'expected a non-syntax diagnostic');
  const titles = fixesFor(d, doc).map((f) => f.title);
  assert.ok(titles.includes(`Disable ${d.code} for this line`), JSON.stringify(titles));
  assert.ok(titles.includes(`Disable ${d.code} in this file`), JSON.stringify(titles));
  // Suppression fixes come after the rule's own fixes.
  assert.ok(titles.indexOf(`Disable ${d.code} for this line`) >= titles.length - 2);
});

function firstNonSyntaxCode(text: string): string {
  const d = checkText(text).diagnostics.find((x) => !x.code.startsWith('syntax-'));
  assert.ok(d, `expected a non-syntax diagnostic in ${JSON.stringify(text)}`);
  return d.code;
}

test('disable for this line: inserts a comment above, with the line indentation', () => {
  const code = firstNonSyntaxCode(UNKNOWN);
  assertFixIsClean(UNKNOWN, code, 'for this line', { expect: `name = "vm"\nkernel = "/k"\n# xlcfg-disable-next-line ${code}\nfrobnicate = 1\n` });
  const indented = 'name = "vm"\nkernel = "/k"\n   frobnicate = 1\n';
  assertFixIsClean(indented, code, 'for this line', { expect: `name = "vm"\nkernel = "/k"\n   # xlcfg-disable-next-line ${code}\n   frobnicate = 1\n` });
});

test('disable for this line: extends a disable-next-line comment already above', () => {
  const text = 'name = "vm"\nkernel = "/k"\n# xlcfg-disable-next-line some-other-rule\nfrobnicate = 1\n';
  const code = firstNonSyntaxCode(text);
  assertFixIsClean(text, code, 'for this line', { expect: `name = "vm"\nkernel = "/k"\n# xlcfg-disable-next-line some-other-rule ${code}\nfrobnicate = 1\n` });
});

test('disable for this line inside a multi-line channel list', () => {
  const text = 'name = "vm"\nchannel = [\n  "name=org.example.a,connection=pty,colour=red",\n]\n';
  const code = 'channel-unknown-key';
  assert.ok(checkText(text).diagnostics.some((d) => d.code === code), 'expected channel-unknown-key');
  assertFixIsClean(text, code, 'for this line', {
    expect: `name = "vm"\nchannel = [\n  # xlcfg-disable-next-line ${code}\n  "name=org.example.a,connection=pty,colour=red",\n]\n`,
  });
});

test('disable in this file: after the leading comment lines', () => {
  const code = firstNonSyntaxCode(UNKNOWN);
  assertFixIsClean(UNKNOWN, code, 'in this file', { expect: `# xlcfg-disable ${code}\n${UNKNOWN}` });
  const header = '# My guest\n#   with a header\n\nname = "vm"\nkernel = "/k"\nfrobnicate = 1\n';
  assertFixIsClean(header, code, 'in this file', { expect: `# My guest\n#   with a header\n# xlcfg-disable ${code}\n\nname = "vm"\nkernel = "/k"\nfrobnicate = 1\n` });
  const existing = '# xlcfg-disable some-other-rule\nname = "vm"\nkernel = "/k"\nfrobnicate = 1\n';
  assertFixIsClean(existing, code, 'in this file', { expect: `# xlcfg-disable some-other-rule ${code}\nname = "vm"\nkernel = "/k"\nfrobnicate = 1\n` });
});

test('disable fixes for every diagnostic of a channel-heavy example', () => {
  const text = [
    '# guest',
    'name = "vm"',
    'channel = [ "name=org.example.a,connection=socket", "name=org.example.a,connection=pty,path=/x", "colour=red" ]',
    '',
  ].join('\n');
  const doc = checkText(text);
  const codes = [...new Set(doc.diagnostics.filter((d) => canDisable(d)).map((d) => d.code))];
  assert.ok(codes.length >= 2, `expected several disableable diagnostics, got ${codes}`);
  for (const code of codes) {
    assertFixIsClean(text, code, 'for this line');
    assertFixIsClean(text, code, 'in this file');
  }
});

// --- helpers ------------------------------------------------------------------

test('mapOffset and snippetDefaults', () => {
  const edits = [
    { start: 2, end: 2, newText: 'ab' },
    { start: 5, end: 7, newText: 'X' },
  ];
  assert.equal(mapOffset(0, edits), 0);
  assert.equal(mapOffset(2, edits), 4);
  assert.equal(mapOffset(6, edits), 7);
  assert.equal(mapOffset(7, edits), 8);
  assert.equal(snippetDefaults('a=${1:x},b=${2|p,q|}${3:,c=${4:d}}$0'), 'a=x,b=p,c=d');
});
