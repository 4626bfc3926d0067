/**
 * Every device quick fix, applied through the fix harness: the result is
 * checked again, the finding is gone, nothing new appears, and no byte
 * outside the edits changes. Plus the places where a fix is deliberately
 * not offered.
 */
import { test } from 'node:test';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { assertFixIsClean, assertNoFix } from './fixHarness';

const dom = (...lines: string[]) => `name = "vm1"\nmemory = 512\n${lines.join('\n')}\n`;
const q = (items: string[]) => items.map((i) => JSON.stringify(i)).join(', ');
const disk = (...items: string[]) => dom(`disk = [ ${q(items)} ]`);
const vif = (...items: string[]) => dom(`vif = [ ${q(items)} ]`);

test('unknown disk key: Change to the nearest key', () => {
  assertFixIsClean(disk('acess=ro,vdev=xvda,target=/x'), 'device-unknown-key', "Change to 'access'", { expect: disk('access=ro,vdev=xvda,target=/x') });
});

test('unknown vif key: brige -> bridge', () => {
  assertFixIsClean(vif('brige=xenbr0,mac=00:16:3e:00:00:01'), 'device-unknown-key', "Change to 'bridge'", { expect: vif('bridge=xenbr0,mac=00:16:3e:00:00:01') });
});

test('unknown key in a single-quoted string: the replacement is written for that quote', () => {
  const text = dom("vif = [ 'brige=br0,ip=192.0.2.1' ]");
  assertFixIsClean(text, 'device-unknown-key', "Change to 'bridge'", { expect: dom("vif = [ 'bridge=br0,ip=192.0.2.1' ]") });
});

test('bad disk format value: Change to the nearest format', () => {
  assertFixIsClean(disk('format=qcow22,vdev=xvda,target=/x'), 'device-bad-value', "Change to 'qcow2'", { expect: disk('format=qcow2,vdev=xvda,target=/x') });
  assertFixIsClean(disk('/x,RAW,xvda'), 'device-bad-value', "Change to 'raw'", { expect: disk('/x,raw,xvda') });
});

test('a value with no near valid value, or two equally near, gets no fix', () => {
  assertNoFix(disk('format=vmdk-stream,vdev=xvda,target=/x'), 'device-bad-value', /Change to/);
  assertNoFix(disk('format=qcow3,vdev=xvda,target=/x'), 'device-bad-value', /Change to/);
});

test('duplicate key: Remove the earlier one', () => {
  assertFixIsClean(vif('bridge=br0,bridge=br1'), 'device-duplicate-key', 'Remove "bridge=br0"', { expect: vif('bridge=br1') });
});

test('ignored vif accel=: Remove it', () => {
  assertFixIsClean(vif('bridge=br0,accel=1'), 'device-ignored-key', 'Remove "accel=1"', { expect: vif('bridge=br0') });
});

test('netdev= becomes gatewaydev=', () => {
  assertFixIsClean(vif('netdev=eth0'), 'vif-deprecated-key', "Change to 'gatewaydev'", { expect: vif('gatewaydev=eth0') });
});

test('a piece without = in usbctrl: Remove it', () => {
  const text = dom(`usbctrl = [ ${q(['type=pv,oops'])} ]`);
  assertFixIsClean(text, 'device-piece-without-equals', 'Remove "oops"', { expect: dom(`usbctrl = [ ${q(['type=pv'])} ]`) });
});

test('a piece of spaces only (empty once xl skips its spaces): the fix removes it whole, spaces and comma', () => {
  // Fuzz seed 20261202, documents #268226 and #652081: the fix used to remove the empty range after the spaces.
  assertFixIsClean("vdispl=['backend=, \\:']\n", 'device-piece-without-equals', 'Remove the empty piece', {
    expect: "vdispl=['backend=\\:']\n",
    allowNew: ['device-missing-key'], // xl stopped at the empty piece; past it, it asks for connectors=
  });
  assertFixIsClean("vfb=[' '\n", 'device-piece-without-equals', 'Remove the empty piece', { expect: "vfb=[''\n" });
  assertFixIsClean(dom(`vfb = [ ${q(['vnc=1,  ,sdl=0'])} ]`), 'device-piece-without-equals', 'Remove the empty piece', { expect: dom(`vfb = [ ${q(['vnc=1,sdl=0'])} ]`) });
  // A piece after spaces: the spaces go with it.
  assertFixIsClean(dom(`usbctrl = [ ${q(['type=pv,  oops'])} ]`), 'device-piece-without-equals', 'Remove "oops"', { expect: dom(`usbctrl = [ ${q(['type=pv'])} ]`) });
});

test('too many positional pieces: Remove the fifth', () => {
  assertFixIsClean(disk('/x,raw,xvda,rw,ro'), 'disk-too-many-positional', 'Remove "ro"', { expect: disk('/x,raw,xvda,rw') });
});

test('a respecified vdev: Remove the second', () => {
  assertFixIsClean(disk('vdev=xvda,vdev=xvdb,target=/x'), 'disk-respecified', 'Remove "vdev=xvdb"', { expect: disk('vdev=xvda,target=/x') });
});

test('no vdev: Add the first free vdev (before target=, which would swallow it)', () => {
  assertFixIsClean(disk('/x,raw'), 'disk-no-vdev', 'Add vdev=xvda', { expect: disk('/x,raw,vdev=xvda') });
  assertFixIsClean(disk('/x,raw,xvda', 'format=raw,target=/y'), 'disk-no-vdev', 'Add vdev=xvdb', { expect: disk('/x,raw,xvda', 'format=raw,vdev=xvdb,target=/y') });
});

test('target= not last: Move target= to the end (also when the swallowed piece was the vdev)', () => {
  assertFixIsClean(disk('target=/x,vdev=xvda'), 'disk-target-swallows', 'Move target= to the end', { expect: disk('vdev=xvda,target=/x') });
  assertFixIsClean(disk('format=raw,target=/x,vdev=xvda,access=ro'), 'disk-target-swallows', 'Move target= to the end', { expect: disk('format=raw,vdev=xvda,access=ro,target=/x') });
  // The swallowed vdev= makes xl refuse the disk: the move is the fix, adding another vdev is not.
  assertNoFix(disk('target=/x,vdev=xvda'), 'disk-no-vdev', /Add vdev/);
});

test('a deprecated prefix (a rule that is off unless enabled): Rewrite as key=value, saying what xl read', () => {
  const check = { rules: { 'disk-deprecated-prefix': 'hint' as const } };
  assertFixIsClean(disk('phy:/dev/vg/a,xvda,w'), 'disk-deprecated-prefix', 'Rewrite as key=value', { check, expect: disk('vdev=xvda,access=rw,target=/dev/vg/a') });
  assertFixIsClean(disk('qcow2:/srv/a.qcow2,hdc:cdrom,r'), 'disk-deprecated-prefix', 'Rewrite as key=value', { check, expect: disk('format=qcow2,vdev=hdc,devtype=cdrom,target=/srv/a.qcow2') });
  assertFixIsClean(disk('nbd:host:10809,xvdb,r'), 'disk-deprecated-prefix', 'Rewrite as key=value', { check, expect: disk('vdev=xvdb,access=ro,script=block-nbd,target=host:10809') });
});

test('a single value where a list is needed: Wrap it in [ ]', () => {
  assertFixIsClean(dom('disk = "/x,raw,xvda,rw"'), 'device-not-list', 'Wrap the value in [ ]', { expect: dom('disk = [ "/x,raw,xvda,rw" ]') });
});

test('a vsnd card given as a string: Wrap the item in [ ]', () => {
  assertFixIsClean(dom('vsnd = [ "card,backend=0" ]'), 'device-item-not-list', 'Wrap the item in [ ]', { expect: dom('vsnd = [ [ "card,backend=0" ] ]') });
});

test('fixes are not offered on a number item (no string to edit)', () => {
  assertNoFix(dom('pci = [ 3 ]'), 'pci-bad-bdf', /./, { check: { xen: parseXenVersion('4.20')! } });
});
