/**
 * The device families as the real-xl oracle drives them: how a generated
 * list becomes config lines, which part of xl's JSON holds the devices, and
 * what xlcfg's reader answers for the same list.
 */
import { parseDisk } from '../../server/src/model/devices/disk';
import { parseDtdev } from '../../server/src/model/devices/dtdev';
import { parseIomem } from '../../server/src/model/devices/iomem';
import { parseIoports } from '../../server/src/model/devices/ioports';
import { parseIrqs } from '../../server/src/model/devices/irqs';
import { readList } from '../../server/src/model/devices/list';
import { P9Carry, parseP9 } from '../../server/src/model/devices/p9';
import { parsePci } from '../../server/src/model/devices/pci';
import { parsePvcalls } from '../../server/src/model/devices/pvcalls';
import { parseRdm } from '../../server/src/model/devices/rdm';
import { attempt, Recorder } from '../../server/src/model/devices/recorder';
import { parseUsbctrl } from '../../server/src/model/devices/usbctrl';
import { parseUsbdev } from '../../server/src/model/devices/usbdev';
import { parseVdispl } from '../../server/src/model/devices/vdispl';
import { parseVfb } from '../../server/src/model/devices/vfb';
import { parseVif } from '../../server/src/model/devices/vif';
import { parseVirtio, virtioSince } from '../../server/src/model/devices/virtio';
import { parseVkb } from '../../server/src/model/devices/vkb';
import { parseVnuma } from '../../server/src/model/devices/vnuma';
import { parseVsnd } from '../../server/src/model/devices/vsnd';
import { parseVtpm } from '../../server/src/model/devices/vtpm';
import { plainList, plainString } from '../../server/src/model/devices/xlu';
import { atLeast, parseXenVersion, XenVersion } from '../../server/src/model/xenVersion';
import type { LibxlValue, XlReader, XluList } from '../../server/src/model/xl/types';
import * as G from './devicesXlConfigs';
import type { Gen, Item } from './devicesXlConfigs';
import type { OracleRelease } from './xl/realXl';

export interface Outcome {
  rc: number;
  lines: string[];
  devices?: unknown;
  /**
   * Where xl reads memory it does not own (xlcfg says so with an event), what
   * it prints and sets there is not predictable: these fields of the devices,
   * and these stderr lines, are left out of the comparison on both sides
   * ('all': the whole outcome).
   */
  unpredictable?: { fields: string[]; lines: string[] } | 'all';
}

export interface FamilyCase {
  family: string;
  /** The config around the device lines. */
  base: string;
  /** The device lines for the (quoted) items. */
  lines(quoted: string[]): string[];
  items(g: Gen, seed: number, index: number): Item[];
  /** The family's part of xl's JSON (defaults absent). */
  json(config: Record<string, unknown>): unknown;
  /** xlcfg's answer for the same list. */
  ours(items: Item[], release: OracleRelease): Outcome;
  /** Releases whose xl reads the family (default: all). */
  since?: (xen: XenVersion) => boolean;
  /** xl never refuses this family (no refusal to expect from the generator). */
  alwaysAccepted?: boolean;
}

export const PV_BASE = 'name = "g"\nmemory = 512\nkernel = "/k"\n';
export const HVM_BASE = 'name = "g"\nmemory = 512\ntype = "hvm"\n';
/** The config line the device lines start on (libxlu's line of their values). */
const DEVICE_LINE = 4;

type Obj = { [field: string]: LibxlValue };

/** Runs a list reader the way xl does and says what came of it. */
function outcome(release: OracleRelease, read: (list: XluList, r: XlReader) => unknown, items: Item[], unpredictableFields: string[] = []): Outcome {
  const r = new Recorder(parseXenVersion(release)!);
  const res = attempt(() => read(plainList(items), r));
  const out: Outcome = res.exit ? { rc: res.exit.rc, lines: r.stderr() } : { rc: 0, lines: r.stderr(), devices: res.value };
  const undefinedBehaviour = r.events.some((e) => e.code === 'device-undefined');
  if (undefinedBehaviour && res.exit?.rc === 139) out.unpredictable = 'all';
  else if (undefinedBehaviour || unpredictableFields.length) out.unpredictable = { fields: ['mac', 'func', ...unpredictableFields], lines: ["Invalid parameter `mac'."] };
  return out;
}

const list = (setting: string) => (quoted: string[]) => [`${setting} = [ ${quoted.join(', ')} ]`];
/** The array, or [] when xl left it out (no device). */
const arrayOf = (key: string) => (j: Record<string, unknown>) => (j[key] as unknown[] | undefined) ?? [];
const bInfo = (j: Record<string, unknown>) => j.b_info as Record<string, unknown>;
const xenOf = (rel: OracleRelease) => parseXenVersion(rel)!;
const strings = (items: Item[]) => items.filter((i): i is string => typeof i === 'string');

export const FAMILY_CASES: FamilyCase[] = [
  {
    family: 'disk',
    base: PV_BASE,
    lines: list('disk'),
    items: (g, seed, i) => G.diskItems(g, seed, i),
    json: arrayOf('disks'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item) => parseDisk(item, r, { configSource: 'FILE' })), items),
  },
  {
    family: 'vif',
    base: PV_BASE,
    lines: list('vif'),
    items: (g) => G.vifItems(g),
    json: arrayOf('nics'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item, index) => parseVif(item, r, { configSource: 'FILE', index })), items),
  },
  {
    family: 'pci',
    base: PV_BASE,
    lines: list('pci'),
    items: (g) => G.pciItems(g),
    json: arrayOf('pcidevs'),
    // A PV guest: the rdm policy xl copies into every device reads as strict there.
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item) => parsePci(item, r, { defaults: { rdm_policy: 'strict' } })).filter((d) => d !== null), items),
  },
  {
    family: 'vtpm',
    base: PV_BASE,
    lines: list('vtpm'),
    items: (g) => G.vtpmItems(g),
    json: arrayOf('vtpms'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item, index) => parseVtpm(item, r, { index })), items),
  },
  {
    family: 'pvcalls',
    base: PV_BASE,
    lines: list('pvcalls'),
    items: (g) => G.pvcallsItems(g),
    json: arrayOf('pvcallsifs'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item, index) => parsePvcalls(item, r, { index })), items),
  },
  {
    family: 'vfb+vkb',
    base: PV_BASE,
    // Items: the vfbs, then (after a '|' item) the vkbs.
    lines: (q) => {
      const k = q.indexOf('"|"');
      const vfbs = k < 0 ? q : q.slice(0, k);
      const vkbs = k < 0 ? [] : q.slice(k + 1);
      return [`vfb = [ ${vfbs.join(', ')} ]`, ...(k < 0 ? [] : [`vkb = [ ${vkbs.join(', ')} ]`])];
    },
    items: (g) => [...G.vfbItems(g), ...(g.r() < 0.6 ? ['|', ...G.vkbItems(g)] : [])],
    json: (j) => ({ vfbs: j.vfbs ?? [], vkbs: j.vkbs ?? [] }),
    ours: (items, rel) =>
      outcome(rel, (_l, r) => {
        const k = items.indexOf('|');
        const vfbs = plainList(k < 0 ? items : items.slice(0, k));
        const vkbItems = k < 0 ? undefined : plainList(items.slice(k + 1));
        const fbs: Obj[] = [];
        const kbs: Obj[] = [];
        readList(vfbs, (item, index) => {
          const res = parseVfb(item, r, { index, vkbIndex: kbs.length })!;
          fbs.push(res.vfb);
          kbs.push(res.vkb);
        });
        if (vkbItems && atLeast(r.xen, 4, 12)) readList(vkbItems, (item) => kbs.push(parseVkb(item, r, { devid: kbs.length })!));
        return { vfbs: fbs, vkbs: kbs };
      }, items),
  },
  {
    family: 'usbctrl',
    base: PV_BASE,
    lines: list('usbctrl'),
    items: (g) => G.usbctrlItems(g),
    json: arrayOf('usbctrls'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item, index) => parseUsbctrl(item, r, { index })), items),
  },
  {
    family: 'usbdev',
    base: PV_BASE,
    lines: list('usbdev'),
    items: (g) => G.usbdevItems(g),
    json: arrayOf('usbdevs'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item) => parseUsbdev(item, r)), items),
  },
  {
    family: 'vdispl',
    base: PV_BASE,
    lines: list('vdispl'),
    items: (g) => G.vdisplItems(g),
    json: arrayOf('vdispls'),
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item, index) => parseVdispl(item, r, { index })), items),
  },
  {
    family: 'virtio',
    base: PV_BASE,
    lines: list('virtio'),
    items: (g) => G.virtioItems(g),
    json: arrayOf('virtios'),
    since: virtioSince,
    alwaysAccepted: false,
    ours: (items, rel) => outcome(rel, (l, r) => (virtioSince(r.xen) ? readList(l, (item, index) => parseVirtio(item, r, { index })) : []), items),
  },
  {
    family: 'p9',
    base: PV_BASE,
    lines: list('p9'),
    items: (g) => G.p9Items(g),
    json: arrayOf('p9s'),
    ours: (items, rel) => {
      const carry: P9Carry = {};
      return outcome(rel, (l, r) => readList(l, (item) => parseP9(item, r, { domainName: 'g', carry })), items);
    },
  },
  {
    family: 'dtdev',
    base: PV_BASE,
    lines: list('dtdev'),
    items: (g) => G.dtdevItems(g),
    json: arrayOf('dtdevs'),
    alwaysAccepted: true,
    ours: (items, rel) => outcome(rel, (l, r) => readList(l, (item) => parseDtdev(item, r)), items),
  },
  {
    family: 'ioports',
    base: PV_BASE,
    lines: list('ioports'),
    items: (g) => G.ioportsItems(g),
    json: (j) => bInfo(j).ioports ?? [],
    ours: (items, rel) => outcome(rel, (l, r) => parseIoports(l, r), items),
  },
  {
    family: 'irqs',
    base: PV_BASE,
    // Plain digits sometimes as numbers: libxlu keeps both as text.
    lines: (q) => [`irqs = [ ${q.map((x, i) => (i % 2 && /^"\d+"$/.test(x) ? x.slice(1, -1) : x)).join(', ')} ]`],
    items: (g) => G.irqsItems(g),
    json: (j) => bInfo(j).irqs ?? [],
    ours: (items, rel) => outcome(rel, (l, r) => parseIrqs(l, r), items),
  },
  {
    family: 'iomem',
    base: PV_BASE,
    lines: list('iomem'),
    items: (g) => G.iomemItems(g),
    json: (j) => bInfo(j).iomem ?? [],
    ours: (items, rel) => outcome(rel, (l, r) => parseIomem(l, r), items),
  },
  {
    family: 'vsnd',
    base: PV_BASE,
    lines: list('vsnd'),
    items: (g) => G.vsndCards(g),
    json: arrayOf('vsnds'),
    ours: (items, rel) =>
      outcome(rel, (l, r) => l.items.map((card, index) => parseVsnd(card, r, { index, configSource: 'FILE', lineOf: () => DEVICE_LINE })), items),
  },
  {
    family: 'vnuma',
    base: PV_BASE,
    lines: list('vnuma'),
    items: (g) => G.vnumaNodes(g),
    json: (j) => {
      const b = bInfo(j);
      return { nodes: b.vnuma_nodes ?? [], max_vcpus: b.max_vcpus, max_memkb: b.max_memkb, numa_placement: b.numa_placement };
    },
    ours: (items, rel) =>
      outcome(rel, (l, r) => {
        const res = parseVnuma(l, r, { host: { nrNodes: 1, onlineCpus: 8, maxCpus: 8 }, maxVcpus: 0, configSource: 'FILE', lineOf: () => DEVICE_LINE });
        if (!res) return { nodes: [], max_vcpus: 0, max_memkb: 524288, numa_placement: undefined };
        return { nodes: res.nodes, max_vcpus: res.maxVcpus || undefined, max_memkb: res.maxMemkb, numa_placement: res.placementOff ? 'False' : undefined };
      }, items),
  },
  {
    family: 'rdm',
    base: HVM_BASE,
    lines: (q) => [`rdm = ${q[0] ?? '""'}`],
    items: (g) => [G.rdmItem(g)],
    json: (j) => [(bInfo(j)['type.hvm'] as Record<string, unknown>).rdm],
    alwaysAccepted: true,
    ours: (items, rel) => {
      const r = new Recorder(xenOf(rel));
      const res = parseRdm(plainString(strings(items)[0] ?? ''), r);
      const rdm = res?.used ? res.rdm : {};
      const unset = res?.used ? (['strategy', 'policy'] as const).filter((f) => res.rdm[f] === undefined) : [];
      return { rc: 0, lines: r.stderr(), devices: [JSON.parse(JSON.stringify(rdm))], unpredictable: unset.length ? { fields: [...unset], lines: [] } : undefined };
    },
  },
];
