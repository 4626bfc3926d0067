/**
 * The device rules' samples for the table-driven rule test (rules.test.ts):
 * per code a file on which it fires and a near miss on which it does not,
 * per variant a file on which the finding takes it, and files that bring out
 * the fixes the samples do not.
 */
import type { CheckOptions } from '../../server/src/check/options';
import { parseXenVersion } from '../../server/src/model/xenVersion';

const xen = (v: string) => parseXenVersion(v)!;
const dom = (...lines: string[]) => `name = "vm1"\nmemory = 512\n${lines.join('\n')}\n`;
const disk = (...items: string[]) => dom(`disk = [ ${items.map((i) => JSON.stringify(i)).join(', ')} ]`);
const vif = (...items: string[]) => dom(`vif = [ ${items.map((i) => JSON.stringify(i)).join(', ')} ]`);
const pci = (...items: string[]) => dom(`pci = [ ${items.map((i) => JSON.stringify(i)).join(', ')} ]`);
const list = (key: string, ...items: string[]) => dom(`${key} = [ ${items.map((i) => JSON.stringify(i)).join(', ')} ]`);

interface Sample {
  fires: string;
  silent: string;
  options?: CheckOptions;
}

export const DEVICE_SAMPLES = {
  'device-not-list': { fires: dom('disk = "/x,raw,xvda,rw"'), silent: disk('/x,raw,xvda,rw') },
  'device-item-not-string': { fires: dom('disk = [ [ "/x,raw,xvda,rw" ], "/y,raw,xvdb,rw" ]'), silent: disk('/x,raw,xvda,rw', '/y,raw,xvdb,rw') },
  'device-item-not-list': { fires: dom('vsnd = [ "card,backend=0" ]'), silent: dom('vsnd = [ [ "card,backend=0" ] ]') },
  'device-unknown-key': { fires: disk('acess=ro,vdev=xvda,target=/x'), silent: disk('access=ro,vdev=xvda,target=/x') },
  'device-bad-value': { fires: disk('format=qcow22,vdev=xvda,target=/x'), silent: disk('format=qcow2,vdev=xvda,target=/x') },
  'device-bad-number': { fires: vif('mtu=big'), silent: vif('mtu=9000') },
  'device-number-junk': { fires: list('ioports', '3f8x'), silent: list('ioports', '3f8') },
  'device-piece-without-equals': { fires: list('usbctrl', 'type=pv,oops'), silent: list('usbctrl', 'type=pv') },
  'device-empty-value': { fires: list('p9', 'tag=share,path=,security_model=none'), silent: list('p9', 'tag=share,path=/srv,security_model=none') },
  'device-missing-key': { fires: list('vtpm', 'uuid=12345678-1234-1234-1234-123456789abc'), silent: list('vtpm', 'backend=0,uuid=12345678-1234-1234-1234-123456789abc') },
  'device-duplicate-key': { fires: vif('bridge=br0,bridge=br1'), silent: vif('bridge=br1') },
  'device-ignored-key': { fires: vif('bridge=br0,accel=1'), silent: vif('bridge=br0') },
  'device-crash': { fires: list('vdispl', 'connectors='), silent: list('vdispl', 'connectors=c0:800x600') },
  'device-undefined': { fires: vif('bridge=br0,mac=00:16'), silent: vif('mac=00:16,bridge=br0') },
  'device-duplicate-devid': { fires: vif('devid=1', 'bridge=br1'), silent: vif('devid=0', 'bridge=br1') },
  'disk-no-vdev': { fires: disk('/x,raw'), silent: disk('/x,raw,xvda') },
  'disk-no-target': { fires: disk('vdev=xvda'), silent: disk('vdev=xvda,devtype=cdrom') },
  'disk-too-many-positional': { fires: disk('/x,raw,xvda,rw,ro'), silent: disk('/x,raw,xvda,rw') },
  'disk-bad-syntax': { fires: disk('/x,raw,xvda,Access=ro'), silent: disk('/x,raw,xvda,access=ro') },
  'disk-unknown-prefix': { fires: disk('rbd:/pool/img,raw,xvda'), silent: disk('format=raw,vdev=xvda,target=rbd:/pool/img') },
  'disk-respecified': { fires: disk('vdev=xvda,vdev=xvdb,target=/x'), silent: disk('vdev=xvdb,target=/x') },
  'disk-target-swallows': { fires: disk('target=/x,vdev=xvda'), silent: disk('vdev=xvda,target=/x') },
  'disk-deprecated-prefix': { fires: disk('phy:/dev/vg/a,xvda,w'), silent: disk('/dev/vg/a,raw,xvda,w'), options: { rules: { 'disk-deprecated-prefix': 'hint' } } },
  'disk-bad-vdev': { fires: disk('/x,raw,vda'), silent: disk('/x,raw,xvda') },
  'disk-duplicate-vdev': { fires: disk('/x,raw,xvda', '/y,raw,xvda'), silent: disk('/x,raw,xvda', '/y,raw,xvdb') },
  'vif-bad-mac': { fires: vif('mac=00:16:3e:zz:00:01'), silent: vif('mac=00:16:3e:0a:00:01') },
  'vif-mac-multicast': { fires: vif('mac=01:16:3e:00:00:01'), silent: vif('mac=00:16:3e:00:00:01') },
  'vif-duplicate-mac': { fires: vif('mac=00:16:3e:00:00:01', 'mac=00:16:3e:00:00:01'), silent: vif('mac=00:16:3e:00:00:01', 'mac=00:16:3e:00:00:02') },
  'vif-bad-rate': { fires: vif('rate=10Mbps'), silent: vif('rate=10Mb/s') },
  'vif-deprecated-key': { fires: vif('netdev=eth0'), silent: vif('gatewaydev=eth0') },
  'pci-bad-bdf': { fires: pci('03:00.0:1'), silent: pci('0000:03:00.0') },
  'pci-bad-vslot': { fires: pci('03:00.0@20'), silent: pci('03:00.0@1f') },
  'pci-bdf-and-name': { fires: pci('03:00.0,name=gpu'), silent: pci('name=gpu') },
  'rdm-ignored': { fires: dom('type = "hvm"', 'rdm = "strategy=host,policy=relaxed"'), silent: dom('type = "hvm"', 'rdm = "strategy=host"') },
  'ioports-reversed': { fires: list('ioports', '3ff-3f8'), silent: list('ioports', '3f8-3ff') },
  'vnuma-bad-pnode': { fires: dom('vnuma = [ [ "pnode=64", "size=512", "vcpus=0" ] ]'), silent: dom('vnuma = [ [ "pnode=1", "size=512", "vcpus=0" ] ]') },
  'vnuma-mismatch': { fires: dom('maxvcpus = 4', 'vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1" ] ]'), silent: dom('maxvcpus = 2', 'vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1" ] ]') },
  'vsnd-bad-kind': { fires: dom('vsnd = [ [ "sound,backend=0" ] ]'), silent: dom('vsnd = [ [ "card,backend=0" ] ]') },
} satisfies Record<string, Sample>;

export const DEVICE_VARIANT_SAMPLES: Array<{ code: keyof typeof DEVICE_SAMPLES; variant: string; text: string; options?: CheckOptions }> = [
  { code: 'device-item-not-string', variant: 'refuses', text: dom('irqs = [ [ "4" ] ]') },
  { code: 'device-unknown-key', variant: 'ignored', text: vif('brige=xenbr0') },
  { code: 'device-unknown-key', variant: 'silent', text: list('vfb', 'vnc=1,vncpassword=x') },
  { code: 'device-bad-value', variant: 'ignored', text: vif('type=emulated') },
  { code: 'device-piece-without-equals', variant: 'ends-item', text: list('vtpm', 'backend=0,uuid') },
  { code: 'device-piece-without-equals', variant: 'silent', text: pci('03:00.0,seize'), options: { xen: xen('4.5') } },
  { code: 'device-undefined', variant: 'crashes', text: pci('03:00') },
  { code: 'pci-bad-bdf', variant: 'silent', text: pci('03:00.9'), options: { xen: xen('4.5') } },
  { code: 'pci-bad-vslot', variant: 'silent', text: pci('03:00.0@x'), options: { xen: xen('4.5') } },
];

/** Files that bring out fixes the samples above do not. */
export const DEVICE_EXTRA_FIX_SAMPLES: Array<{ code: keyof typeof DEVICE_SAMPLES; text: string; options?: CheckOptions }> = [
  { code: 'device-unknown-key', text: vif('brige=xenbr0') },
  { code: 'device-item-not-list', text: dom('vsnd = [ "card,backend=0" ]') },
];
