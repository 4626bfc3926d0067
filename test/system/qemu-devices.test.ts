/**
 * Real qemu check of the emulated disks and network cards the preview renders
 * for an HVM guest (render/devicesQemu.ts): Debian's qemu 7.2 accepts the
 * -drive/-device/-netdev arguments of the releases whose forms it knows
 * (4.15.1 and later: ide-cd, scsi-hd; the IDE, AHCI and SCSI disks and the
 * cards), on a PC machine (the same PIIX IDE buses as Xen's xenfv), with
 * image files in a temporary directory; and it refuses what the preview says
 * it refuses (a cdrom past the IDE units, two disks in one unit), and the
 * older forms it no longer has (scsi-disk, if=scsi), so the check can fail.
 * The Xen-enabled qemu takes a whole rendered HVM command line up to Xen
 * initialisation.
 *
 * A tap card needs /dev/net/tun and the right to create interfaces: without
 * them qemu refuses only after reading every option ("could not configure
 * /dev/net/tun"), which still shows the options are qemu's.
 *
 * Needs /usr/bin/qemu-system-x86_64 (Debian package qemu-system-x86) and,
 * for the last test, /usr/libexec/xen-qemu-system-i386 (qemu-system-xen).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { previewModel } from '../../server/src/render/previewDocument';
import type { PreviewResult } from '../../server/src/render/types';

const QEMU = '/usr/bin/qemu-system-x86_64';
const XEN_QEMU = '/usr/libexec/xen-qemu-system-i386';
const BASE = ['-machine', 'pc', '-nodefaults', '-display', 'none', '-monitor', 'none', '-serial', 'none', '-S'];
const GIVE_UP_MS = 20000;
/** A domid of our own, so that tap names (vifD.N-emu) do not meet another run's. */
const DOMID = 20000 + (process.pid % 10000);

interface Outcome {
  result: number | null;
  stderr: string;
}

let runs = 0;

/** qemu with -daemonize: exit 0 once every option is accepted and the machine built, 1 when one is refused. */
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

function render(text: string, xen: string, dir: string): PreviewResult {
  const v = parseXenVersion(xen)!;
  const doc = checkText(text, { xen: v });
  return previewModel(doc.model, { xen: v, domid: DOMID, runDir: dir });
}

/** The emulated devices' arguments of a rendering. */
function deviceArgs(p: PreviewResult): string[] {
  return p.qemu.argv.filter((a) => a.origin === 'disk' || a.origin === 'nic').map((a) => a.value);
}

/** Accepted, or refused only where a tap device cannot be created here. */
function accepted(o: Outcome): boolean {
  return o.result === 0 || (o.result === 1 && /could not configure \/dev\/net\/tun/.test(o.stderr) && !/Invalid parameter|doesn't take value|not a valid/.test(o.stderr));
}

/** Image files of their own (qemu locks an image it opens: parallel runs need their own). */
function images(parent: string): Record<string, string> {
  const dir = mkdtempSync(join(parent, 'img-'));
  const out: Record<string, string> = {};
  for (const name of ['a.img', 'b.img', 'c.iso', 'd.img', 'e.img', 'f.img']) {
    const f = join(dir, name);
    writeFileSync(f, Buffer.alloc(1 << 20));
    out[name] = f;
  }
  return out;
}

const HVM = 'name = "h"\ntype = "hvm"\nmemory = 256\n';

test('qemu accepts the rendered disks, cdroms and cards (4.15.1+ forms) and refuses what the preview says fails', async (t) => {
  assert.ok(existsSync(QEMU), `${QEMU} is missing: install the Debian package qemu-system-x86 (apt-get install qemu-system-x86)`);
  const dir = mkdtempSync(join(tmpdir(), 'xlcfg-qemu-dev-'));
  try {
    type Text = (img: Record<string, string>) => string;
    const good: Array<[string, Text, string]> = [
      [
        'IDE disks, IDE cdroms, SCSI disks, two cards',
        (img) => `${HVM}disk = [ "${img['a.img']},raw,hda,w", "${img['b.img']},raw,hdb,w", "${img['c.iso']},raw,hdc:cdrom,r", ",raw,hdd:cdrom,r", "${img['d.img']},raw,sda,w", "backendtype=phy,vdev=sdc,access=r,target=${img['e.img']}" ]\nvif = [ "mac=00:16:3e:00:00:01,bridge=br0,model=e1000", "mac=00:16:3e:00:00:02,bridge=br1" ]\n`,
        '4.20',
      ],
      ['the same in 4.15.1', (img) => `${HVM}disk = [ "${img['a.img']},raw,hda,w", "${img['c.iso']},raw,hdc:cdrom,r", "${img['d.img']},raw,sdb,w" ]\n`, '4.15.1'],
      ['AHCI disks and an IDE cdrom', (img) => `${HVM}hdtype = "ahci"\ndisk = [ "${img['a.img']},raw,hda,w", "${img['f.img']},raw,xvdf,w", "${img['c.iso']},raw,hdc:cdrom,r" ]\n`, '4.20'],
      ['a disk past the IDE units is PV only, and so is a cdrom from index 5 (4.14+)', (img) => `${HVM}disk = [ "${img['a.img']},raw,xvda,w", "${img['b.img']},raw,xvde,w", "${img['c.iso']},raw,xvdf:cdrom,r" ]\n`, '4.20'],
    ];
    const bad: Array<[string, Text, string, string, RegExp]> = [
      ['a cdrom at index 4', (img) => `${HVM}disk = [ "${img['c.iso']},raw,xvde:cdrom,r" ]\n`, '4.20', 'disk-no-ide-bus', /Bus 'ide\.2' not found/],
      ['the same before 4.14', (img) => `${HVM}disk = [ "${img['c.iso']},raw,xvdg:cdrom,r" ]\n`, '4.13', 'disk-no-ide-bus', /machine type does not support if=ide,bus=3,unit=0/],
      ['hda and xvda', (img) => `${HVM}disk = [ "${img['a.img']},raw,hda,w", "${img['b.img']},raw,xvda,w" ]\n`, '4.20', 'disk-emulated-twice', /drive with bus=0, unit=0 \(index=0\) exists/],
      ['a cdrom in the unit of a disk', (img) => `${HVM}disk = [ "${img['a.img']},raw,hdb,w", "${img['c.iso']},raw,xvdb:cdrom,r" ]\n`, '4.20', 'disk-emulated-twice', /IDE unit 1 is in use/],
    ];
    // Forms of older releases that this qemu no longer has: it refuses them (their own qemu-xen had them).
    const gone: Array<[string, Text, string, RegExp]> = [
      ['scsi-disk (4.11.0-4.15.0)', (img) => `${HVM}disk = [ "${img['d.img']},raw,sda,w" ]\n`, '4.14', /'scsi-disk' is not a valid device model name/],
      ['if=scsi (4.5-4.10)', (img) => `${HVM}disk = [ "${img['d.img']},raw,sda,w" ]\n`, '4.10', /machine type does not support if=scsi/],
    ];
    const renderedGood = good.map(([label, text, xen]) => {
      const p = render(text(images(dir)), xen, dir);
      const args = deviceArgs(p);
      assert.ok(args.length > 0, label);
      assert.deepEqual(p.notes.filter((n) => n.effect === 'qemu-fails' || n.effect === 'libxl-refuses'), [], label);
      return { label, args, p };
    });
    // The renderings cover every form of the current releases.
    const all = renderedGood.flatMap((g) => g.args);
    for (const re of [/^lsi53c895a$/, /^scsi-hd,/, /^ide-cd,/, /,if=ide,index=\d,media=disk,/, /,if=none,id=ahcidisk-\d,/, /^ide-hd,bus=ahci0\.\d/, /^ahci,id=ahci0$/, /^e1000,/, /^rtl8139,/, /^type=tap,.*,br=br1,/, /readonly=on,cache=writeback$/]) {
      assert.ok(all.some((a) => re.test(a)), `no rendered argument matches ${re}`);
    }
    const renderedBad = bad.map(([label, text, xen, code, message]) => {
      const p = render(text(images(dir)), xen, dir);
      assert.ok(p.notes.some((n) => n.code === code && n.effect === 'qemu-fails'), `${label}: the preview says qemu fails (${code})`);
      return { label, args: deviceArgs(p), message };
    });
    const renderedGone = gone.map(([label, text, xen, message]) => ({ label, args: deviceArgs(render(text(images(dir)), xen, dir)), message }));

    const started = Date.now();
    const [ok, refused, old] = await Promise.all([
      Promise.all(renderedGood.map((g) => runQemu(QEMU, [...BASE, ...g.args], dir))),
      Promise.all(renderedBad.map((b) => runQemu(QEMU, [...BASE, ...b.args], dir))),
      Promise.all(renderedGone.map((b) => runQemu(QEMU, [...BASE, ...b.args], dir))),
    ]);
    renderedGood.forEach((g, i) => assert.ok(accepted(ok[i]), `${g.label}: qemu refused ${g.args.join(' ')}\nexit ${ok[i].result}: ${ok[i].stderr}`));
    [...renderedBad, ...renderedGone].forEach((b, i) => {
      const o = [...refused, ...old][i];
      assert.equal(o.result, 1, `${b.label}: qemu should refuse ${b.args.join(' ')}`);
      assert.match(o.stderr, b.message, b.label);
    });
    const tap = ok.some((o) => o.result === 0 && renderedGood[ok.indexOf(o)].args.some((a) => a.startsWith('type=tap')));
    t.diagnostic(`${renderedGood.length} renderings accepted (${all.length} arguments; tap devices ${tap ? 'created' : 'not creatable here'}), ${renderedBad.length + renderedGone.length} refused as expected, in ${Date.now() - started} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad card or disk option is refused by qemu (the check can fail)', async () => {
  assert.ok(existsSync(QEMU), `${QEMU} is missing`);
  const dir = mkdtempSync(join(tmpdir(), 'xlcfg-qemu-dev-'));
  try {
    const img = images(dir);
    const cases: Array<[string[], RegExp]> = [
      [['-device', 'e1000,id=nic0,netdev=net0,mac=00:16:3e:00:00:01', '-netdev', `type=tap,id=net0,ifname=vif${DOMID}.0-emu,bridge=br0,script=no,downscript=no`], /Invalid parameter 'bridge'/],
      // The random MAC placeholder is not a MAC: a copied command line with it does not run.
      [['-device', 'rtl8139,id=nic0,netdev=net0,mac=00:16:3e:xx:xx:xx', '-netdev', `type=tap,id=net0,ifname=vif${DOMID}.0-emu,br=br0,script=no,downscript=no`], /doesn't take value '00:16:3e:xx:xx:xx'/],
      [['-drive', `file=${img['a.img']},if=ide,index=0,media=disk,format=qcow2,cache=writeback`], /Image is not in qcow2 format/],
      [['-drive', `file=${img['a.img']},if=ide,index=0,media=disk,format=nosuch,cache=writeback`], /Unknown driver 'nosuch'/],
    ];
    const outcomes = await Promise.all(cases.map(([args]) => runQemu(QEMU, [...BASE, ...args], dir)));
    cases.forEach(([args, re], i) => {
      assert.equal(outcomes[i].result, 1, args.join(' '));
      assert.match(outcomes[i].stderr, re);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Xen-enabled qemu takes a whole rendered HVM command line with disks and cards up to Xen initialisation', async () => {
  assert.ok(existsSync(XEN_QEMU), `${XEN_QEMU} not installed (Debian package qemu-system-xen)`);
  const dir = mkdtempSync(join(tmpdir(), 'xlcfg-xenqemu-dev-'));
  try {
    const img = images(dir);
    const text = `${HVM}disk = [ "${img['a.img']},raw,hda,w", "${img['c.iso']},raw,hdc:cdrom,r", "${img['d.img']},raw,sda,w" ]\nvif = [ "mac=00:16:3e:00:00:01,bridge=br0" ]\n`;
    const p = render(text, '4.20', dir);
    const o = await runQemu(XEN_QEMU, p.qemu.argv.slice(1).map((a) => a.value), dir, false);
    assert.notEqual(o.result, 0, 'without Xen, qemu stops at Xen initialisation');
    assert.match(o.stderr, /failed to initialize xen/, o.stderr);
    assert.doesNotMatch(o.stderr, /Invalid parameter|invalid option|not a valid|Could not open|Unknown driver/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
