/**
 * The HVM qemu line says what the config sets: the graphics card (vga=,
 * stdvga=, videoram=), VNC (vnc=, vnclisten=, vncdisplay=, vncunused=,
 * vncpasswd=) and the boot order; an argument the file does not set is marked
 * as libxl's default; settings that add arguments the preview does not render
 * make the line say it is incomplete.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { previewModel } from '../../server/src/render/previewDocument';
import type { ArgvItem } from '../../server/src/render/types';

const BASE = 'name = "h"\ntype = "hvm"\nmemory = 1024\n';

function argv(extra: string, xen = '4.20') {
  const doc = checkText(BASE + extra, { xen: parseXenVersion(xen)! });
  return previewModel(doc.model, { xen: doc.options.xen });
}

/** The value after a flag, and the item itself. */
function after(items: ArgvItem[], flag: string): ArgvItem | undefined {
  const i = items.findIndex((a) => a.value === flag);
  return i < 0 ? undefined : items[i + 1];
}

test('nothing set: cirrus, VNC on 127.0.0.1:0 and boot order cda, each marked as libxl default; -m leaves the video memory out', () => {
  const q = argv('').qemu;
  assert.equal(after(q.argv, '-device')?.value, 'cirrus-vga,vgamem_mb=8');
  assert.equal(after(q.argv, '-device')?.source, 'default');
  assert.equal(after(q.argv, '-vnc')?.value, '127.0.0.1:0,to=99');
  assert.equal(after(q.argv, '-vnc')?.source, 'default');
  assert.equal(after(q.argv, '-boot')?.value, 'order=cda');
  assert.equal(after(q.argv, '-boot')?.source, 'default');
  assert.equal(after(q.argv, '-net')?.value, 'none');
  assert.equal(after(q.argv, '-m')?.value, '1016');
  assert.deepEqual(q.unrendered, []);
});

test('vga, videoram and stdvga as xl reads them, with libxl default video memory per card', () => {
  assert.equal(after(argv('vga = "stdvga"\n').qemu.argv, '-device')?.value, 'VGA,vgamem_mb=16');
  assert.equal(after(argv('vga = "stdvga"\nvideoram = 32\n').qemu.argv, '-device')?.value, 'VGA,vgamem_mb=32');
  assert.equal(after(argv('vga = "qxl"\n').qemu.argv, '-device')?.value, 'qxl-vga,vram_size_mb=64,ram_size_mb=64');
  assert.equal(after(argv('stdvga = 1\n').qemu.argv, '-device')?.value, 'VGA,vgamem_mb=16');
  const none = argv('vga = "none"\n');
  assert.ok(!none.qemu.argv.some((a) => /vga/i.test(a.value)), 'no card');
  assert.equal(after(none.qemu.argv, '-m')?.value, '1024', 'no video memory taken from the RAM');
  const file = after(argv('vga = "stdvga"\n').qemu.argv, '-device')!;
  assert.equal(file.source, 'file');
  assert.ok(file.span, 'linked to vga=');
});

test('VNC: listen address, display, unused-port search and password, per release', () => {
  assert.equal(after(argv('vnclisten = "0.0.0.0"\nvncdisplay = 3\n').qemu.argv, '-vnc')?.value, '0.0.0.0:3,to=99');
  assert.equal(after(argv('vnclisten = "10.0.0.1:5"\n').qemu.argv, '-vnc')?.value, '10.0.0.1:5,to=99');
  assert.equal(after(argv('vncunused = 0\n').qemu.argv, '-vnc')?.value, '127.0.0.1:0');
  assert.equal(after(argv('vncpasswd = "s3cret"\n').qemu.argv, '-vnc')?.value, '127.0.0.1:0,password=on,to=99');
  assert.equal(after(argv('vncpasswd = "s3cret"\n', '4.15').qemu.argv, '-vnc')?.value, '127.0.0.1:0,password,to=99');
  assert.equal(after(argv('vnc = 0\n').qemu.argv, '-vnc')?.value, 'none');
  assert.equal(after(argv('vnclisten = "0.0.0.0"\n').qemu.argv, '-vnc')?.source, 'file');
});

test('boot= is the boot order', () => {
  const b = after(argv('boot = "dc"\n').qemu.argv, '-boot')!;
  assert.deepEqual([b.value, b.source], ['order=dc', 'file']);
});

test('settings that add arguments the preview does not render make the line incomplete; disks and emulated NICs are rendered (and take -net none away)', () => {
  const q = argv('disk = [ "/dev/vg/h,raw,xvda,rw" ]\nvif = [ "bridge=xenbr0" ]\nvcpus = 2\nsoundhw = "hda"\n').qemu;
  assert.deepEqual(q.unrendered.map((u) => u.key), ['soundhw', 'vcpus']);
  assert.ok(!q.argv.some((a) => a.value === '-net'), 'the emulated NIC replaces -net none');
  assert.ok(q.argv.some((a) => a.origin === 'nic' && a.value.startsWith('type=tap,')), 'the NIC is on the line');
  assert.ok(q.argv.some((a) => a.origin === 'disk' && a.value.startsWith('file=/dev/vg/h,if=ide,index=0')), 'the disk is on the line');
  // A vif of type=vif is PV only: -net none stays.
  assert.equal(after(argv('vif = [ "type=vif" ]\n').qemu.argv, '-net')?.value, 'none');
  assert.deepEqual(argv('vcpus = 1\n').qemu.unrendered, [], 'one vCPU adds nothing');
  // A PV guest's xenpv qemu: only framebuffers, SDL and the keymap count.
  const pv = checkText('name = "p"\nkernel = "/k"\nvfb = [ "vnc=1" ]\ndisk = [ "/dev/x,raw,xvda,rw" ]\n');
  assert.deepEqual(previewModel(pv.model, { xen: pv.options.xen }).qemu.unrendered.map((u) => u.key), ['vfb']);
});
