import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readTsv } from '../../scripts/tsv.mjs';
import {
  allKeyDocs,
  getKeyDoc,
  getSpecKeyDoc,
  getSpecKeyDocs,
  hasEnumeratedValues,
  specParents,
} from '../../server/src/docs/keys';

const KEYS_TSV = 'server/data/xl-cfg-keys.tsv';
const SPEC_TSV = 'server/data/xl-cfg-spec-keys.tsv';

test('server/data/keys.json is what scripts/gen-keys.mjs builds from the in-repo tables', () => {
  const r = spawnSync(process.execPath, ['scripts/gen-keys.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('keys table has exactly the keys of the TSV, in order, with its columns', () => {
  const rows = readTsv(KEYS_TSV);
  const docs = allKeyDocs();
  assert.equal(docs.length, rows.length);
  assert.deepEqual(
    docs.map((d) => d.key),
    rows.map((r) => r.key),
  );
  for (const r of rows) {
    const d = getKeyDoc(r.key);
    assert.ok(d, r.key);
    assert.equal(d.valueType, r.value_type, `${r.key} valueType`);
    assert.equal(d.since, r.since, `${r.key} since`);
    assert.equal(d.section, r.section, `${r.key} section`);
    assert.deepEqual([...d.status], r.status ? r.status.split(',') : [], `${r.key} status`);
    assert.deepEqual([...d.sections], r.section.split('; '), `${r.key} sections`);
  }
});

test('the reference table has 162 keys and the table matches that', () => {
  assert.equal(allKeyDocs().length, 162);
  assert.equal(new Set(allKeyDocs().map((d) => d.key)).size, 162);
});

test('every key has a short summary of its own', () => {
  const notes = new Map(readTsv(KEYS_TSV).map((r) => [r.key, r.notes]));
  for (const d of allKeyDocs()) {
    assert.ok(d.summary.trim().length > 10, `${d.key}: empty summary`);
    assert.ok(d.summary.length <= 260, `${d.key}: summary too long (${d.summary.length})`);
    assert.match(d.summary, /^[A-Za-z0-9"'(]/, `${d.key}: summary should start with a word`);
    assert.match(d.summary, /[.)]$/, `${d.key}: summary should end with a full stop`);
    assert.notEqual(d.summary, notes.get(d.key), `${d.key}: summary is the TSV note`);
  }
  const texts = allKeyDocs().map((d) => d.summary);
  assert.equal(new Set(texts).size, texts.length, 'summaries should not repeat');
});


test('examples of key docs', () => {
  const memory = getKeyDoc('memory');
  assert.ok(memory);
  assert.equal(memory.valueType, 'number');
  assert.equal(memory.kind, 'number');
  assert.match(memory.summary, /MiB/);

  const type = getKeyDoc('type');
  assert.ok(type && hasEnumeratedValues(type));
  assert.deepEqual([...type.values], ['pv', 'pvh', 'hvm']);
  assert.equal(type.kind, 'enum');

  const onCrash = getKeyDoc('on_crash');
  assert.ok(onCrash && Array.isArray(onCrash.values));
  assert.ok((onCrash.values as readonly string[]).includes('coredump-restart'));
  assert.match(onCrash.summary, /default destroy/);

  const nomigrate = getKeyDoc('nomigrate');
  assert.ok(nomigrate);
  assert.equal(nomigrate.kind, 'boolean');
  assert.deepEqual(nomigrate.values, ['0', '1']);

  const channel = getKeyDoc('channel');
  assert.ok(channel);
  assert.equal(channel.kind, 'spec-list');
  assert.equal(channel.since, '4.5');

  const builder = getKeyDoc('builder');
  assert.ok(builder?.status.includes('deprecated'));

  const firmware = getKeyDoc('firmware');
  assert.ok(firmware && firmware.openValues && Array.isArray(firmware.values));
  assert.equal(firmware.sections.length, 2);

  assert.equal(typeof getKeyDoc('kernel')?.values, 'string');
  assert.equal(getKeyDoc('no_such_key'), undefined);
  assert.equal(getKeyDoc('constructor'), undefined);
  assert.equal(getKeyDoc('opengl')?.status.includes('removed-from-doc'), true);
});

test('spec sub-key table covers every row of the spec TSV', () => {
  const rows = readTsv(SPEC_TSV);
  for (const r of rows) {
    const d = getSpecKeyDocs(r.parent).find((x) => x.subkey === r.subkey);
    assert.ok(d, `${r.parent} ${r.subkey}`);
    assert.equal(d.valueType, r.value_type, `${r.parent} ${r.subkey}`);
    assert.deepEqual([...d.forms], r.form.split('|'), `${r.parent} ${r.subkey}`);
    assert.ok(d.summary.length > 5 && d.summary.length <= 260, `${r.parent} ${r.subkey} summary`);
    assert.notEqual(d.summary, r.notes);
  }
  const total = specParents().reduce((n, p) => n + getSpecKeyDocs(p).length, 0);
  assert.equal(total, rows.length + 1, 'the TSV rows plus the seed channel type');
});

test('channel sub-keys: upstream keys and the seed dialect type', () => {
  const names = getSpecKeyDocs('channel').map((d) => d.subkey);
  for (const k of ['name', 'connection', 'path', 'backend', 'type']) assert.ok(names.includes(k), k);

  const connection = getSpecKeyDoc('channel', 'connection');
  assert.ok(connection);
  assert.deepEqual(connection.values, ['pty', 'socket']);
  assert.equal(connection.dialect, 'upstream');

  const type = getSpecKeyDoc('channel', 'type');
  assert.ok(type);
  assert.equal(type.dialect, 'seed');
  assert.deepEqual(type.values, ['none', 'pty', 'path', 'socket']);
  assert.match(type.summary, /2014 proposal's key/);
  assert.match(type.summary, /connection/);

  assert.match(getSpecKeyDoc('channel', 'path')!.summary, /socket/);
  assert.match(getSpecKeyDoc('channel', 'backend')!.summary, /dom0|toolstack/);
  assert.equal(getSpecKeyDoc('channel', 'output'), undefined);
});

test('spec sub-key lookup resolves flags, patterns and prefixes', () => {
  assert.equal(getSpecKeyDoc('disk', 'no-discard')?.subkey, 'discard');
  assert.equal(getSpecKeyDoc('disk', 'untrusted')?.subkey, 'trusted');
  assert.equal(getSpecKeyDoc('disk', 'no-colo')?.subkey, 'colo');
  assert.equal(getSpecKeyDoc('disk', 'phy:')?.subkey, 'PREFIX:');
  assert.equal(getSpecKeyDoc('disk', 'qcow2:')?.subkey, 'FORMAT:');
  assert.equal(getSpecKeyDoc('vif', 'colo_sock_sec_ip')?.subkey, 'colo_*');
  assert.equal(getSpecKeyDoc('vif', 'mac')?.parent, 'vif');
  assert.equal(getSpecKeyDoc('vif', 'nonsense'), undefined);
  assert.deepEqual(getSpecKeyDocs('nonsense'), []);
  assert.deepEqual(getSpecKeyDoc('usbctrl', 'version')?.values, ['1', '2', '3']);
});
