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

/** A list item as a config string literal (libxlu's escapes). */
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
