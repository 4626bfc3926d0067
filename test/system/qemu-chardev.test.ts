/**
 * Real qemu check: every -chardev value the renderer emits for channels (each
 * connection/type, each era's spelling) is accepted by Debian's qemu, and
 * deliberately bad values are rejected, so the check can fail. With the
 * Xen-enabled qemu (/usr/libexec/xen-qemu-system-i386, package
 * qemu-system-xen) a whole PV argv is checked up to Xen initialisation.
 *
 * Needs /usr/bin/qemu-system-x86_64 (Debian package qemu-system-x86).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RenderDomain, RenderOptions } from '../../server/src/render/input';
import type { PreviewResult } from '../../server/src/render/types';
import { channel, exampleA, render } from '../unit/render-fixtures';

const QEMU = '/usr/bin/qemu-system-x86_64';
const XEN_QEMU = '/usr/libexec/xen-qemu-system-i386';
const BASE = ['-machine', 'none', '-nodefaults', '-display', 'none', '-monitor', 'none', '-serial', 'none', '-S'];
/** Bound on one qemu run (it answers in well under a second). */
const GIVE_UP_MS = 20000;

interface Outcome {
  /** qemu's exit status: with -daemonize, 0 once it initialised (options accepted), 1 when it refused them. */
  result: number | null;
  /** stderr and stdout (qemu prints the pty it allocates on stdout). */
  stderr: string;
}

let runs = 0;

/**
 * Runs qemu with -daemonize: the launching process exits 0 only after qemu
 * initialised with every option, and 1 when an option is refused; no timing
 * guess is involved. The daemon is then killed through its pid file.
 * `daemonize: false` runs it in the foreground (for the Xen qemu, which stops
 * at Xen initialisation anyway).
 */
function runQemu(binary: string, args: string[], cwd: string, daemonize = true): Promise<Outcome> {
  const pidfile = join(cwd, `qemu-${process.pid}-${runs++}.pid`);
  const full = daemonize ? [...args, '-daemonize', '-pidfile', pidfile] : args;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, full, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    for (const stream of [child.stderr, child.stdout]) {
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => (stderr += d));
    }
    const giveUp = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${binary} did not finish: ${full.join(' ')}`));
    }, GIVE_UP_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(giveUp);
      if (daemonize && existsSync(pidfile)) {
        try {
          process.kill(Number(readFileSync(pidfile, 'utf8').trim()), 'SIGKILL');
        } catch {
          // already gone
        }
      }
      resolve({ result: code, stderr });
    });
  });
}

function accepted(o: Outcome): boolean {
  return o.result === 0;
}

function channelChardevs(r: PreviewResult): string[] {
  return r.qemu.argv.filter((a) => a.origin === 'channel' && a.value !== '-chardev').map((a) => a.value);
}

/** Every channel -chardev form the renderer has, with sockets and files in `dir`. */
function renderedForms(dir: string): Map<string, string> {
  const forms = new Map<string, string>();
  const add = (label: string, d: RenderDomain, version: string, options: Omit<RenderOptions, 'xen'> = {}) => {
    const r = render(d, version, { runDir: dir, ...options });
    assert.equal(r.qemu.runs, true, label);
    channelChardevs(r).forEach((v, i) => forms.set(`${label} #${i}`, v));
    // The QMP monitors' socket chardevs too.
    r.qemu.argv.filter((a) => a.origin === 'qmp' || a.origin === 'libxenstat').forEach((a) => {
      if (a.value.startsWith('socket,')) forms.set(`${label} ${a.origin}`, a.value);
    });
  };
  const upstream = (prefix: string): RenderDomain => ({
    name: 'g',
    type: 'pv',
    memoryMiB: 64,
    channels: [
      channel(0, { name: 'sock', kind: 'socket', path: join(dir, `${prefix}.sock`) }),
      channel(1, { name: 'tty', kind: 'pty' }),
    ],
  });
  const seed: RenderDomain = {
    name: 'g',
    type: 'pv',
    memoryMiB: 64,
    channels: [
      channel(0, { name: 'null0', kind: 'none' }),
      channel(1, { name: 'tty0', kind: 'pty' }),
      channel(2, { name: 'log0', kind: 'file', kindText: 'path', path: join(dir, 'seed-log0.log') }),
      channel(3, { name: 'ctl0', kind: 'socket', path: join(dir, 'seed-ctl0.sock') }),
    ],
  };
  add('4.21', upstream('a421'), '4.21');
  add('4.17 (xl, devid 0)', upstream('a417'), '4.17');
  add('4.15.1', upstream('a4151'), '4.15.1', { devidPolicy: 'explicit' });
  add('4.14', upstream('a414'), '4.14.6', { devidPolicy: 'explicit' });
  add('4.5.0 (xl)', upstream('a450'), '4.5.0');
  const single = upstream('a450u');
  single.channels = single.channels.slice(0, 1);
  add('4.5.0 (devid unset)', single, '4.5.0', { devidPolicy: 'unset' });
  add('seed (xl)', seed, 'seed');
  add('seed (explicit)', seed, 'seed', { devidPolicy: 'explicit' });
  return forms;
}

test('qemu accepts every rendered channel -chardev and rejects bad ones', async (t) => {
  assert.ok(
    existsSync(QEMU),
    `${QEMU} is missing: install the Debian package qemu-system-x86 (apt-get install qemu-system-x86)`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'xlcfg-qemu-'));
  try {
    const forms = renderedForms(dir);
    // Each spelling is there: socket in both eras' forms, pty, null, file, the -1 id.
    const values = [...forms.values()];
    for (const re of [/^socket,.*,server,nowait$/, /^socket,.*,server=on,wait=off$/, /^pty,id=/, /^null,id=/, /^file,id=.*,path=/, /id=libxl-channel-1,/, /id=libxl-channel0$|id=libxl-channel0,/]) {
      assert.ok(values.some((v) => re.test(v)), `no rendered form matches ${re}`);
    }
    const unique = [...new Set(values)];

    // A duplicate id, rendered: seed example C with devids left unset.
    const dup = render(
      {
        name: 'g',
        type: 'pv',
        channels: [channel(0, { name: 'a', kind: 'pty' }), channel(1, { name: 'b', kind: 'socket', path: join(dir, 'dup.sock') })],
      },
      '4.5.0',
      { devidPolicy: 'unset', runDir: dir },
    );
    const comma = render(
      { name: 'g', type: 'pv', channels: [channel(0, { name: 'a', kind: 'socket', path: join(dir, 'a,b.sock') })] },
      '4.21',
      { runDir: dir },
    );
    const bad: Array<[string, string[], RegExp]> = [
      ['unknown driver', ['-chardev', 'bogus,id=x1'], /'bogus' is not a valid char driver name/],
      ['file without path', ['-chardev', 'file,id=c2'], /no filename given/],
      ['no id', ['-chardev', `socket,path=${join(dir, 'noid.sock')},server=on,wait=off`], /no id specified/],
      ['bad boolean', ['-chardev', `socket,id=c1,path=${join(dir, 'b.sock')},server=maybe`], /expects 'on' or 'off'/],
      ['rendered duplicate ids', channelChardevs(dup).flatMap((v) => ['-chardev', v]), /Duplicate ID 'libxl-channel-1' for chardev/],
      ['rendered comma in path', channelChardevs(comma).flatMap((v) => ['-chardev', v]), /Invalid parameter/],
    ];

    const started = Date.now();
    const [good, rejected] = await Promise.all([
      Promise.all(unique.map((v) => runQemu(QEMU, [...BASE, '-chardev', v], dir))),
      Promise.all(bad.map(([, args]) => runQemu(QEMU, [...BASE, ...args], dir))),
    ]);
    const elapsed = Date.now() - started;

    unique.forEach((v, i) => {
      assert.ok(accepted(good[i]), `qemu rejected -chardev '${v}': exit ${good[i].result}\n${good[i].stderr}`);
      assert.doesNotMatch(good[i].stderr, /Invalid parameter|Duplicate ID|not a valid char driver/);
    });
    bad.forEach(([label, args, message], i) => {
      assert.equal(rejected[i].result, 1, `${label}: qemu should exit 1 for ${args.join(' ')}, got ${rejected[i].result}`);
      assert.match(rejected[i].stderr, message, label);
    });
    // The old spelling is accepted with a deprecation warning, the new one silently.
    const oldForm = unique.findIndex((v) => v.endsWith(',server,nowait'));
    assert.match(good[oldForm].stderr, /short-form boolean option 'server' deprecated/);
    const newForm = unique.findIndex((v) => v.startsWith('socket,id=libxl-channel') && v.endsWith(',server=on,wait=off'));
    assert.doesNotMatch(good[newForm].stderr, /deprecated/);
    const pty = unique.findIndex((v) => v.startsWith('pty,'));
    assert.match(good[pty].stderr, /char device redirected to \/dev\/pts\/\d+ \(label libxl-channel\d\)/);
    t.diagnostic(`${unique.length} rendered -chardev values accepted, ${bad.length} bad ones rejected, in ${elapsed} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  'Xen-enabled qemu accepts the full example A argv up to Xen initialisation',
  async () => {
    assert.ok(existsSync(XEN_QEMU), `${XEN_QEMU} not installed (Debian package qemu-system-xen; .ci/run installs it)`);
    const dir = mkdtempSync(join(tmpdir(), 'xlcfg-xenqemu-'));
    try {
      const a = exampleA();
      a.channels[0].path = join(dir, 'cfg-pvguest.sock');
      const renders = [
        render(a, '4.21', { runDir: dir, qemuPath: XEN_QEMU }),
        render(a, '4.14.6', { runDir: dir, qemuPath: XEN_QEMU, devidPolicy: 'explicit' }),
        render(a, '4.5.0', { runDir: dir, qemuPath: XEN_QEMU, devidPolicy: 'unset' }),
      ];
      const outcomes = await Promise.all(renders.map((r) => runQemu(XEN_QEMU, r.qemu.argv.slice(1).map((x) => x.value), dir, false)));
      for (const o of outcomes.slice(0, 2)) {
        assert.notEqual(o.result, 0, 'without Xen, qemu stops at Xen initialisation');
        assert.match(o.stderr, /failed to initialize xen/, o.stderr);
        assert.doesNotMatch(o.stderr, /Invalid parameter|Duplicate ID|invalid option|unsupported machine/i);
      }
      // The duplicate-id argv fails earlier, at option parsing.
      assert.equal(outcomes[2].result, 1);
      assert.match(outcomes[2].stderr, /Duplicate ID 'libxl-channel-1' for chardev/);
      assert.doesNotMatch(outcomes[2].stderr, /failed to initialize xen/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
