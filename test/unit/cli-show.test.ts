/**
 * `xlcfg show`, run as a user runs it: the libxl domain configuration xl
 * builds (readable, or xl's own JSON text with --json), xl's messages and
 * exit status when it refuses the file. (Real xl judges the JSON itself in
 * test/oracle/xl/domain*.test.ts.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const bin = join(process.cwd(), 'bin/xlcfg.js');
const dir = mkdtempSync(join(tmpdir(), 'xlcfg-show-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, XLCFG_INSTALLED_XEN: '' } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const GUEST = 'name = "web"\nkernel = "/boot/vmlinuz"\nmemory = 512\nuuid = "0e0f3ac4-3b4a-4c4f-9a0f-6d7f8c9b0a11"\non_crash = "rename-restart"\n';

test('show: the configuration as a tree, each value with the line it comes from', () => {
  const f = file('web.cfg', GUEST);
  const r = run('show', '--xen', '4.17', f);
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /^c_info$/m);
  assert.match(r.out, /^ {2}name: "web" +line 1$/m);
  assert.match(r.out, /^ {2}uuid: "0e0f3ac4-3b4a-4c4f-9a0f-6d7f8c9b0a11" +line 4$/m);
  assert.match(r.out, /^ {2}target_memkb: 524288 +line 3$/m);
  assert.match(r.out, /^on_crash: "restart_rename" +line 5$/m);
  // Defaults xl leaves out are not shown; values xl sets itself have no line.
  assert.doesNotMatch(r.out, /on_poweroff/);
  assert.match(r.out, /^ {2}run_hotplug_scripts: "True"$/m);
  assert.match(r.err, /^Parsing config from .*web\.cfg$/m);
});

test('show --json: the JSON text xl prints (IDL order, 4-space yajl layout up to 4.20, json-c from 4.21), a random uuid when the file has none', () => {
  const f = file('web2.cfg', GUEST);
  const j = run('show', '--xen', '4.17', '--json', f);
  assert.equal(j.status, 0, j.err);
  const v = JSON.parse(j.out) as { c_info: Record<string, unknown>; b_info: Record<string, unknown> };
  assert.deepEqual(Object.keys(v), ['c_info', 'b_info', 'on_reboot', 'on_crash', 'on_soft_reset']);
  assert.equal(v.c_info.uuid, '0e0f3ac4-3b4a-4c4f-9a0f-6d7f8c9b0a11');
  assert.match(j.out, /^ {4}"c_info": \{\n {8}"type": "pv",/m);
  const c = run('show', '--xen', '4.21', '--json', f);
  assert.match(c.out, /^ {2}"c_info":\{/m, 'json-c layout from 4.21');
  const noUuid = file('nouuid.cfg', 'name = "a"\nkernel = "/k"\n');
  const a = JSON.parse(run('show', '--json', noUuid).out) as { c_info: { uuid?: string } };
  const b = JSON.parse(run('show', '--json', noUuid).out) as { c_info: { uuid?: string } };
  assert.match(a.c_info.uuid!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a.c_info.uuid, b.c_info.uuid);
  assert.equal((JSON.parse(run('show', '--json', '--no-uuid', noUuid).out) as { c_info: { uuid?: string } }).c_info.uuid, undefined);
});

test('show: where xl refuses the file, its messages and its exit status', () => {
  const noName = file('noname.cfg', 'kernel = "/k"\nmemory = "2G"\n');
  const r = run('show', '--xen', '4.17', noName);
  assert.equal(r.status, 1);
  assert.equal(r.out, '');
  // xl reads name= before memory=: it stops there, and never gets to memory's warning.
  assert.match(r.err, /noname\.cfg\nDomain name must be specified\.\n/);
  assert.doesNotMatch(r.err, /memory/);
  const badMemory = file('badmem.cfg', 'name = "a"\nkernel = "/k"\nmemory = "2G"\n');
  const m = run('show', '--xen', '4.17', badMemory);
  assert.equal(m.status, 0);
  assert.match(m.err, /badmem\.cfg:3: warning: parameter `memory' is not a valid number/);
  assert.match(r.err, /xl 4\.17 refuses this file \(exit status 1\)/);
  const grant = file('grant.cfg', 'name = "a"\nkernel = "/k"\nmax_grant_frames = "lots"\n');
  assert.equal(run('show', '--xen', '4.17', grant).status, 1, 'bounded from 4.12.2: xl exits without a word');
  assert.equal(run('show', '--xen', '4.12.0', grant).status, 0, 'before 4.12.2 only a warning');
  const syntax = file('syntax.cfg', 'name = "a"\nmemory = 1024M\n');
  const s = run('show', '--xen', '4.17', '--json', syntax);
  assert.equal(s.status, 1);
  assert.match(s.err, /syntax\.cfg:2: config parsing error near `M': .*\nFailed to parse config: Invalid argument/);
  assert.equal(run('show', '--xen', 'seed-2014', syntax).status, 2);
  assert.equal(run('show', '--host', 'lots', syntax).status, 2);
});
