/**
 * The qemu arguments of an HVM guest's emulated disks and network cards
 * (render/devicesQemu.ts), read from the devices xl reads.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { readDevices } from '../../server/src/model/devices/document';
import { hvmDeviceArgs } from '../../server/src/render/devicesQemu';

function argsOf(text: string) {
  const doc = checkText(`name = "g"\ntype = "hvm"\n${text}`);
  return hvmDeviceArgs(readDevices(doc.model, doc.options.xen), { domid: '7' });
}

test('IDE disks, an IDE cdrom and a SCSI disk, with the formats qemu is given', () => {
  const r = argsOf('disk = [ "/dev/vg/a,raw,hda,w", "format=qcow2,vdev=hdb,backendtype=qdisk,target=/srv/b.qcow2", "/srv/c.iso,raw,hdc:cdrom,r", "/srv/d.img,raw,sda,w" ]\n');
  assert.deepEqual(
    r.args.map((a) => a.args),
    [
      ['-drive', 'file=/dev/vg/a,if=ide,index=0,media=disk,format=raw,cache=writeback'],
      ['-drive', 'file=/srv/b.qcow2,if=ide,index=1,media=disk,format=qcow2,cache=writeback'],
      ['-drive', 'if=none,readonly=on,id=ide-5632,file=/srv/c.iso,format=raw'],
      ['-device', 'ide-cd,id=ide-5632,drive=ide-5632,bus=ide.1,unit=0'],
      ['-drive', 'file=/srv/d.img,id=scsi0-hd0,format=raw,if=none,readonly=off,cache=writeback'],
      ['-device', 'scsi-hd,drive=scsi0-hd0,scsi-id=0'],
    ],
  );
  // The backend of the first disk is a guess, and says so.
  assert.match(r.args[0].notes.join(' '), /phy backend/);
});

test('a phy backend hands qemu a raw device whatever the format; a read-only IDE disk and a fifth disk get none', () => {
  const r = argsOf('disk = [ "format=qcow2,vdev=hda,backendtype=phy,target=/dev/vg/q", "/srv/x,raw,hdb,r", "/srv/y,raw,xvde,w" ]\n');
  assert.deepEqual(r.args.map((a) => a.args[1]), ['file=/dev/vg/q,if=ide,index=0,media=disk,format=raw,cache=writeback']);
  assert.equal(r.skipped.length, 2);
  assert.match(r.skipped[0].reason, /read-only IDE/);
  assert.match(r.skipped[1].reason, /first four/);
});

test('emulated network cards: model, mac, tap name and bridge; type=vif ones only PV', () => {
  const r = argsOf('vif = [ "mac=00:16:3e:00:00:01,bridge=br0,model=e1000", "type=vif", "bridge=br1" ]\n');
  assert.deepEqual(
    r.args.map((a) => a.args),
    [
      ['-device', 'e1000,id=nic0,netdev=net0,mac=00:16:3e:00:00:01'],
      ['-netdev', 'type=tap,id=net0,ifname=vif7.0-emu,br=br0,script=no,downscript=no'],
      ['-device', 'rtl8139,id=nic2,netdev=net2,mac=00:16:3e:xx:xx:xx'],
      ['-netdev', 'type=tap,id=net2,ifname=vif7.2-emu,br=br1,script=no,downscript=no'],
    ],
  );
  assert.match(r.args[2].notes[0], /random address/);
  assert.match(r.skipped[0].reason, /type=vif/);
});

test('items xl refuses or never reads add nothing', () => {
  const r = argsOf('disk = [ "/x,raw", [ "nested" ], "/y,raw,hda,w" ]\n');
  assert.deepEqual(r.args, []);
});
