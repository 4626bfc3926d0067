/**
 * The devices section of the preview: each device's frontend, backend and
 * /libxl directories as libxl writes them for the target release
 * (render/devicesXenstore.ts, render/devicePlan.ts), checked at the release
 * boundaries of render/deviceEra.ts. The expected keys come from libxl's
 * device add functions at the RELEASE-x.y.z tags (libxl_disk.c, libxl_nic.c,
 * libxl_vkb.c, libxl_console.c, libxl_vtpm.c, libxl_9pfs.c, libxl_vdispl.c,
 * libxl_device.c's generic add; libxl.c before they were split).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dev, entries, HVM, keys, node, noteCodes, PV, show, spanText, values } from './device-fixtures';

const PV_DISK = 'disk = [ "backendtype=phy,vdev=xvda,access=rw,target=/dev/vg0/root" ]\n';

test('a phy disk at 4.20: frontend, backend and /libxl directories in libxl order, with their permissions and sources', () => {
  const r = show(PV + PV_DISK);
  const d = dev(r, 'disk');
  assert.deepEqual([d.kind, d.backendKind, d.devid, d.backendDomid, d.label, d.rendered], ['vbd', 'vbd', 51712, 0, 'xvda', true]);
  // Even with backendtype=phy libxl looks at the target: a guess (said so, without a note of its own).
  assert.deepEqual(d.guesses, ['libxl accepts the phy backend only if /dev/vg0/root is a block device on the host']);
  assert.ok(!noteCodes(r).includes('disk-backend-guessed'));
  const fe = '/local/domain/7/device/vbd/51712';
  const be = '/local/domain/0/backend/vbd/7/51712';
  assert.deepEqual(keys(r, fe), [
    ['backend', be],
    ['backend-id', '0'],
    ['state', '1'],
    ['virtual-device', '51712'],
    ['device-type', 'disk'],
    ['trusted', '1'],
    ['protocol', '<protocol>'],
  ]);
  const backKeys: Array<[string, string]> = [
    ['params', '/dev/vg0/root'],
    ['script', '/etc/xen/scripts/block'],
    ['frontend-id', '7'],
    ['online', '1'],
    ['removable', '0'],
    ['bootable', '1'],
    ['state', '1'],
    ['dev', 'xvda'],
    ['type', 'phy'],
    ['mode', 'w'],
    ['device-type', 'disk'],
    ['discard-enable', '1'],
    ['specification', 'xen'],
  ];
  assert.deepEqual(keys(r, be), [['frontend', fe], ...backKeys]);
  assert.deepEqual(keys(r, '/libxl/7/device/vbd/51712'), [['frontend', fe], ['backend', be], ...backKeys]);
  // Permissions: the frontend is the guest's (the backend may read), the backend the backend domain's, /libxl dom0's alone.
  const dirs = r.p.devices.xenstoreDirs.map((x) => [x.path, x.perms, x.role]);
  assert.deepEqual(dirs, [
    [fe, '(n7,r0)', 'frontend'],
    [be, '(n0,r7)', 'backend'],
    ['/libxl/7/device/vbd/51712', '(n0)', 'libxl'],
  ]);
  assert.ok(entries(r, fe).every((e) => e.perms === '(n7,r0)' && !e.guestReadOnly));
  assert.ok(entries(r, be).every((e) => e.perms === '(n0,r7)' && e.guestReadOnly && e.guestReadable));
  // The protocol is only known once the guest kernel is loaded; the script directory is the build's.
  assert.equal(node(r, `${fe}/protocol`).runtime, true);
  assert.match(node(r, `${be}/script`).guess ?? '', /script directory/);
  assert.ok(noteCodes(r).includes('device-script-dir'));
  // Each node points at the piece it comes from.
  assert.equal(spanText(r, node(r, `${be}/params`).span), '/dev/vg0/root');
  assert.equal(spanText(r, node(r, `${be}/dev`).span), 'xvda');
  assert.equal(spanText(r, node(r, `${be}/mode`).span), 'rw');
  assert.equal(spanText(r, node(r, `${be}/type`).span), 'phy');
  assert.equal(spanText(r, d.span), '"backendtype=phy,vdev=xvda,access=rw,target=/dev/vg0/root"');
  // One transaction per device, nodes in write order.
  assert.ok(r.p.devices.xenstore.every((e) => e.txn === 1 && e.deviceIndex === 0));
  assert.deepEqual(r.p.devices.xenstore.map((e) => e.seq), r.p.devices.xenstore.map((_, i) => i));
});

test('which backend libxl picks for a disk, and when that is a guess about the host', () => {
  const pick = (spec: string, xen = '4.20', base = PV) => {
    const r = show(`${base}disk = [ "${spec}" ]\n`, xen);
    const d = dev(r, 'disk');
    const type = d.rendered ? values(r, `/local/domain/${d.backendDomid}/backend/${d.backendKind}/7/${d.devid}`).type : undefined;
    return { kind: d.backendKind, guessed: d.guesses.length > 0, type, notes: noteCodes(r) };
  };
  // A raw image: phy if it is a block device, else qdisk. The preview cannot look, so it says it guesses.
  assert.deepEqual(pick('/dev/vg0/a,raw,xvda,w').kind, 'vbd');
  assert.equal(pick('/dev/vg0/a,raw,xvda,w').guessed, true);
  assert.ok(pick('/dev/vg0/a,raw,xvda,w').notes.includes('disk-backend-guessed'));
  assert.deepEqual([pick('/srv/a.img,raw,xvda,w').kind, pick('/srv/a.img,raw,xvda,w').type, pick('/srv/a.img,raw,xvda,w').guessed], ['qdisk', 'qdisk', true]);
  // Not a guess: another image format (only qdisk reads it), a script (phy without looking), a driver domain.
  assert.deepEqual(pick('format=qcow2,vdev=xvda,target=/srv/a.qcow2'), { kind: 'qdisk', guessed: false, type: 'qdisk', notes: [] });
  assert.deepEqual(pick('vdev=xvda,script=iscsi,target=iqn.x'), { kind: 'vbd', guessed: false, type: 'phy', notes: ['device-script-dir'] });
  assert.deepEqual(pick('/dev/vg0/a,raw,xvda,w,backend=3').kind, 'vbd');
  assert.equal(pick('/dev/vg0/a,raw,xvda,w,backend=3').guessed, false);
  // An HVM guest's cdrom: qdisk unless asked (4.7+); before, the host decides.
  assert.deepEqual(pick('/srv/c.iso,raw,hdc:cdrom,r', '4.7.0', HVM).kind, 'qdisk');
  assert.equal(pick('/srv/c.iso,raw,hdc:cdrom,r', '4.7.0', HVM).guessed, false);
  assert.equal(pick('/srv/c.iso,raw,hdc:cdrom,r', '4.6', HVM).guessed, true);
  assert.match(pick('backendtype=tap,vdev=hdc,devtype=cdrom,target=/srv/c.iso', '4.20', HVM).notes.join(), /disk-no-backend/);
});

test('disk keys per release: physical-device (4.5-4.6), specification (4.17), trusted (XSA-403 backports, then the flag)', () => {
  const be = (xen: string, spec = 'backendtype=phy,vdev=xvda,target=/dev/vg0/root') => values(show(`${PV}disk = [ "${spec}" ]\n`, xen), '/local/domain/0/backend/vbd/7/51712');
  const fe = (xen: string, spec = 'backendtype=phy,vdev=xvda,target=/dev/vg0/root') => show(`${PV}disk = [ "${spec}" ]\n`, xen);
  assert.equal(be('4.6')['physical-device'], '<major:minor>');
  assert.equal(be('4.5.0')['physical-device'], '<major:minor>');
  assert.equal(be('4.7.0')['physical-device'], undefined);
  assert.equal(be('4.6', 'backendtype=phy,vdev=xvda,script=iscsi,target=iqn.x')['physical-device'], undefined, 'the script writes it');
  assert.equal(be('4.16').specification, undefined);
  assert.equal(be('4.17.0').specification, 'xen');
  const trusted = (xen: string, spec?: string) => {
    const r = fe(xen, spec);
    const e = entries(r, '/local/domain/7/device/vbd/51712').find((x) => x.key === 'trusted');
    return e ? [e.value, e.guess !== undefined] : undefined;
  };
  assert.equal(trusted('4.13.4'), undefined);
  assert.deepEqual(trusted('4.13.5'), ['1', true]);
  assert.equal(trusted('4.16.1'), undefined);
  assert.deepEqual(trusted('4.16.2'), ['1', true]);
  assert.deepEqual(trusted('4.17.0'), ['1', false]);
  // (xl reads the disk's untrusted flag from 4.19: libxlutil's scanner was regenerated then.)
  assert.deepEqual(trusted('4.19', 'untrusted,backendtype=phy,vdev=xvda,target=/dev/vg0/root'), ['0', false]);
  // The backend copy under /libxl: XSA-178 (4.5.4, 4.6.3, 4.7.0).
  const libxl = (xen: string) => show(PV + PV_DISK, xen).p.devices.xenstoreDirs.some((x) => x.role === 'libxl');
  assert.deepEqual(['4.5.3', '4.5.4', '4.6.1', '4.6.3', '4.7.0'].map(libxl), [false, true, false, true, true]);
});

test('qdisk params: FORMAT:TARGET, "aio" for raw; an empty cdrom per release', () => {
  const r = show(`${PV}disk = [ "format=qcow2,vdev=xvda,target=/srv/a.qcow2", "format=vhd,vdev=xvdb,target=/srv/b.vhd", "/srv/c.img,raw,xvdc,w" ]\n`);
  assert.equal(values(r, '/local/domain/0/backend/qdisk/7/51712').params, 'qcow2:/srv/a.qcow2');
  assert.equal(values(r, '/local/domain/0/backend/qdisk/7/51728').params, 'vhd:/srv/b.vhd');
  assert.equal(values(r, '/local/domain/0/backend/qdisk/7/51744').params, 'aio:/srv/c.img');
  assert.match(node(r, '/local/domain/0/backend/qdisk/7/51744/params').guess ?? '', /block device/);
  // An empty cdrom with no target: qdisk up to 4.18 ("aio:" then, "aio:(null)" before 4.7.3); from 4.19 phy takes it, without params.
  const cd = 'vdev=xvdc,devtype=cdrom,access=r';
  assert.equal(values(show(`${PV}disk = [ "${cd},backendtype=qdisk" ]\n`, '4.7.2'), '/local/domain/0/backend/qdisk/7/51744').params, 'aio:(null)');
  assert.equal(values(show(`${PV}disk = [ "${cd},backendtype=qdisk" ]\n`, '4.7.3'), '/local/domain/0/backend/qdisk/7/51744').params, 'aio:');
  assert.equal(dev(show(`${PV}disk = [ "${cd}" ]\n`, '4.18'), 'disk').backendKind, 'qdisk');
  const phy = show(`${PV}disk = [ "${cd}" ]\n`, '4.19');
  assert.equal(dev(phy, 'disk').backendKind, 'vbd');
  assert.equal(values(phy, '/local/domain/0/backend/vbd/7/51744').params, undefined);
  // backendtype=phy on an empty cdrom (4.19+): libxl points it at an empty file of its own.
  assert.equal(values(show(`${PV}disk = [ "${cd},backendtype=phy" ]\n`, '4.19'), '/local/domain/0/backend/vbd/7/51744').params, '/var/run/xen/empty-cdrom.7');
});

test('the tap backend: blktap2 up to 4.12, refused 4.13-4.18, vbd3 from 4.19', () => {
  const spec = `${PV}disk = [ "backendtype=tap,vdev=xvda,target=/srv/a.img" ]\n`;
  const old = show(spec, '4.12');
  assert.deepEqual(keys(old, '/local/domain/0/backend/vbd/7/51712').slice(1, 4), [
    ['tapdisk-params', 'aio:/srv/a.img'],
    ['params', '<tapdev>'],
    ['script', '/etc/xen/scripts/block'],
  ]);
  assert.equal(values(old, '/local/domain/0/backend/vbd/7/51712').type, 'phy');
  assert.match(dev(old, 'disk').guesses.join(), /blktap2/);
  const none = show(spec, '4.13');
  assert.equal(dev(none, 'disk').rendered, false);
  assert.equal(none.p.devices.xenstore.length, 0);
  const note = none.p.notes.find((n) => n.code === 'disk-no-backend');
  assert.equal(note?.effect, 'libxl-refuses');
  const vbd3 = show(spec, '4.19');
  assert.equal(dev(vbd3, 'disk').backendKind, 'vbd3');
  const v = values(vbd3, '/local/domain/0/backend/vbd3/7/51712');
  assert.deepEqual([v.params, v.script, v.type], ['aio:/srv/a.img', '/etc/xen/scripts/block-tap', 'vbd3']);
});

test('vif keys per release, with libxl defaults (script, bridge) and what is guessed (the MAC)', () => {
  const spec = 'vif = [ "mac=00:16:3e:01:02:03,bridge=br0,ip=10.0.0.2" ]\n';
  const r = show(PV + spec);
  const fe = '/local/domain/7/device/vif/0';
  const be = '/local/domain/0/backend/vif/7/0';
  assert.deepEqual(keys(r, fe), [
    ['backend', be],
    ['backend-id', '0'],
    ['state', '1'],
    ['handle', '0'],
    ['mac', '00:16:3e:01:02:03'],
    ['trusted', '1'],
    ['mtu', '1500'],
  ]);
  assert.equal(node(r, `${fe}/mtu`).perms, '(n0,r7)', 'the MTU is read-only to the guest');
  assert.equal(node(r, `${fe}/mac`).perms, '(n7,r0)');
  assert.deepEqual(keys(r, be), [
    ['frontend', fe],
    ['frontend-id', '7'],
    ['online', '1'],
    ['state', '1'],
    ['script', '/etc/xen/scripts/vif-bridge'],
    ['mac', '00:16:3e:01:02:03'],
    ['ip', '10.0.0.2'],
    ['bridge', 'br0'],
    ['handle', '0'],
    ['type', 'vif'],
    ['hotplug-status', ''],
  ]);
  assert.equal(spanText(r, node(r, `${be}/bridge`).span), 'br0');
  // 4.5.0: no mtu, no trusted, no hotplug-status, no /libxl copy.
  const old = show(PV + spec, '4.5.0');
  assert.deepEqual(keys(old, fe), [['backend', be], ['backend-id', '0'], ['state', '1'], ['handle', '0'], ['mac', '00:16:3e:01:02:03']]);
  assert.deepEqual(keys(old, be).map(([k]) => k), ['frontend', 'frontend-id', 'online', 'state', 'script', 'mac', 'ip', 'bridge', 'handle', 'type']);
  // Boundaries: hotplug-status 4.15.3 / 4.16.1 / 4.17.0; mtu 4.15.0; vlan 4.19.
  const has = (xen: string, key: string, extra = '') => keys(show(`${PV}vif = [ "bridge=br0${extra}" ]\n`, xen), be).some(([k]) => k === key);
  assert.deepEqual(['4.15.2', '4.15.3', '4.16.0', '4.16.1', '4.17.0'].map((x) => has(x, 'hotplug-status')), [false, true, false, true, true]);
  assert.deepEqual(['4.15.0', '4.20'].map((x) => has(x, 'mtu', ',mtu=9000')), [true, true]);
  assert.equal(has('4.15.0', 'mtu', ',mtu=1500'), false, 'the default MTU is not written to the backend');
  assert.equal(has('4.19', 'vlan', ',vlan=10'), true);
  assert.equal(has('4.7', 'forwarddev', ',forwarddev=eth1'), true);
  assert.equal(has('4.20', 'vifname', ',vifname=web0'), true);
  // trusted: environment (guessed) in the backports, the untrusted flag from 4.17.
  const trusted = (xen: string, extra = '') => node(show(`${PV}vif = [ "bridge=br0${extra}" ]\n`, xen), `${fe}/trusted`);
  assert.match(trusted('4.14.6').guess ?? '', /LIBXL_NIC_BACKEND_UNTRUSTED/);
  assert.equal(trusted('4.17', ',untrusted').value, '0');
  // No mac=: a random address, said to be a guess, in xenstore as for qemu.
  const random = show(`${HVM}vif = [ "bridge=br0" ]\n`, '4.20');
  assert.equal(node(random, `${be}/mac`).value, '00:16:3e:xx:xx:xx');
  assert.match(node(random, `${be}/mac`).guess ?? '', /random/);
  assert.ok(noteCodes(random).includes('vif-random-mac'));
  assert.ok(random.p.qemu.argv.some((a) => a.value === 'rtl8139,id=nic0,netdev=net0,mac=00:16:3e:xx:xx:xx' && a.guess));
  // An HVM guest's vif is emulated too (vif_ioemu); type=vif makes it PV only.
  assert.equal(values(random, be).type, 'vif_ioemu');
  assert.equal(values(show(`${HVM}vif = [ "type=vif" ]\n`), be).type, 'vif');
  // A rate: bytes per interval and the interval.
  assert.equal(values(show(`${PV}vif = [ "rate=10Mb/s" ]\n`), be).rate, '62500,50000');
});

test('type=ioemu on a PV guest: libxl refuses it, nothing is written for it', () => {
  const r = show(`${PV}vif = [ "type=ioemu,bridge=br0" ]\n`);
  const v = dev(r, 'vif');
  assert.equal(v.rendered, false);
  assert.match(v.reason ?? '', /emulated card/);
  assert.equal(r.p.notes.find((n) => n.code === 'vif-emulated-on-pv')?.effect, 'libxl-refuses');
  assert.equal(r.p.devices.xenstore.length, 0);
});

test('framebuffers and keyboards: vfb= and its vkb, vnc=1 on a PV guest (not PVH), the vkb of an HVM guest per release', () => {
  const pv = show(`${PV}vfb = [ "vnc=1,vnclisten=0.0.0.0,vncpasswd=s3cret" ]\nvkb = [ "backend-type=linux,unique-id=k1" ]\n`);
  assert.deepEqual(keys(pv, '/local/domain/0/backend/vfb/7/0').slice(4), [
    ['vnc', '1'],
    ['vnclisten', '0.0.0.0'],
    ['vncpasswd', 's3cret'],
    ['vncdisplay', '0'],
    ['vncunused', '1'],
    ['sdl', '0'],
    ['opengl', '0'],
  ]);
  // The vfb's vkb comes first (devid 0), then vkb= (devid 1, backend vinput for linux from 4.13).
  assert.deepEqual(pv.p.devices.list.filter((d) => d.kind === 'vkbd').map((d) => [d.devid, d.backendKind, d.implicit !== undefined]), [
    [0, 'vkbd', true],
    [1, 'vinput', false],
  ]);
  assert.equal(values(pv, '/local/domain/0/backend/vinput/7/1')['unique-id'], 'k1');
  assert.equal(values(show(`${PV}vkb = [ "backend-type=linux" ]\n`, '4.12'), '/local/domain/0/backend/vkbd/7/0')['backend-type'], 'linux', '4.12: the backend-type key, the vkbd backend');
  // The top-level VNC settings of a PV guest make a vfb (and its vkb); a PVH guest's do not.
  const vnc = show(`${PV}vnc = 1\nvnclisten = "10.0.0.1"\n`);
  const fb = dev(vnc, 'vnc');
  assert.match(fb.implicit ?? '', /vnc=1/);
  assert.equal(node(vnc, '/local/domain/0/backend/vfb/7/0/vnclisten').value, '10.0.0.1');
  assert.equal(spanText(vnc, node(vnc, '/local/domain/0/backend/vfb/7/0/vnclisten').span), '"10.0.0.1"');
  assert.equal(vnc.p.devices.list.filter((d) => d.kind === 'vkbd').length, 1);
  assert.match(vnc.p.qemu.reason, /vnc=1/);
  assert.equal(show('name = "p"\ntype = "pvh"\nkernel = "/k"\nvnc = 1\n').p.devices.list.length, 0);
  // An HVM guest gets a vkb of its own: always up to 4.12; vkb_device=0 turns it off from 4.13; from 4.19 vkb= replaces it.
  const hvmVkbs = (xen: string, extra = '') => show(HVM + extra, xen).p.devices.list.filter((d) => d.kind === 'vkbd').map((d) => (d.implicit ? 'implicit' : `vkb=${d.rendered ? '' : ' (not created)'}`));
  assert.deepEqual(hvmVkbs('4.12'), ['implicit']);
  assert.deepEqual(hvmVkbs('4.12', 'vkb_device = 0\n'), ['implicit']);
  assert.deepEqual(hvmVkbs('4.13', 'vkb_device = 0\n'), []);
  assert.deepEqual(hvmVkbs('4.13'), ['implicit']);
  assert.deepEqual(hvmVkbs('4.18', 'vkb = [ "backend-type=qemu" ]\n'), ['vkb= (not created)', 'implicit']);
  assert.deepEqual(hvmVkbs('4.19', 'vkb = [ "backend-type=qemu" ]\n'), ['vkb=']);
  // vfb= on an HVM guest: xl reads it, libxl adds no vfb.
  const hvmVfb = show(`${HVM}vfb = [ "vnc=1" ]\n`);
  assert.equal(dev(hvmVfb, 'vfb').rendered, false);
});

test('vtpm, p9, pvcalls, vdispl, virtio', () => {
  const r = show(`${PV}vtpm = [ "backend=vtpmmgr" ]\np9 = [ "tag=share,path=/srv/share,security_model=none", "tag=t2,path=/srv/t2,security_model=mapped" ]\npvcalls = [ "backend=0" ]\nvdispl = [ "backend=0,be-alloc=1,connectors=c1:1024x768;c2:800x600" ]\n`);
  const vtpm = dev(r, 'vtpm');
  assert.equal(vtpm.backendDomid, '<vtpmmgr>');
  assert.ok(noteCodes(r).includes('device-backend-unresolved'));
  assert.deepEqual(keys(r, '/local/domain/<vtpmmgr>/backend/vtpm/7/0').slice(4), [
    ['handle', '0'],
    ['uuid', '<random uuid>'],
    ['resume', 'False'],
  ]);
  assert.match(node(r, '/local/domain/<vtpmmgr>/backend/vtpm/7/0/uuid').guess ?? '', /random UUID/);
  // p9: libxl numbers the shares; the tag in the frontend, the path in the backend.
  assert.deepEqual(r.p.devices.list.filter((d) => d.family === 'p9').map((d) => d.devid), [0, 1]);
  assert.equal(values(r, '/local/domain/7/device/9pfs/1').tag, 't2');
  assert.deepEqual([values(r, '/local/domain/0/backend/9pfs/7/1').path, values(r, '/local/domain/0/backend/9pfs/7/1').security_model], ['/srv/t2', 'mapped']);
  assert.deepEqual(keys(r, '/local/domain/0/backend/pvcalls/7/0').map(([k]) => k), ['frontend', 'frontend-id', 'online', 'state']);
  // vdispl: read-only frontend keys, one subdirectory per connector (unique-id from 4.12, id before).
  const fe = entries(r, '/local/domain/7/device/vdispl/0');
  assert.deepEqual(fe.filter((e) => e.guestReadOnly).map((e) => [e.key, e.value]), [
    ['be-alloc', '1'],
    ['0/resolution', '1024x768'],
    ['0/unique-id', 'c1'],
    ['1/resolution', '800x600'],
    ['1/unique-id', 'c2'],
  ]);
  assert.ok(values(show(`${PV}vdispl = [ "connectors=c1:1024x768" ]\n`, '4.11'), '/local/domain/7/device/vdispl/0')['0/id'] === 'c1');
  // 9pfs served by xen-9pfsd (4.19): its backend and the limits.
  const xd = show(`${PV}p9 = [ "type=xen_9pfsd,max-files=100" ]\n`, '4.19');
  const share = dev(xd, 'p9');
  assert.equal(share.backendKind, 'xen_9pfs');
  assert.equal(values(xd, '/local/domain/7/device/9pfs/0').tag, 'Xen');
  assert.equal(values(xd, '/local/domain/0/backend/xen_9pfs/7/0')['max-files'], '100');
  // virtio: the irq and the MMIO base come from the domain build.
  const vi = show(`${PV}virtio = [ "type=virtio,device22,transport=mmio" ]\n`, '4.18');
  const irq = node(vi, '/local/domain/0/backend/virtio/7/0/irq');
  assert.equal(irq.runtime, true);
  assert.equal(values(vi, '/local/domain/0/backend/virtio/7/0').type, 'virtio,device22');
});

test('devices libxl refuses or the preview does not render; big lists', () => {
  // Two disks with one vdev: libxl refuses the second ("device already exists").
  const dup = show(`${PV}disk = [ "/dev/a,raw,xvda,w", "/dev/b,raw,xvda,w" ]\n`);
  assert.deepEqual(dup.p.devices.list.map((d) => d.rendered), [true, false]);
  assert.match(dup.p.devices.list[1].reason ?? '', /already exists/);
  assert.ok(dup.p.devices.xenstore.every((e) => e.deviceIndex === 0));
  // A vdev libxl cannot number.
  const bad = show(`${PV}disk = [ "/dev/a,raw,xvda,w", "/dev/b,raw,hdq,w" ]\n`);
  assert.equal(bad.p.devices.list.length, 2);
  assert.match(bad.p.devices.list[1].reason ?? '', /Invalid or unsupported virtual disk identifier/);
  // pci=, usbctrl=, vsnd=: listed as not shown, with where they are.
  const other = show(`${PV}pci = [ "03:00.0" ]\nusbctrl = [ "type=pv" ]\n`);
  assert.deepEqual(other.p.devices.notRendered.map((n) => [n.key, spanText(other, n.span)]), [
    ['pci', '[ "03:00.0" ]'],
    ['usbctrl', '[ "type=pv" ]'],
  ]);
  // Items xl refuses make no device.
  assert.equal(show(`${PV}disk = [ "/x,raw" ]\n`).p.devices.list.length, 0);
  // deviceNodes: the list is whole, the nodes are those of the first devices only.
  const many = `${PV}disk = [ ${Array.from({ length: 6 }, (_, i) => `"/dev/vg/d${i},raw,xvd${String.fromCharCode(97 + i)},w"`).join(', ')} ]\n`;
  const cut = show(many, '4.20', { deviceNodes: 2 });
  assert.equal(cut.p.devices.list.length, 6);
  assert.deepEqual([...new Set(cut.p.devices.xenstore.map((e) => e.deviceIndex))], [0, 1]);
});

test('per guest type: only a PV guest gets the protocol key; the 2014 proposal writes what 4.5.0 does', () => {
  const disk = 'disk = [ "backendtype=phy,vdev=xvda,target=/dev/vg0/root" ]\n';
  const fe = '/local/domain/7/device/vbd/51712';
  const protocol = (text: string, xen = '4.20') => keys(show(text + disk, xen), fe).some(([k]) => k === 'protocol');
  assert.equal(protocol(PV), true);
  assert.equal(protocol(HVM), false);
  assert.equal(protocol('name = "v"\ntype = "pvh"\nkernel = "/k"\n'), false);
  // Before 4.10 xl knows no PVH: type="pvh" is a PV guest there.
  assert.equal(protocol('name = "v"\ntype = "pvh"\nkernel = "/k"\n', '4.9'), true);
  const seed = show(PV + disk, 'seed-2014');
  const base450 = show(PV + disk, '4.5.0');
  assert.deepEqual(seed.p.devices.xenstore.map((e) => [e.path, e.value]), base450.p.devices.xenstore.map((e) => [e.path, e.value]));
  assert.ok(!seed.p.devices.xenstoreDirs.some((d) => d.role === 'libxl'));
});
