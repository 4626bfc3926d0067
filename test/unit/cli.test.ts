/**
 * The xlcfg command line, run as a user runs it (the built bin script).
 */
import { findCorpus } from '../corpus';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const bin = join(process.cwd(), 'bin/xlcfg.js');
const dir = mkdtempSync(join(tmpdir(), 'xlcfg-cli-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, XLCFG_INSTALLED_XEN: process.env.XLCFG_INSTALLED_XEN ?? '' } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

function file(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('check: FILE:LINE:COL: severity: message [code]; exit 1 on errors, 0 when clean', () => {
  const bad = file('bad.cfg', 'name = "x"\nchannel = [ "name=a.b.0,connection=PTY" ]\n');
  const r = run('check', bad);
  assert.equal(r.status, 1);
  assert.match(r.out, new RegExp(`^${bad.replace(/[.]/g, '\\.')}:2:36: error: "PTY" is not a valid connection.* \\[channel-unknown-connection\\]$`, 'm'));
  const good = file('good.cfg', 'name = "x"\nkernel = "/boot/vmlinuz"\nchannel = [ "name=a.b.0,connection=pty" ]\n');
  assert.deepEqual(run('check', good), { status: 0, out: 'xlcfg: checking for Xen 4.22 (the newest release; no xl is installed here and nothing else says which)\n1 file checked, no problems\n', err: '' });
  const warn = file('warn.cfg', 'name = "x"\nkernel = "/boot/vmlinuz"\nchannel = [ "name=a.b.0,connection=pty,path=/x" ]\n');
  const w = run('check', warn);
  assert.equal(w.status, 0, 'warnings alone do not fail');
  assert.match(w.out, /warning: .*\[channel-ignored-path\]/);
});

test('check --format json', () => {
  const bad = file('bad2.cfg', 'name = "x"\nmemory = 1024M\nkernel = "/boot/vmlinuz"\n');
  const r = run('check', '--format', 'json', bad);
  assert.equal(r.status, 1);
  const j = JSON.parse(r.out);
  assert.deepEqual(Object.keys(j[0]).sort(), ['code', 'column', 'effect', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
  assert.equal(j[0].code, 'syntax-number-format');
  assert.equal(j[0].effect, 'xl-refuses');
  assert.deepEqual([j[0].line, j[0].column, j[0].endColumn], [2, 14, 15]);
});

test('check: unreadable files and directories give a clear error, exit 2, no stack trace', () => {
  const r = run('check', join(dir, 'missing.cfg'), dir);
  assert.equal(r.status, 2);
  assert.match(r.err, /missing\.cfg: cannot read: no such file/);
  assert.match(r.err, /is a directory/);
  assert.doesNotMatch(r.err, /at .*\(.*\.js:\d+/);
  // A read error is about the file: no usage text.
  assert.doesNotMatch(r.err, /Usage:/);
  const u = run('check', '--bogus', 'x');
  assert.equal(u.status, 2);
  assert.match(u.err, /unknown option --bogus/);
  assert.match(u.err, /xlcfg --help/);
  const v = run('check', '--xen', 'banana', join(dir, 'good.cfg'));
  assert.equal(v.status, 2);
  assert.match(v.err, /'banana' is not a Xen version/);
  // Versions that look right but are no release are refused too, with what exists.
  for (const [xen, why] of [['4.99', /Xen 4\.99 is not a release xlcfg knows/], ['3.0', /Xen 3\.0 is not a release/], ['4.6.2', /Xen 4\.6 has no point release 2 \(its releases: 4\.6\.0, 4\.6\.1, 4\.6\.3/]] as const) {
    const r = run('check', '--xen', xen, join(dir, 'good.cfg'));
    assert.equal(r.status, 2, xen);
    assert.match(r.err, why);
  }
});

test('check --xen and the file comment choose the release', () => {
  const f = file('rel.cfg', 'name = "x"\nchannel = [ "name=a.b.0,connection=pty" ]\n');
  assert.doesNotMatch(run('check', f).out, /xen-first-channel-lost/);
  assert.match(run('check', '--xen', '4.18.0', f).out, /xen-first-channel-lost/);
  const g = file('rel2.cfg', '# xlcfg: xen=4.18.0\nname = "x"\nchannel = [ "name=a.b.0,connection=pty" ]\n');
  assert.match(run('check', g).out, /xen-first-channel-lost/);
});

test('parse --json: one exact object per file per line', () => {
  const a = file('p1.cfg', 'name = "vm1"\nmemory = 512\nextra = "a"\nextra += "b"\nl = [ 1, [ "x" ] ]\n');
  const b = file('p2.cfg', 'a = 1 b\n');
  const r = run('parse', '--json', a, b);
  assert.equal(r.status, 1);
  const [j1, j2] = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(j1), ['file', 'ok', 'errors', 'settings', 'effective']);
  assert.equal(j1.ok, true);
  assert.deepEqual(j1.settings[3], { name: 'extra', op: '+=', line: 4, value: 'b' });
  assert.deepEqual(j1.effective, { name: 'vm1', memory: '512', extra: 'ab', l: ['1', ['x']] });
  assert.equal(j2.ok, false);
  assert.deepEqual(j2.errors, [{ line: 1, col: 7, message: "config parsing error near `b': syntax error, unexpected IDENT, expecting $end" }]);
  assert.deepEqual(j2.effective, { a: '1' });
});

test('parse (text): a readable listing', () => {
  const a = file('p3.cfg', 'name = "vm1"\ndisk = [ "phy:/dev/x,xvda,w" ]\n');
  const r = run('parse', a);
  assert.equal(r.status, 0);
  assert.match(r.out, /accepted by xl/);
  assert.match(r.out, /name = "vm1"/);
  assert.match(r.out, /disk = \[\n\s+"phy:\/dev\/x,xvda,w",\n\s+\]/);
});

test('parse: a file that is not UTF-8 is read byte for byte', () => {
  const f = file('latin1.cfg', Buffer.from('name = "caf\xe9"\n', 'latin1'));
  const j = JSON.parse(run('parse', '--json', f).out);
  assert.equal(j.effective.name, 'caf\u00e9');
});

test('preview: tree, argv one per line and as a shell line; --domid and --json', () => {
  const f = file('pv.cfg', 'name = "pvguest"\ntype = "pv"\nmemory = 512\nchannel = [ "name=org.example.cfg.0,connection=socket,path=/var/run/xen/cfg.sock" ]\nkernel = "/boot/vmlinuz"\n');
  const r = run('preview', '--domid', '7', f);
  assert.equal(r.status, 0);
  assert.match(r.out, /^\/local\/domain\/7\/device\/console\/1 /m);
  assert.match(r.out, /^ {2}name = "org\.example\.cfg\.0"/m);
  assert.match(r.out, /^ {2}socket,id=libxl-channel1,path=\/var\/run\/xen\/cfg\.sock,server=on,wait=off$/m);
  assert.match(r.out, /^shell:\n {2}\/usr\/lib\/xen\/bin\/qemu-system-i386 -xen-domid 7 /m);
  const old = run('preview', '--domid', '7', '--xen', '4.14', f);
  assert.match(old.out, /server,nowait/);
  const j = JSON.parse(run('preview', '--json', f).out);
  assert.ok(Array.isArray(j.xenstore) && Array.isArray(j.qemu.argv));
  assert.match(j.qemu.shell, /-xen-domid DOMID/);
});

test('preview: the devices with their xenstore directories, what qemu emulates and what is guessed; --json has them', () => {
  const f = file('hvm.cfg', 'name = "h"\ntype = "hvm"\nmemory = 512\ndisk = [ "/srv/h.img,raw,hda,rw" ]\nvif = [ "bridge=br0" ]\n');
  const r = run('preview', '--domid', '7', '--xen', '4.20', f);
  assert.equal(r.status, 0, r.err);
  const out = r.out.slice(r.out.indexOf('\ndevices:\n'));
  assert.match(out, new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:10: disk\\[0\\] hda: vbd 768, backend qdisk in domain 0$`, 'm'));
  assert.match(out, /^ {2}emulated by qemu: IDE disk 0 \(bus 0, unit 0\)$/m);
  assert.match(out, /^ {2}guessed: libxl uses phy only if \/srv\/h\.img is a block device/m);
  assert.match(out, /^ {2}\/local\/domain\/0\/backend\/qdisk\/7\/768 {2}\(n0,r7\)/m);
  assert.match(out, /^ {4}params = "aio:\/srv\/h\.img" {2}\(n0,r7\) read-only to the guest, guessed: /m);
  assert.match(out, /^ {4}mac = "00:16:3e:xx:xx:xx" {2}\(n7,r0\) guest-writable, guessed: no mac=/m);
  assert.match(out, /^ {2}file=\/srv\/h\.img,if=ide,index=0,media=disk,format=raw,cache=writeback$/m);
  assert.match(r.out, /note: vif 0 has no mac=: libxl gives it a random address/);
  const j = JSON.parse(run('preview', '--json', '--xen', '4.20', f).out);
  assert.deepEqual(j.devices.list.map((d: { family: string; kind: string }) => `${d.family}:${d.kind}`), ['disk:vbd', 'vif:vif', 'vkb:vkbd']);
  assert.ok(j.devices.xenstore.some((e: { path: string }) => e.path === '/local/domain/DOMID/device/vif/0/mac'));
});

test('preview: every corpus file with channels renders its channels (socket and pty)', (t) => {
  const dir = findCorpus();
  if (!dir) {
    t.skip('corpus not found');
    return;
  }
  const files = readFileSync(join(dir, 'CHANNELS.txt'), 'utf8').split('\n').filter((l) => /^\S+\.cfg$/.test(l.trim()));
  assert.ok(files.length >= 2);
  for (const rel of files) {
    const f = join(dir, rel.trim());
    const cfg = readFileSync(f, 'utf8');
    const r = run('preview', '--domid', '3', '--json', f);
    assert.equal(r.status, 0, `${rel}: ${r.err}`);
    const p = JSON.parse(r.out);
    // No note about the channels (the devices' notes say what the preview guesses about them).
    assert.deepEqual(p.notes.filter((n: { deviceIndex?: number }) => n.deviceIndex === undefined), [], rel);
    assert.deepEqual(p.findings.filter((x: { severity: string }) => x.severity === 'error'), [], rel);
    const names = p.xenstore.filter((e: { key: string; path: string }) => e.key === 'name' && e.path.startsWith('/local/domain/3/device/console/')).map((e: { value: string }) => e.value);
    assert.deepEqual(names, ['org.qemu.guest_agent.0'], rel);
    const chardevs = p.qemu.argv.filter((a: { origin: string; value: string }) => a.origin === 'channel' && a.value !== '-chardev').map((a: { value: string }) => a.value);
    if (/connection=socket/.test(cfg)) assert.deepEqual(chardevs, ['socket,id=libxl-channel1,path=/path/to/socket,server=on,wait=off'], rel);
    else assert.deepEqual(chardevs, ['pty,id=libxl-channel1'], rel);
  }
});

test('check: a summary line after the findings', () => {
  const files = [
    file('s-clean.cfg', 'name = "a"\nmemory = 512\nkernel = "/boot/vmlinuz"\n'),
    file('s-warn.cfg', 'name = "b"\nmemroy = 512\nkernel = "/boot/vmlinuz"\n'),
    file('s-err.cfg', 'name = "c"\nmemory = 1024M\nkernel = "/boot/vmlinuz"\n'),
    file('s-clean2.cfg', 'name = "d"\nkernel = "/boot/vmlinuz"\n'),
  ];
  const r = run('check', ...files);
  assert.equal(r.status, 1);
  const lines = r.out.trimEnd().split('\n');
  assert.equal(lines[0], 'xlcfg: checking for Xen 4.22 (the newest release; no xl is installed here and nothing else says which)', 'the header says the target and where it came from');
  assert.equal(lines.at(-1), '4 files checked, 1 with errors, 1 with warnings');
  assert.equal(lines.filter((l) => /^\S+:\d+:\d+: /.test(l)).length, lines.length - 2, 'every other line is a finding');
  const missing = run('check', files[0], join(dir, 'nope.cfg'));
  assert.equal(missing.status, 2);
  assert.equal(missing.out.trimEnd().split('\n').at(-1), '1 file checked, no problems; 1 file not checked');
});

test('check: a binary file is refused in one line (exit 2), not quoted byte by byte; UTF-16 says how to fix it', () => {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  const bin = file('blob.cfg', bytes);
  const elf = file('prog.cfg', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.from('name = "x"\n')]));
  const utf16 = file('u16.cfg', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name = "x"\n', 'utf16le')]));
  const r = run('check', bin, elf, utf16);
  assert.equal(r.status, 2);
  assert.equal(r.err, `xlcfg: ${bin}: binary file, not checked\nxlcfg: ${elf}: binary file (an ELF executable), not checked\nxlcfg: ${utf16}: UTF-16 text, not checked: xl reads bytes (ASCII or UTF-8); save the file as UTF-8\n`);
  assert.equal(r.out, 'xlcfg: checking for Xen 4.22 (the newest release; no xl is installed here and nothing else says which)\n0 files checked; 3 files not checked\n');
  // A config with a stray NUL is still a config: checked, and the NUL rule explains it.
  const nul = file('nul.cfg', 'name = "a\u0000b"\n');
  assert.match(run('check', nul).out, /\[syntax-nul-in-string\]/);
  // parse reads everything, as xl does (the libxlu oracle compares with it).
  assert.equal(run('parse', '--json', bin).status, 1);
});

test('a NUL escaped with a backslash is a NUL inside the string: libxlu aborts on it (not an invalid escape), and the finding covers the escape', () => {
  // libxlu's lexer takes a backslash and any byte as one pair, so the NUL stays inside the string; its dequote then asserts.
  for (const [text, col] of [
    ['x = "\\\u0000"\n', 6],
    ["x = 'ab\\\u0000c'\n", 8],
    // An escaped backslash, then a bare NUL: the NUL alone.
    ['x = "\\\\\u0000"\n', 8],
  ] as const) {
    const f = file('escaped-nul.cfg', text);
    const j = JSON.parse(run('parse', '--json', f).out);
    assert.deepEqual(j.errors, [{ line: 1, col, message: 'NUL byte inside a string: libxlu aborts here (xl crashes)' }], JSON.stringify(text));
    const c = run('check', '--format', 'json', f);
    const nul = (JSON.parse(c.out) as Array<{ code: string; column: number; endColumn: number }>).filter((d) => d.code === 'syntax-nul-in-string' || d.code === 'syntax-invalid-escape');
    assert.deepEqual(
      nul.map((d) => [d.code, d.column, d.endColumn]),
      [['syntax-nul-in-string', col, text.indexOf('\u0000') + 2]],
      JSON.stringify(text),
    );
  }
  // Without the NUL, the same backslash is an invalid escape as before.
  assert.match(run('check', file('escape.cfg', 'x = "\\q"\n')).out, /\[syntax-invalid-escape\]/);
});

test('check --format json: a file that cannot be read or checked is an entry, not an empty list', () => {
  const r = run('check', '--format', 'json', join(dir, 'absent.cfg'));
  assert.equal(r.status, 2);
  assert.deepEqual(JSON.parse(r.out), [{ file: join(dir, 'absent.cfg'), severity: 'error', code: 'file-not-checked', message: 'cannot read: no such file' }]);
});

test('control characters from a file never reach the terminal raw; JSON output keeps the same values', () => {
  const f = file('ctl.cfg', 'memory = 512\r\nname = "vm"\n');
  const p = run('parse', f);
  assert.match(p.out, /near `\\r'/);
  assert.doesNotMatch(p.out + p.err, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  const esc = file('esc\u001b[31m.cfg', 'name = "\u009b31m"\nmemory = 512 \u001b\n');
  const c = run('check', esc);
  assert.doesNotMatch(c.out + c.err, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  assert.match(c.out, /esc\\u001b\[31m\.cfg:2:/);
  const j = JSON.parse(run('parse', '--json', esc).out);
  assert.equal(j.effective.name, '\u009b31m');
  assert.equal(j.file, esc);
});

test("one message per place: no 'xl does not read' for a name a syntax error cuts short", () => {
  const f = file('cut.cfg', 'name = "x"\non-crash = "restart"\n');
  const r = run('check', f);
  assert.match(r.out, /:2:3: error: .*xl reads 'on' and then fails.*\[syntax-python\]/);
  assert.doesNotMatch(r.out, /xen-key-unknown/);
});

test('--help lists every command and option; COMMAND --help; options before the command', () => {
  const h = run('--help');
  assert.equal(h.status, 0);
  for (const s of ['xlcfg check', 'xlcfg parse', 'xlcfg preview', '--format', '--xen VERSION', '--dialect', '--domid', '--json', 'seed-2014']) assert.ok(h.out.includes(s), s);
  const c = run('check', '--help');
  assert.equal(c.status, 0);
  assert.match(c.out, /^Usage:\n {2}xlcfg check .*--xen VERSION/);
  assert.doesNotMatch(c.out, /xlcfg parse/);
  const f = file('order.cfg', 'name = "x"\nchannel = [ "name=a.b.0,connection=pty" ]\n');
  assert.match(run('--xen', '4.18.0', 'check', f).out, /xen-first-channel-lost/);
  assert.match(run('check', f, '--xen=4.18.0').out, /xen-first-channel-lost/);
  const none = run('--xen', '4.18.0');
  assert.equal(none.status, 2);
  assert.match(none.err, /no command given/);
  assert.match(run('check', '--format').err, /--format needs a value/);
  assert.match(run('parse', '--json=1', f).err, /--json takes no value/);
  assert.match(run('frobnicate').err, /unknown command 'frobnicate'/);
});

test('preview: a file xl refuses says so first and exits 1; a clean one exits 0', () => {
  const bad = file('p-bad.cfg', 'name = "g"\nmemory = 2G\nchannel = [ "name=a.b.0,connection=pty" ]\nkernel = "/boot/vmlinuz"\n');
  const r = run('preview', bad);
  assert.equal(r.status, 1);
  const lines = r.out.split('\n');
  assert.match(lines[0], /xl 4\.22 refuses this file, so nothing below happens/);
  assert.match(lines[2], /error: .*\[syntax-number-format\]$/, 'the refusal comes before the rest');
  const good = file('p-good.cfg', 'name = "g"\nmemory = 512\nchannel = [ "name=a.b.0,connection=pty" ]\nkernel = "/boot/vmlinuz"\n');
  const g = run('preview', good);
  assert.equal(g.status, 0);
  assert.doesNotMatch(g.out, /refuses/);
  const j = JSON.parse(run('preview', '--json', bad).out);
  assert.equal(j.findings[0].effect, 'xl-refuses');
  assert.equal(j.findings[0].line, 2);
});
