/**
 * Generated device lists for the real-xl oracle (devices-xl.test.ts): per
 * family, items built from the keys every release knows and doesn't, valid
 * and broken values, blanks, repeated and empty pieces. Deterministic for a
 * seed and an index.
 */
import { rng } from './xl/channelConfigs';
import { diskSpec } from './xlu-diskSpecs';

export type Pick = <T>(xs: readonly T[]) => T;

export interface Gen {
  r: () => number;
  pick: Pick;
}

export function gen(seed: number, index: number): Gen {
  const r = rng(seed * 104729 + index);
  return { r, pick: (xs) => xs[Math.floor(r() * xs.length)] };
}

export type Item = string | string[];

/** A list item as config text: a string literal (libxlu's escapes), or a list of them. */
export function quoteValue(item: Item): string {
  return typeof item === 'string' ? quoteItem(item) : `[ ${item.map(quoteItem).join(', ')} ]`;
}

/** A string as a config string literal (libxlu's escapes). */
export function quoteItem(item: string): string {
  return '"' + item.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}

/** Joins pieces with the separators users (and typos) put between them. */
export function joinPieces(g: Gen, pieces: string[]): string {
  let s = pieces.join(g.pick([',', ',', ',', ', ', ',,', ' ,']));
  if (g.r() < 0.05) s = ',' + s;
  if (g.r() < 0.05) s += ',';
  return s;
}

export function diskItems(g: Gen, seed: number, index: number): string[] {
  const n = 1 + Math.floor(g.r() * 3);
  return Array.from({ length: n }, (_, k) => diskSpec(seed, index * 3 + k));
}

const MACS = ['00:16:3e:01:02:03', '00:16:3e:aa:bb:cc', '00-16-3e-01-02-03', '00:11', '00:16:3e:00:00:0g', '0:1:2:3:4:5', '100:16:3e:01:02:03', 'zz:16:3e:01:02:03', '', '00:16:3e:01:02:03:04', ' 00:16:3e:01:02:03', '0x00:0x16:3e:1:2:3', 'ff:ff:ff:ff:ff:ff'];
const RATES = ['10Mb/s', '100MB/s', '1Gb/s@20ms', '5KB/s@100us', '10Mb/s@1s', '10Mb/s@5', '010Mb/s', '08Mb/s', '0Mb/s', '10Mbit/s', '10Mb/s@', '@20ms', '', '4294967296B/s', '4294967295GB/s@4294967295us', '10 Mb/s', '1b/s'];
const VIF_VALUES: Record<string, readonly string[]> = {
  bridge: ['xenbr0', 'br-lan', '', 'br 0'],
  type: ['vif', 'ioemu', 'IOEMU', 'foo', ''],
  model: ['e1000', 'rtl8139', 'virtio-net-pci'],
  ip: ['192.0.2.1', '192.0.2.1 192.0.2.2', ''],
  script: ['vif-bridge', '/etc/xen/scripts/vif-route'],
  backend: ['0', 'netdom'],
  vifname: ['vif-web', 'eth%d'],
  gatewaydev: ['eth0'],
  netdev: ['eth1'],
  accel: ['1', 'x'],
  devid: ['0', '3', '7x', 'x', '', '4294967296', '-1', ' 5'],
  mtu: ['1500', '9000', 'x', '0', '65536'],
  vlan: ['10', '10p/20', '1-5'],
  forwarddev: ['eth2'],
  colo_sock_mirror_id: ['m1'],
  colo_checkpoint_port: ['9000'],
};

export function vifItems(g: Gen): string[] {
  const n = Math.floor(g.r() * 4);
  const items: string[] = [];
  for (let k = 0; k < n; k++) {
    const pieces: string[] = [];
    const m = Math.floor(g.r() * 5);
    for (let i = 0; i < m; i++) {
      const x = g.r();
      if (x < 0.2) pieces.push(`mac=${g.pick(MACS)}`);
      else if (x < 0.32) pieces.push(`rate=${g.pick(RATES)}`);
      else if (x < 0.8) {
        const key = g.pick(Object.keys(VIF_VALUES));
        pieces.push(`${key}=${g.pick(VIF_VALUES[key])}`);
      } else if (x < 0.86) pieces.push(g.pick(['trusted', 'untrusted', 'Trusted']));
      else if (x < 0.93) pieces.push(g.pick(['brige=xenbr0', 'mac', '=x', 'MAC=00:16:3e:01:02:03', ' bridge=br0', 'bridge =br0', 'colo_nope=1', 'x']));
      else pieces.push(g.pick([' ', '  mac=00:16:3e:01:02:04', 'rate=1Mb/s,rate=2Mb/s']));
    }
    items.push(joinPieces(g, pieces));
  }
  return items;
}

const BDFS = ['03:00.0', '0000:03:00.1', '03:1f.7', '03:00.*', 'ff:1f.7', '1:2.3', '10000:00.0', '03:20.0', '03:00.8', '03:00', '03.00.0', ' 03:00.0', '03: 00.0', '0x03:00.0', '03:0x0.0', '3:0.0x', 'ffff:ff:1f.7', 'g3:00.0', '', '03:00.0 ', '03::00.0', '-1:00.0', '03:00.-1'];
const PCI_OPTS: Record<string, readonly string[]> = {
  permissive: ['0', '1', '2', 'x', ''],
  msitranslate: ['0', '1'],
  seize: ['1', '0x1'],
  power_mgmt: ['1', '0'],
  rdm_policy: ['strict', 'relaxed', 'RELAXED', 'invalid', 'foo', ''],
  vslot: ['2', '0x1f', '20', 'x', '3z'],
  bdf: ['03:00.0', '04:00.*', 'bad', '03:00'],
  name: ['gpu', ''],
};

export function pciSpec(g: Gen): string {
  const pieces: string[] = [];
  const x = g.r();
  if (x < 0.8) {
    let b = g.pick(BDFS);
    if (g.r() < 0.2) b += '@' + g.pick(['2', '1f', '20', 'x', '']);
    pieces.push(b);
  }
  const n = Math.floor(g.r() * 3);
  for (let i = 0; i < n; i++) {
    const y = g.r();
    if (y < 0.8) {
      const k = g.pick(Object.keys(PCI_OPTS));
      pieces.push(`${k}=${g.pick(PCI_OPTS[k])}`);
    } else pieces.push(g.pick(['foo=1', 'Permissive=1', 'permissive', 'x', '=1', ' seize=1']));
  }
  let s = pieces.join(g.pick([',', ',', ', ', ',,']));
  if (g.r() < 0.05) s += ',';
  return s;
}

export function pciItems(g: Gen): string[] {
  const n = 1 + Math.floor(g.r() * 3);
  return Array.from({ length: n }, () => pciSpec(g));
}

const RDM_PIECES = ['strategy=host', 'strategy=HOST', 'strategy=none', 'policy=strict', 'policy=relaxed', 'policy=RELAXED', 'policy=foo', 'policy=', 'foo=1', 'strategy', '', 'strategy=host '];

export function rdmSpec(g: Gen): string {
  const n = Math.floor(g.r() * 3) + (g.r() < 0.9 ? 1 : 0);
  const pieces = Array.from({ length: n }, () => g.pick(RDM_PIECES));
  let s = pieces.join(g.pick([',', ',', ', ']));
  if (g.r() < 0.05) s += ',';
  return s;
}

export function rateSpec(g: Gen): string {
  const num = g.pick(['1', '10', '010', '08', '0', '4294967295', '4294967296', '99999999999999999999', '19', '']);
  const unit = g.pick(['G', 'M', 'K', '', 'T', 'm']);
  const b = g.pick(['B', 'b', 'Bit', '']);
  let s = `${num}${unit}${b}${g.pick(['/s', '/s', '', '/m'])}`;
  if (g.r() < 0.5) s += '@' + g.pick(['20ms', '1s', '100us', '5', '0', '4294967295', '4295s', '10m', '10u', '', 'x', '08ms', '4294967295us', '4294968ms']);
  return s;
}

/** Items of a key=value family: pieces from `values` (key -> values), plus broken ones. */
function kvItems(g: Gen, values: Record<string, readonly string[]>, broken: readonly string[], maxItems = 3, maxPieces = 4): string[] {
  const n = Math.floor(g.r() * (maxItems + 1));
  const items: string[] = [];
  for (let k = 0; k < n; k++) {
    const pieces: string[] = [];
    const m = Math.floor(g.r() * (maxPieces + 1));
    for (let i = 0; i < m; i++) {
      if (g.r() < 0.85) {
        const key = g.pick(Object.keys(values));
        pieces.push(`${key}=${g.pick(values[key])}`);
      } else pieces.push(g.pick(broken));
    }
    items.push(joinPieces(g, pieces));
  }
  return items;
}

const COMMON_BROKEN = ['x', '=1', 'Backend=0', ' backend=0', 'foo=bar', ''];

export const vtpmItems = (g: Gen) =>
  kvItems(g, { backend: ['0', 'vtpmmgr', ''], uuid: ['12345678-1234-1234-1234-123456789abc', '12345678-1234-1234-1234-123456789ABC', '1234', '', '12345678123412341234123456789abc'] }, ['uuid', ...COMMON_BROKEN]);
export const pvcallsItems = (g: Gen) => kvItems(g, { backend: ['0', 'pvdom', ''] }, COMMON_BROKEN);
export const vfbItems = (g: Gen) =>
  kvItems(
    g,
    { vnc: ['1', '0', 'x', '2'], vnclisten: ['0.0.0.0', '127.0.0.1:1'], vncpasswd: ['pw', ''], vncdisplay: ['1', '3x', '-1'], vncunused: ['0', '1'], keymap: ['de', 'en-us'], sdl: ['1', '0'], opengl: ['1'], display: [':0'], xauthority: ['/root/.Xauthority'] },
    ['vnc', 'type=vnc', ...COMMON_BROKEN],
  );
export const vkbItems = (g: Gen) =>
  kvItems(
    g,
    {
      'backend-type': ['linux', 'qemu', 'LINUX', 'foo', 'unknown'],
      'backend-type ': ['linux'],
      backend: ['0'],
      'unique-id': ['k0', 'k1'],
      'feature-disable-keyboard': ['1', '0'],
      'feature-abs-pointer': ['1'],
      'feature-multi-touch': ['1', '0'],
      'multi-touch-width': ['100', '0', 'x'],
      'multi-touch-height': ['100'],
      'multi-touch-num-contacts': ['5'],
      width: ['800', '0x320'],
      height: ['600'],
    },
    COMMON_BROKEN,
    2,
    5,
  );
export const usbctrlItems = (g: Gen) => kvItems(g, { type: ['pv', 'qusb', 'devicemodel', 'auto', 'PV', 'usb', ''], version: ['1', '2', '3', 'x', '2x'], ports: ['4', '15', '-1', ''] }, COMMON_BROKEN);
export const usbdevItems = (g: Gen) =>
  kvItems(g, { type: ['hostdev', 'HOSTDEV', 'foo'], hostbus: ['1', '0x2', '300', 'x'], hostaddr: ['3', '010'], controller: ['0', '1', '-1', 'x'], port: ['1', '2'] }, COMMON_BROKEN);
export const vdisplItems = (g: Gen) =>
  kvItems(
    g,
    { backend: ['0', 'dispdom'], 'be-alloc': ['1', '0', 'x'], connectors: ['id0:1920x1080', 'a:800x600;b:1024x768', 'id0:abc', 'id0:1920', 'id0:', 'id0:1920x1080:z', '::1x1;a:2x2', 'id0:x;b:1x1', ';id0:1x1', 'a:b:1x1'] },
    COMMON_BROKEN,
    2,
    3,
  );
export const virtioItems = (g: Gen) =>
  kvItems(
    g,
    { backend: ['0', 'vdom'], type: ['virtio,device22', 'virtio, device', 'virtio,device', 'virtio,', 'foo', 'virtiofs,x'], transport: ['mmio', 'MMIO', 'pci', ''], grant_usage: ['1', '0', 'x'] },
    COMMON_BROKEN,
    2,
    3,
  ).map((s) => (s.endsWith('type=virtio,') || s.endsWith('type=virtio') ? s + 'device' : s));
export const p9Items = (g: Gen) =>
  kvItems(
    g,
    {
      tag: ['share', ''],
      path: ['/srv/share', ' /srv/x '],
      security_model: ['none', 'mapped'],
      backend: ['0'],
      type: ['qemu', 'xen_9pfsd', 'XEN_9PFSD', 'foo'],
      'max-files': ['100', 'x', '0'],
      'max-open-files': ['5'],
      'max-space': ['1024'],
      'auto-delete': ['1', '0'],
      ' tag ': [' t '],
    },
    ['x', '=1', 'tag=', 'foo=bar', ' '],
    2,
    5,
  );
export const dtdevItems = (g: Gen) => Array.from({ length: Math.floor(g.r() * 3) }, () => g.pick(['/soc/uart@1c28000', '/amba/ethernet', '', 'x,y']));
export const ioportsItems = (g: Gen) => Array.from({ length: Math.floor(g.r() * 4) }, () => g.pick(['3f8-3ff', '2f8', 'ff-1', '10x', '0x60-0x64', 'x', '', '-1', 'ffffffff', 'fffffffe', '1-', '1-2x', ' 3f8', '3f8 -3ff', '70-0x71']));
export const irqsItems = (g: Gen) => Array.from({ length: Math.floor(g.r() * 4) }, () => g.pick(['4', '7', '11x', 'x', '', '4294967295', '4294967294', '-1', ' 5', '0x10', '08']));
export const iomemItems = (g: Gen) => Array.from({ length: Math.floor(g.r() * 4) }, () => g.pick(['fee00,1', 'fee00,1@2', 'fee00,1@', 'fee00', '10,2x', 'x,1', ' 10, 2', '0x10,0x2@0x3', 'ffffffffffffffff,1@ffffffffffffffff', '10,2@x', '-1,1', '', '1,,2']));
export const rdmItem = (g: Gen) => rdmSpec(g);

export function vsndCards(g: Gen): Array<string | string[]> {
  const n = Math.floor(g.r() * 3);
  const cards: Array<string | string[]> = [];
  for (let k = 0; k < n; k++) {
    if (g.r() < 0.08) {
      cards.push(g.pick(['card,backend=0', '']));
      continue;
    }
    const m = Math.floor(g.r() * 4);
    const items: string[] = [];
    for (let i = 0; i < m; i++) {
      const kind = g.pick(['card', 'pcm', 'stream', 'CARD', 'Stream', 'dev']);
      const pieces = [kind];
      const p = Math.floor(g.r() * 3);
      const keys: Record<string, readonly string[]> = {
        backend: ['0'],
        'short-name': ['s'],
        'long-name': ['l'],
        name: ['p0'],
        'unique-id': ['u0'],
        type: ['p', 'c', 'P', 'x'],
        'sample-rates': ['8000;44100', '48000', 'x'],
        'sample-formats': ['s16_le;U8', 'gsm', 'foo'],
        'channels-min': ['1'],
        'channels-max': ['2', 'x'],
        'buffer-size': ['65536'],
      };
      for (let j = 0; j < p; j++) {
        if (g.r() < 0.85) {
          const key = g.pick(Object.keys(keys));
          pieces.push(`${key}=${g.pick(keys[key])}`);
        } else pieces.push(g.pick(['foo=1', 'x', ' ']));
      }
      items.push(pieces.join(','));
    }
    cards.push(items);
  }
  return cards;
}

export function vnumaNodes(g: Gen): Array<string | string[]> {
  const n = 1 + Math.floor(g.r() * 3);
  const nodes: Array<string | string[]> = [];
  let cpu = 0;
  for (let k = 0; k < n; k++) {
    if (g.r() < 0.04) {
      nodes.push('pnode=0');
      continue;
    }
    const opts: string[] = [];
    if (g.r() < 0.9) opts.push(`pnode=${g.pick(['0', '0', '1', 'x', ' 0 '])}`);
    if (g.r() < 0.9) opts.push(`size=${g.pick(['256', '512', '128', 'x', ''])}`);
    if (g.r() < 0.9) {
      const c = g.r() < 0.8 ? `${cpu}-${cpu + 1}` : g.pick(['x', '2x', '3-1', '0,1', '7-9', '1-x']);
      cpu += 2;
      opts.push(`vcpus=${c}`);
    }
    if (g.r() < 0.7) opts.push(`vdistances=${Array.from({ length: n + (g.r() < 0.1 ? 1 : 0) }, (_, j) => (j === k ? '10' : g.pick(['20', '20', 'x']))).join(',')}`);
    if (g.r() < 0.1) opts.push(g.pick(['foo=1', 'noequals', '=x', 'size==1', 'a=']));
    nodes.push(opts);
  }
  return nodes;
}
