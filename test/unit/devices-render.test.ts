/**
 * The qemu-xen arguments of an HVM guest's emulated disks and network cards
 * (render/devicesQemu.ts), in the form and place of each release
 * (render/deviceEra.ts), checked against libxl__build_device_model_args_new
 * at the RELEASE-x.y.z tags: where each argument goes in the command line,
 * cdroms, IDE/SCSI/AHCI disks, read-only disks, formats, nics; and when libxl
 * or qemu refuse.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { argsOf, dev, deviceArgs, HVM, noteCodes, PV, show, spanText } from './device-fixtures';

const DISKS = 'disk = [ "/dev/vg/a,raw,hda,w", "format=qcow2,vdev=hdb,target=/srv/b.qcow2", "/srv/c.iso,raw,hdc:cdrom,r", "backendtype=phy,vdev=sda,target=/dev/vg/d" ]\n';
const NICS = 'vif = [ "mac=00:16:3e:00:00:01,bridge=br0,model=e1000", "type=vif", "mac=00:16:3e:00:00:03,bridge=br1" ]\n';

test('4.20: IDE disks, an IDE cdrom, a SCSI disk and two emulated cards, each in its place of the command line', () => {
  const r = show(HVM + DISKS + NICS + 'serial = "pty"\n');
  const argv = r.p.qemu.argv.map((a) => a.value);
  assert.deepEqual(deviceArgs(r), [
    '-device',
    'lsi53c895a',
    '-device',
    'e1000,id=nic0,netdev=net0,mac=00:16:3e:00:00:01',
    '-netdev',
    'type=tap,id=net0,ifname=vif7.0-emu,br=br0,script=no,downscript=no',
    '-device',
    'rtl8139,id=nic2,netdev=net2,mac=00:16:3e:00:00:03',
    '-netdev',
    'type=tap,id=net2,ifname=vif7.2-emu,br=br1,script=no,downscript=no',
    '-drive',
    'file=/dev/vg/a,if=ide,index=0,media=disk,format=raw,cache=writeback',
    '-drive',
    'file=/srv/b.qcow2,if=ide,index=1,media=disk,format=qcow2,cache=writeback',
    '-drive',
    'if=none,readonly=on,id=ide-5632,file=/srv/c.iso,format=raw',
    '-device',
    'ide-cd,id=ide-5632,drive=ide-5632,bus=ide.1,unit=0',
    '-drive',
    'file=/dev/vg/d,id=scsi0-hd0,format=raw,if=none,readonly=off,cache=writeback',
    '-device',
    'scsi-hd,drive=scsi0-hd0,scsi-id=0',
  ]);
  // The SCSI controller before -serial, the cards before -machine (no -net none), the disks after -m.
  assert.ok(argv.indexOf('lsi53c895a') < argv.indexOf('-serial'));
  assert.ok(argv.indexOf('-boot') < argv.indexOf('e1000,id=nic0,netdev=net0,mac=00:16:3e:00:00:01'));
  assert.ok(argv.indexOf('type=tap,id=net2,ifname=vif7.2-emu,br=br1,script=no,downscript=no') < argv.indexOf('-machine'));
  assert.ok(!argv.includes('-net'));
  assert.ok(argv.indexOf('-m') < argv.indexOf('file=/dev/vg/a,if=ide,index=0,media=disk,format=raw,cache=writeback'));
  assert.deepEqual(r.p.qemu.unrendered, []);
  // What each device became, and where its arguments come from.
  assert.deepEqual(r.p.devices.list.filter((d) => d.family === 'disk').map((d) => d.emulated), ['IDE disk 0 (bus 0, unit 0)', 'IDE disk 1 (bus 0, unit 1)', 'IDE cdrom (bus 1, unit 0)', 'SCSI disk 0']);
  assert.equal(dev(r, 'vif', 1).emulatedNot, 'type=vif: a PV network card only');
  const hda = argsOf(r, dev(r, 'disk', 0));
  assert.equal(spanText(r, hda[1].span), '"/dev/vg/a,raw,hda,w"');
  assert.ok(hda[1].spans?.some((s) => spanText(r, s) === '/dev/vg/a'));
  // phy or qdisk, qemu gets the same raw image: the backend guess does not touch the argument.
  assert.equal(hda[1].guess, undefined);
  assert.deepEqual(argsOf(r, dev(r, 'disk', 3)).map((a) => a.value), ['-device', 'lsi53c895a', '-drive', 'file=/dev/vg/d,id=scsi0-hd0,format=raw,if=none,readonly=off,cache=writeback', '-device', 'scsi-hd,drive=scsi0-hd0,scsi-id=0']);
  // Without emulated cards: -net none.
  const none = show(HVM + 'vif = [ "type=vif" ]\n').p.qemu.argv.map((a) => a.value);
  assert.equal(none[none.indexOf('-net') + 1], 'none');
});

test('cdroms per release: -drive media=cdrom (4.5, readonly= from 4.5.2), readonly=on (4.7), ide-cd (4.15.1, 4.16)', () => {
  const cd = (xen: string) => deviceArgs(show(`${HVM}disk = [ "/srv/c.iso,raw,hdc:cdrom,r", ",raw,hdd:cdrom,r" ]\n`, xen));
  assert.deepEqual(cd('4.5.1'), ['-drive', 'file=/srv/c.iso,if=ide,index=2,media=cdrom,format=raw,cache=writeback,id=ide-5632', '-drive', 'if=ide,index=3,media=cdrom,cache=writeback,id=ide-5696']);
  assert.deepEqual(cd('4.5.2'), ['-drive', 'file=/srv/c.iso,if=ide,index=2,readonly=on,media=cdrom,format=raw,cache=writeback,id=ide-5632', '-drive', 'if=ide,index=3,readonly=on,media=cdrom,cache=writeback,id=ide-5696']);
  assert.deepEqual(cd('4.7.0'), ['-drive', 'if=ide,index=2,readonly=on,media=cdrom,id=ide-5632,file=/srv/c.iso,format=raw', '-drive', 'if=ide,index=3,readonly=on,media=cdrom,id=ide-5696']);
  assert.deepEqual(cd('4.15.0'), cd('4.7.0'));
  const ideCd = ['-drive', 'if=none,readonly=on,id=ide-5632,file=/srv/c.iso,format=raw', '-device', 'ide-cd,id=ide-5632,drive=ide-5632,bus=ide.1,unit=0', '-drive', 'if=none,readonly=on,id=ide-5696', '-device', 'ide-cd,id=ide-5696,drive=ide-5696,bus=ide.1,unit=1'];
  assert.deepEqual(cd('4.15.1'), ideCd);
  assert.deepEqual(cd('4.16.0'), ideCd);
  assert.deepEqual(cd('4.14.6'), cd('4.7.0'));
});

test('a cdrom past the four IDE units: qemu has no bus for it (4.14+: index 4 still emitted, 5+ PV only)', () => {
  const at = (xen: string, vdev: string) => show(`${HVM}disk = [ "/srv/c.iso,raw,${vdev}:cdrom,r" ]\n`, xen);
  const e4 = at('4.20', 'xvde');
  assert.deepEqual(deviceArgs(e4), ['-drive', 'if=none,readonly=on,id=ide-51776,file=/srv/c.iso,format=raw', '-device', 'ide-cd,id=ide-51776,drive=ide-51776,bus=ide.2,unit=0']);
  const note = e4.p.notes.find((n) => n.code === 'disk-no-ide-bus');
  assert.equal(note?.effect, 'qemu-fails');
  assert.match(note?.message ?? '', /Bus 'ide\.2' not found/);
  const f = at('4.20', 'xvdf');
  assert.deepEqual(deviceArgs(f), []);
  assert.match(dev(f, 'disk').emulatedNot ?? '', /first disks/);
  // Before 4.14 libxl emits it wherever it is.
  const old = at('4.13', 'xvdf');
  assert.deepEqual(deviceArgs(old), ['-drive', 'if=ide,index=5,readonly=on,media=cdrom,id=ide-51792,file=/srv/c.iso,format=raw']);
  assert.match(old.p.notes.find((n) => n.code === 'disk-no-ide-bus')?.message ?? '', /does not support if=ide,bus=2,unit=1/);
});

test('SCSI disks per release: if=scsi (no readonly= before 4.7.6/4.8.4/4.9.3/4.10.2), lsi53c895a + scsi-disk (4.11), scsi-hd (4.15.1)', () => {
  const scsi = (xen: string, access = 'w') => deviceArgs(show(`${HVM}disk = [ "backendtype=phy,vdev=sdb,access=${access},target=/dev/vg/s" ]\n`, xen));
  assert.deepEqual(scsi('4.5.1'), ['-drive', 'file=/dev/vg/s,if=scsi,bus=0,unit=1,format=raw,cache=writeback']);
  assert.deepEqual(scsi('4.10.1'), ['-drive', 'file=/dev/vg/s,if=scsi,bus=0,unit=1,format=raw,cache=writeback']);
  assert.deepEqual(scsi('4.10.2'), ['-drive', 'cache=writeback,readonly=off,file=/dev/vg/s,if=scsi,bus=0,unit=1,format=raw']);
  assert.deepEqual(scsi('4.9.3', 'r'), ['-drive', 'cache=writeback,readonly=on,file=/dev/vg/s,if=scsi,bus=0,unit=1,format=raw']);
  assert.deepEqual(scsi('4.7.6', 'r'), scsi('4.9.3', 'r'));
  assert.deepEqual(scsi('4.11.0', 'r'), ['-device', 'lsi53c895a', '-drive', 'file=/dev/vg/s,id=scsi0-hd1,format=raw,if=none,readonly=on,cache=writeback', '-device', 'scsi-disk,drive=scsi0-hd1,scsi-id=1']);
  assert.deepEqual(scsi('4.15.0').at(-1), 'scsi-disk,drive=scsi0-hd1,scsi-id=1');
  assert.deepEqual(scsi('4.15.1').at(-1), 'scsi-hd,drive=scsi0-hd1,scsi-id=1');
  // A read-only SCSI disk that 4.7.0-4.10.1 emulate writable: said so.
  const ro = show(`${HVM}disk = [ "backendtype=phy,vdev=sdb,access=r,target=/dev/vg/s" ]\n`, '4.10.1');
  assert.equal(ro.p.notes.find((n) => n.code === 'disk-readonly-ignored')?.effect, 'style');
  // A cdrom named sdX is still an IDE cdrom, and brings no SCSI controller.
  assert.ok(!deviceArgs(show(`${HVM}disk = [ "/srv/c.iso,raw,sdc:cdrom,r" ]\n`)).includes('lsi53c895a'));
});

test('read-only disks: writable in qemu (4.5.0-4.5.1), refused whatever the disk (4.5.2-4.6), refused on IDE and AHCI (4.7+)', () => {
  const ro = (xen: string, spec: string) => show(`${HVM}disk = [ "${spec}" ]\n`, xen);
  const ide = 'backendtype=phy,vdev=hdb,access=r,target=/dev/vg/b';
  assert.deepEqual(deviceArgs(ro('4.5.1', ide)), ['-drive', 'file=/dev/vg/b,if=ide,index=1,media=disk,format=raw,cache=writeback']);
  assert.ok(noteCodes(ro('4.5.1', ide)).includes('disk-readonly-ignored'));
  for (const xen of ['4.5.2', '4.6', '4.7.0', '4.20']) {
    const r = ro(xen, ide);
    assert.deepEqual(deviceArgs(r), [], xen);
    assert.equal(r.p.notes.find((n) => n.code === 'disk-readonly-ide')?.effect, 'libxl-refuses', xen);
  }
  // 4.5.2-4.6: even a disk qemu would not emulate (the fifth) stops the device model.
  const fifth = 'backendtype=phy,vdev=xvde,access=r,target=/dev/vg/e';
  assert.ok(noteCodes(ro('4.6', fifth)).includes('disk-readonly-ide'));
  assert.ok(!noteCodes(ro('4.7.0', fifth)).includes('disk-readonly-ide'));
  assert.match(dev(ro('4.7.0', fifth), 'disk').emulatedNot ?? '', /first four IDE disks/);
  // The PV disk stays: the xenstore directories are written either way.
  assert.equal(ro('4.20', ide).p.devices.xenstoreDirs.length > 0, true);
});

test('AHCI (hdtype=ahci, 4.6+): the controller after -m, up to six disks; read-only AHCI disks refused', () => {
  const r = show(`${HVM}hdtype = "ahci"\ndisk = [ "backendtype=phy,vdev=hda,target=/dev/vg/a", "/srv/c.iso,raw,hdc:cdrom,r", "backendtype=phy,vdev=xvdf,target=/dev/vg/f" ]\n`, '4.20');
  assert.deepEqual(deviceArgs(r), [
    '-device',
    'ahci,id=ahci0',
    '-drive',
    'file=/dev/vg/a,if=none,id=ahcidisk-0,format=raw,cache=writeback',
    '-device',
    'ide-hd,bus=ahci0.0,unit=0,drive=ahcidisk-0',
    '-drive',
    'if=none,readonly=on,id=ide-5632,file=/srv/c.iso,format=raw',
    '-device',
    'ide-cd,id=ide-5632,drive=ide-5632,bus=ide.1,unit=0',
    '-drive',
    'file=/dev/vg/f,if=none,id=ahcidisk-5,format=raw,cache=writeback',
    '-device',
    'ide-hd,bus=ahci0.5,unit=0,drive=ahcidisk-5',
  ]);
  const argv = r.p.qemu.argv.map((a) => a.value);
  assert.equal(argv[argv.indexOf('ahci,id=ahci0') - 2], '1016'.replace('1016', argv[argv.indexOf('-m') + 1]), 'right after -m N');
  const ro = show(`${HVM}hdtype = "ahci"\ndisk = [ "backendtype=phy,vdev=hda,access=r,target=/dev/vg/a" ]\n`, '4.20');
  assert.match(ro.p.notes.find((n) => n.code === 'disk-readonly-ide')?.message ?? '', /read-only AHCI disk drivers/);
});

test('formats and paths: qdisk keeps the image format, other backends give qemu raw; a driver domain or a script hides the image', () => {
  const one = (xen: string, spec: string) => show(`${HVM}disk = [ "${spec}" ]\n`, xen);
  assert.deepEqual(deviceArgs(one('4.20', 'format=vhd,vdev=hda,target=/srv/a.vhd')), ['-drive', 'file=/srv/a.vhd,if=ide,index=0,media=disk,format=vpc,cache=writeback']);
  assert.deepEqual(deviceArgs(one('4.9', 'format=qed,vdev=hda,target=/srv/a.qed')), ['-drive', 'file=/srv/a.qed,if=ide,index=0,media=disk,format=qed,cache=writeback']);
  // A disk served by another domain: qemu cannot open it from 4.7 (before, libxl hands it the target anyway).
  const remote = 'backendtype=phy,vdev=hda,backend=3,target=/dev/vg/a';
  assert.deepEqual(deviceArgs(one('4.20', remote)), []);
  assert.match(dev(one('4.20', remote), 'disk').emulatedNot ?? '', /another domain/);
  assert.equal(one('4.20', remote).p.notes.find((n) => n.code === 'disk-not-emulated')?.effect, 'guest-misses');
  assert.deepEqual(deviceArgs(one('4.6', remote)), ['-drive', 'file=/dev/vg/a,if=ide,index=0,media=disk,format=raw,cache=writeback']);
  // A script: qemu opens what the script wrote to physical-device-path, known only at run time.
  const script = one('4.20', 'vdev=hda,script=iscsi,target=iqn.x');
  const drive = argsOf(script, dev(script, 'disk'))[1];
  assert.equal(drive.value, 'file=<physical-device-path>,if=ide,index=0,media=disk,format=raw,cache=writeback');
  assert.match(drive.guess ?? '', /script writes/);
  // A numeric vdev: libxl cannot give it an emulated disk.
  assert.match(dev(one('4.20', '/dev/vg/a,raw,51712,w'), 'disk').emulatedNot ?? '', /numeric vdev/);
});

test('two disks in one emulated slot (hda and xvda): qemu refuses the second', () => {
  const r = show(`${HVM}disk = [ "/dev/vg/a,raw,hda,w", "/dev/vg/b,raw,xvda,w" ]\n`);
  const note = r.p.notes.find((n) => n.code === 'disk-emulated-twice');
  assert.equal(note?.effect, 'qemu-fails');
  assert.match(note?.message ?? '', /hda and xvda .*drive with bus=0, unit=0 \(index=0\) exists/);
  // A cdrom in the unit of a disk, from 4.15.1: the ide-cd device finds its unit taken.
  const cd = show(`${HVM}disk = [ "/srv/c.iso,raw,hdb:cdrom,r", "/dev/vg/b,raw,xvdb,w" ]\n`);
  assert.match(cd.p.notes.find((n) => n.code === 'disk-emulated-twice')?.message ?? '', /IDE unit 1 is in use/);
  assert.ok(!noteCodes(show(`${HVM}disk = [ "/dev/vg/a,raw,hda,w", "/dev/vg/b,raw,xvdb,w" ]\n`)).includes('disk-emulated-twice'));
});

test('network cards per release: no br= before 4.15; the devid names the tap; PV guests get no card', () => {
  const nic = (xen: string) => deviceArgs(show(HVM + 'vif = [ "mac=00:16:3e:00:00:01,bridge=br0,devid=4" ]\n', xen));
  assert.deepEqual(nic('4.14'), ['-device', 'rtl8139,id=nic4,netdev=net4,mac=00:16:3e:00:00:01', '-netdev', 'type=tap,id=net4,ifname=vif7.4-emu,script=no,downscript=no']);
  assert.deepEqual(nic('4.15.0'), ['-device', 'rtl8139,id=nic4,netdev=net4,mac=00:16:3e:00:00:01', '-netdev', 'type=tap,id=net4,ifname=vif7.4-emu,br=br0,script=no,downscript=no']);
  const pv = show(PV + NICS.replace('"type=vif", ', ''));
  assert.deepEqual(deviceArgs(pv), []);
  // COLO proxies (4.9+): the card is shown, its proxy arguments are not: the line says it is incomplete.
  const colo = show(HVM + 'vif = [ "bridge=br0,colo_sock_mirror_id=m1" ]\n');
  assert.ok(colo.p.qemu.unrendered.some((u) => u.key === 'vif'));
});

test('a PV guest: no emulated devices, but a disk on qdisk (or a p9 share, per release) starts the xenpv qemu', () => {
  const q = (text: string, xen = '4.20') => show(PV + text, xen).p.qemu;
  assert.equal(q('disk = [ "backendtype=phy,vdev=xvda,target=/dev/vg/a" ]\n').runs, false);
  const qd = q('disk = [ "format=qcow2,vdev=xvda,target=/srv/a.qcow2" ]\n');
  assert.equal(qd.runs, true);
  assert.match(qd.reason, /qdisk/);
  assert.deepEqual(qd.argv.filter((a) => a.origin === 'disk'), []);
  // The guess shows in the reason when the backend is one.
  assert.match(q('disk = [ "/srv/a.img,raw,xvda,w" ]\n').reason, /guess/);
  // A disk served by another domain starts nothing here.
  assert.equal(q('disk = [ "format=qcow2,vdev=xvda,backend=3,target=/srv/a.qcow2" ]\n').runs, false);
  const share = 'p9 = [ "tag=s,path=/srv/s,security_model=none" ]\n';
  assert.deepEqual(['4.9.2', '4.9.3', '4.10.1', '4.10.2', '4.11.0', '4.11.1', '4.18', '4.19'].map((x) => q(share, x).runs), [false, true, false, true, false, true, true, true]);
  assert.equal(q('p9 = [ "tag=s,path=/srv/s,security_model=none,backend=3" ]\n', '4.19').runs, false, '4.19: only a share served here');
  assert.equal(q('vkb = [ "backend-type=qemu" ]\n', '4.12').runs, true);
  assert.equal(q('vkb = [ "backend-type=linux" ]\n', '4.12').runs, false);
  assert.equal(q('usbctrl = [ "type=qusb" ]\n', '4.7').runs, true);
  assert.equal(q('vnc = 1\n').runs, true);
});

test('a tap disk: the blktap2 device (4.5-4.12), the image itself when raw, the tapdisk NBD socket otherwise (4.19+)', () => {
  const tap = (xen: string, format = 'raw') => deviceArgs(show(`${HVM}disk = [ "backendtype=tap,format=${format},vdev=hda,target=/srv/a.${format}" ]\n`, xen));
  assert.deepEqual(tap('4.6'), ['-drive', 'file=<tapdev>,if=ide,index=0,media=disk,format=raw,cache=writeback']);
  assert.deepEqual(tap('4.12'), tap('4.6'));
  assert.deepEqual(tap('4.13'), [], 'refused: no tap backend');
  assert.deepEqual(tap('4.19'), ['-drive', 'file=/srv/a.raw,if=ide,index=0,media=disk,format=raw,cache=writeback']);
  assert.deepEqual(tap('4.19', 'vhd'), ['-drive', 'file=nbd+unix:///?socket=<physical-device-path>,if=ide,index=0,media=disk,format=raw,cache=writeback']);
});
