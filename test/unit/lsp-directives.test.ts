/**
 * Per-file `# xlcfg: ...` directives (check/fileDirectives.ts), read from the
 * syntax tree and applied on top of the settings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFileDirectives, readFileDirectives } from '../../server/src/check/fileDirectives';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { parse } from '../../server/src/syntax/parser';

const read = (text: string) => readFileDirectives(parse(text));

test('xen and dialect, alone or together, with exact value offsets', () => {
  const text = '# xlcfg: xen=4.11\n#xlcfg:dialect=seed\nname = "vm" # xlcfg: xen=4.17.2, dialect = upstream\n';
  const d = read(text);
  assert.equal(d.xen, '4.17.2');
  assert.equal(d.dialect, 'upstream');
  assert.deepEqual(
    d.entries.map((e) => [e.name, e.value, text.slice(e.valueSpan.start, e.valueSpan.end), text.slice(e.start, e.end)]),
    [
      ['xen', '4.11', '4.11', 'xen=4.11'],
      ['dialect', 'seed', 'seed', 'dialect=seed'],
      ['xen', '4.17.2', '4.17.2', 'xen=4.17.2'],
      ['dialect', 'upstream', 'upstream', 'dialect = upstream'],
    ],
  );
  assert.deepEqual(d.ignored, []);
});

test('a file without directives, and comments that only look similar', () => {
  assert.deepEqual(read('memory = 512\n# xlcfg-disable foo\n# not xlcfg: xen=4.2\n'), { entries: [], ignored: [] });
});

test('bad values and unknown names are ignored with a reason and their place', () => {
  const text = '# xlcfg: xen=banana dialect=python colour=red stray\n';
  const d = read(text);
  assert.equal(d.xen, undefined);
  assert.equal(d.dialect, undefined);
  assert.deepEqual(
    d.ignored.map((i) => [text.slice(i.start, i.end), /Xen version|dialect|Unknown|NAME=VALUE/.exec(i.reason)?.[0]]),
    [
      ['xen=banana', 'Xen version'],
      ['dialect=python', 'dialect'],
      ['colour=red', 'Unknown'],
      ['stray', 'NAME=VALUE'],
    ],
  );
});

test('seed as a release, case-insensitive names, CRLF comments', () => {
  const d = read('# xlcfg: XEN=seed Dialect=SEED\r\nmemory = 1\r\n');
  assert.equal(d.xen, 'seed');
  assert.equal(d.dialect, 'seed');
});

test('only comments count, not strings that look like one', () => {
  assert.equal(read('extra = "# xlcfg: xen=4.13"\n').xen, undefined);
});

test('applyFileDirectives overrides only what the file sets', () => {
  const base = { dialect: 'upstream' as const, xen: parseXenVersion('4.20')!, rules: { 'xen-key-unknown': 'off' as const } };
  assert.deepEqual(applyFileDirectives(base, read('memory = 1\n')), base);
  const o = applyFileDirectives(base, read('# xlcfg: xen=4.11\n'));
  assert.equal(o.xen?.label, '4.11');
  assert.equal(o.dialect, 'upstream');
  assert.deepEqual(o.rules, base.rules);
  assert.equal(applyFileDirectives(base, read('# xlcfg: dialect=auto\n')).dialect, 'auto');
  // The base is not modified.
  assert.equal(base.xen.label, '4.20');
});
