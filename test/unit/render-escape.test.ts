/**
 * Hostile names and paths: the libvirt XML, the qemu shell line, the udev rule
 * and the guest helper script must keep them exact and inert. The shell
 * outputs are run with the system's /bin/sh to prove it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channel, render } from './render-fixtures';
import type { RenderDomain } from '../../server/src/render/input';
import { shellCommentText, shellQuote, shellQuoteArg } from '../../server/src/render/shellQuote';
import { xmlEscape } from '../../server/src/render/libvirtXml';

const HOSTILE = [
  `a<b>&c'd"e`,
  '$(touch PWNED)',
  '`touch PWNED`',
  "x'; touch PWNED; echo '",
  'line1\nline2',
  'tab\there\rcr',
  'ünïcödé 🦀 日本語',
  '-n',
  '~root',
  '#not-a-comment',
  ']]>--><!-- x',
  '\\back\\slash\\',
  '*?[a]{b,c}',
  '${HOME}$HOME',
  'ctl\u0001\u007f\u0085',
  'sep\u2028\u2029',
  'a'.repeat(5000),
  'trailing space ',
  '',
];

function domainWith(name: string, path: string): RenderDomain {
  return {
    name: `dom ${name}`,
    type: 'pv',
    memoryMiB: 64,
    channels: [channel(0, { name, kind: 'socket', path }), channel(1, { name, kind: 'pty' })],
  };
}

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

// ---------------------------------------------------------------------------
// XML

function xmlUnescape(text: string): string {
  return text.replace(/&(amp|lt|gt|apos|quot|#(\d+));/g, (_, name: string, num?: string) => {
    if (num) return String.fromCodePoint(Number(num));
    return { amp: '&', lt: '<', gt: '>', apos: "'", quot: '"' }[name] as string;
  });
}

/** What a string looks like after XML escaping and parsing: unrepresentable characters become U+FFFD. */
function xmlVisible(text: string): string {
  return [...text].map((c) => (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(c) ? '\ufffd' : c)).join('');
}

test('libvirt XML: every hostile name and path is escaped and comes back exact', () => {
  for (const s of HOSTILE) {
    const path = `/run/${s}`;
    const r = render(domainWith(s, path), '4.21');
    const xml = r.libvirtXml;
    // Markup only: outside tags and comments there is nothing but whitespace.
    const comments = xml.match(/<!--[\s\S]*?-->/g) ?? [];
    for (const c of comments) assert.doesNotMatch(c.slice(4, -3), /--/);
    const rest = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^<>]*>/g, '');
    assert.match(rest, /^\s*$/, JSON.stringify(s));
    // Inside attribute values: no raw quote, <, or & that does not start an entity.
    const attrs = [...xml.matchAll(/ (\w+)='([^']*)'/g)].map((m) => [m[1], m[2]] as const);
    for (const [, v] of attrs) {
      assert.doesNotMatch(v, /[<"\n\r\t]/);
      assert.doesNotMatch(v, /&(?!(amp|lt|gt|apos|quot|#\d+);)/);
    }
    const names = attrs.filter(([k]) => k === 'name').map(([, v]) => xmlUnescape(v));
    const paths = attrs.filter(([k]) => k === 'path').map(([, v]) => xmlUnescape(v));
    assert.deepEqual(names, [xmlVisible(s), xmlVisible(s)], JSON.stringify(s));
    assert.deepEqual(paths, [xmlVisible(path)]);
    if (xmlVisible(s) !== s) assert.ok(r.notes.some((p) => p.code === 'xml-unrepresentable'));
  }
});

test('xmlEscape: each special character', () => {
  assert.equal(xmlEscape(`<&>'"`), '&lt;&amp;&gt;&apos;&quot;');
  assert.equal(xmlEscape('a\nb\tc\rd'), 'a&#10;b&#9;c&#13;d');
  assert.equal(xmlEscape('\u0000\u0008\ufffe'), '\ufffd\ufffd\ufffd');
  assert.equal(xmlEscape('🦀\u2028'), '🦀\u2028');
  assert.equal(xmlEscape('\ud800'), '\ufffd', 'a lone surrogate');
});

// ---------------------------------------------------------------------------
// shell

function shWords(words: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

test('shellQuote: /bin/sh reads back every hostile string exactly, with no expansion', () => {
  const dir = tmp('xlcfg-quote-');
  try {
    const words = HOSTILE.map(shellQuote).join(' ');
    const got = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8', cwd: dir }).split('\0').slice(0, -1);
    assert.deepEqual(got, HOSTILE);
    assert.deepEqual(shWords(HOSTILE.map(shellQuoteArg).join(' ')), HOSTILE);
    assert.deepEqual(readdirSync(dir), [], 'nothing was executed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(shellQuote('/usr/lib/xen/bin/qemu-system-i386'), '/usr/lib/xen/bin/qemu-system-i386');
  assert.equal(shellQuote('A=b'), "'A=b'", 'a first word never becomes an assignment');
  assert.equal(shellQuoteArg('chardev=libxl-cmd,mode=control'), 'chardev=libxl-cmd,mode=control');
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});

test('shellCommentText never ends the comment line', () => {
  for (const s of HOSTILE) assert.doesNotMatch(shellCommentText(s), /[\n\r\u2028\u2029\u0085]/);
  assert.equal(shellCommentText('a\nb\\c'), 'a\\nb\\\\c');
});

test('the qemu shell line runs with exactly the rendered argv and env (hostile names, paths and argv[0])', () => {
  const dir = tmp(`xlcfg dump '"$(x) `);
  try {
    const dump = join(dir, "dump 'args'");
    writeFileSync(
      dump,
      `#!/bin/sh\nfor a in "$@"; do printf '%s\\0' "$a"; done\nprintf 'ENV:%s\\0' "\${XEN_QEMU_CONSOLE_LIMIT-unset}" "\${XEN_DOMAIN_ID-unset}"\n`,
    );
    chmodSync(dump, 0o755);
    for (const s of HOSTILE) {
      for (const version of ['4.17', '4.21']) {
        const d = domainWith(s, `/run/${s}`);
        d.deviceModelOverride = dump;
        d.type = version === '4.17' ? 'hvm' : 'pv';
        const r = render(d, version, { devidPolicy: 'explicit' });
        assert.equal(r.qemu.runs, true);
        assert.doesNotMatch(r.qemu.shell, /^[^']*\n/, 'the line only breaks inside quotes');
        const out = execFileSync('/bin/sh', ['-c', r.qemu.shell], { encoding: 'utf8', cwd: dir });
        const got = out.split('\0').slice(0, -1);
        const expectedEnv = [`ENV:${r.qemu.env.XEN_QEMU_CONSOLE_LIMIT ?? 'unset'}`, `ENV:${r.qemu.env.XEN_DOMAIN_ID ?? 'unset'}`];
        assert.deepEqual(got, [...r.qemu.argv.slice(1).map((a) => a.value), ...expectedEnv], JSON.stringify(s));
        assert.ok(r.qemu.argv.some((a) => a.value === `dom ${s}`));
      }
    }
    assert.deepEqual(readdirSync(dir).sort(), ["dump 'args'"], 'nothing was executed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------
// udev rule and helper

test('udev rule: hostile names stay inside comment lines', () => {
  for (const s of HOSTILE) {
    const r = render(domainWith(s, '/run/x'), '4.21');
    for (const line of r.udev.rule.split('\n').filter((l) => l !== '')) {
      assert.ok(line.startsWith('#') || line.startsWith('ACTION=="'), JSON.stringify(line));
      assert.doesNotMatch(line, /[\r\u2028\u2029\u0085\u0000-\u0008]/);
    }
    assert.equal(r.udev.rule.split('\n').filter((l) => l.startsWith('ACTION')).length, 2);
  }
});

interface HelperRun {
  status: number | null;
  stderr: string;
}

function runHelper(helper: string, dir: string, action: string, dev: string, xenstoreName: string | null): HelperRun {
  const stub = join(dir, 'stub');
  mkdirSync(stub, { recursive: true });
  // xenstore-read prints $STUB_NAME (or fails when unset); logger is absent so messages go to stderr.
  writeFileSync(
    join(stub, 'xenstore-read'),
    '#!/bin/sh\n[ "$1" = "device/console/${STUB_N}/name" ] || exit 1\n[ -n "${STUB_NAME+x}" ] || exit 1\nprintf \'%s\' "$STUB_NAME"\n',
  );
  writeFileSync(join(stub, 'logger'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(stub, 'xenstore-read'), 0o755);
  chmodSync(join(stub, 'logger'), 0o755);
  const env: Record<string, string> = {
    PATH: `${stub}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    XEN_CHANNEL_DIR: join(dir, 'links'),
    STUB_N: dev.replace('console-', ''),
  };
  if (xenstoreName !== null) env.STUB_NAME = xenstoreName;
  const res = spawnSync('/bin/sh', [helper, action, dev], { env, encoding: 'utf8', cwd: dir });
  return { status: res.status, stderr: res.stderr };
}

/** Names a file system accepts as one link name, which the helper must create exactly. */
function linkable(s: string): boolean {
  return s !== '' && s !== '.' && s !== '..' && !s.includes('/') && !s.includes('\n') && Buffer.byteLength(s) <= 255;
}

test('guest helper: valid sh for every hostile name; links exactly /dev/xen-channel/NAME -> /dev/hvcN', () => {
  const names = [...HOSTILE.filter((s) => s.length < 1000), 'b'.repeat(200), 'a/../../escape', '..', '.'];
  for (const s of names) {
    const dir = tmp('xlcfg-udev-');
    try {
      const r = render(domainWith(s, '/run/x'), '4.21');
      const helper = join(dir, 'xen-channel-link');
      writeFileSync(helper, r.udev.helper);
      assert.equal(spawnSync('/bin/sh', ['-n', helper]).status, 0, `syntax: ${JSON.stringify(s)}`);
      const links = join(dir, 'links');
      const add = runHelper(helper, dir, 'add', 'console-2', s);
      if (linkable(s)) {
        assert.equal(add.status, 0, `${JSON.stringify(s)}: ${add.stderr}`);
        assert.deepEqual(readdirSync(links), [s]);
        assert.ok(lstatSync(join(links, s)).isSymbolicLink());
        assert.equal(readlinkSync(join(links, s)), '/dev/hvc2');
        // xenstore agrees with the config: no warning. The embedded config name is exact.
        assert.doesNotMatch(add.stderr, /the config says/, JSON.stringify(s));
        const rm = runHelper(helper, dir, 'remove', 'console-2', null);
        assert.equal(rm.status, 0);
        assert.deepEqual(readdirSync(links), []);
      } else {
        assert.notEqual(add.status, 0, JSON.stringify(s));
        assert.ok(!existsSync(links) || readdirSync(links).length === 0);
      }
      // Nothing else appeared next to the helper (no command ran from the name).
      assert.deepEqual(readdirSync(dir).filter((f) => !['xen-channel-link', 'stub', 'links'].includes(f)), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('guest helper: warns when xenstore disagrees with the config; ignores non-channels and console 0', () => {
  const dir = tmp('xlcfg-udev-');
  try {
    const r = render(domainWith("it's a name", '/run/x'), '4.21');
    const helper = join(dir, 'xen-channel-link');
    writeFileSync(helper, r.udev.helper);
    const other = runHelper(helper, dir, 'add', 'console-1', 'other.name');
    assert.equal(other.status, 0);
    assert.match(other.stderr, /console 1 is named other\.name in xenstore, the config says it's a name/);
    assert.equal(readlinkSync(join(dir, 'links', 'other.name')), '/dev/hvc1');
    const none = runHelper(helper, dir, 'add', 'console-7', null);
    assert.equal(none.status, 0, 'a console without a name is not a channel');
    assert.equal(runHelper(helper, dir, 'add', 'console-0', 'x').status, 0);
    assert.deepEqual(readdirSync(join(dir, 'links')), ['other.name']);
    assert.equal(runHelper(helper, dir, 'add', 'console-x;rm', 'x').status, 2);
    assert.equal(runHelper(helper, dir, 'frob', 'console-1', 'x').status, 2);
    assert.match(readFileSync(helper, 'utf8'), /^#!\/bin\/sh\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
