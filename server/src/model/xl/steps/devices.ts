/**
 * Device lists in xl's order, each read by its reader of model/devices/
 * (xl stops at the first item it refuses), channels, the pci_* defaults and
 * rdm=, vNUMA, and the vCPU affinity lists cpus= / cpus_soft=.
 *
 * Every reader reports through the port's reader (c.r), so that xl's first
 * exit stops the whole reading, and gets what xl has at that moment: the
 * pci_* values and b_info's rdm policy as read so far (which of them come
 * before pci= depends on the release: readDomain's stepsFor), the guest
 * type, maxvcpus= and maxmem= for vnuma, the domain name for p9, the vkbs
 * already made (each vfb brings one) for vkb devids.
 *
 * The editor reads every item on its own (devices/document.ts) with the
 * same inputs: `deviceInputs` runs the port's steps in a mode that records
 * what each reader would get instead of reading the lists.
 */
import { parseDisk } from '../../devices/disk';
import { dtdevSince, parseDtdev } from '../../devices/dtdev';
import { parseIomem } from '../../devices/iomem';
import { parseIoports } from '../../devices/ioports';
import { parseIrqs } from '../../devices/irqs';
import { stringItems } from '../../devices/list';
import { P9Carry, p9Since, parseP9 } from '../../devices/p9';
import { parsePci, PciDefaults } from '../../devices/pci';
import { parsePvcalls, pvcallsSince } from '../../devices/pvcalls';
import { parseRdm, rdmSince } from '../../devices/rdm';
import { parseUsbctrl, usbSince } from '../../devices/usbctrl';
import { parseUsbdev } from '../../devices/usbdev';
import { parseVdispl, vdisplSince } from '../../devices/vdispl';
import { parseVfb } from '../../devices/vfb';
import { parseVif, VifDefaults } from '../../devices/vif';
import { parseVirtio, virtioSince } from '../../devices/virtio';
import { parseVkb, vkbSince } from '../../devices/vkb';
import { parseVnuma, vnumaSince } from '../../devices/vnuma';
import { parseVsnd, vsndSince } from '../../devices/vsnd';
import { parseVtpm } from '../../devices/vtpm';
import type { PortContext } from '../context';
import type { LibxlValue, XlReader, XluList, XluString, XluValue } from '../types';
import { xlLineAt } from '../xluConfig';
import { applyGlobalAffinityMasks, readAffinities } from './affinity';
import { readChannelItem } from './channel';
import { int32, PortLimit } from './values';

type Obj = { [field: string]: LibxlValue };

/** b_info's rdm policy when rdm= was taken without a policy: xl copied it from a struct it never initialised. */
export const UNINITIALISED_POLICY = '(uninitialised)';

/** What the device readers get from the rest of the domain when xl reads their lists. */
export interface DeviceInputs {
  /** pci=: the pci_* values and b_info's rdm policy copied into every device ('invalid' when unpredictable, see pciPolicyUnknown). */
  pci?: PciDefaults;
  /** The rdm policy the pci devices inherit is uninitialised memory. */
  pciPolicyUnknown?: boolean;
  /** vnuma=: maxvcpus= and maxmem= as read (b_info's max_vcpus, max_memkb). */
  vnuma?: { maxVcpus: number; maxMemkb?: number };
  /** c_info's name (p9's default path). */
  domainName?: string;
  /** xl.conf's defaults for vifs. */
  vifDefaults?: VifDefaults;
  /** How many vkbs exist when the vkb list is read (one per vfb, and the one of vnc=/sdl= on a PV guest). */
  vkbsBefore?: number;
}

/** Contexts that only record the readers' inputs (deviceInputs): no list is read. */
const recording = new WeakMap<PortContext, DeviceInputs>();

/** Makes `c` record what the device readers would get instead of reading lists. */
export function recordDeviceInputs(c: PortContext): DeviceInputs {
  const inputs: DeviceInputs = {};
  recording.set(c, inputs);
  return inputs;
}

/** xlu_cfg_get_list(..., dont_warn = 0) for a device list: libxlu's warning for a single value, under the family's code. */
function deviceList(c: PortContext, key: string, code = 'device-not-list'): XluList | undefined {
  const l = c.cfg.getList(key, { dontWarn: true });
  if (l.ok) return l.value;
  if (l.setting)
    c.warn(code, `${key} must be a list: xl warns and creates no ${key} device from it.`, [`${c.source}:${l.setting.xlLine}: warning: parameter \`${key}' is a single value but should be a list`], l.setting);
  return undefined;
}

/** d_config's (or b_info's) array `field`, made empty when missing; items pushed to it land in the object. */
function array(c: PortContext, path: string[], field: string, list?: XluList): LibxlValue[] {
  const known = c.out.get(path, field);
  if (Array.isArray(known)) return known;
  const arr: LibxlValue[] = [];
  c.out.set(path, field, arr, list?.span);
  return arr;
}

/** libxlu's line of a value (xl's "value is not a list" messages quote it). */
function lineOf(c: PortContext): (v: XluValue) => number {
  return (v) => xlLineAt(c.cfg.model.tree, v.span.start);
}

/** parse_vnuma_config (4.6+): b_info's vnuma_nodes, and max_vcpus, max_memkb and NUMA placement from them. */
export function vnuma(c: PortContext): void {
  if (!vnumaSince(c.xen)) return;
  const maxVcpus = (c.out.get(['b_info'], 'max_vcpus') as number | undefined) ?? 0;
  const maxMemkb = c.out.get(['b_info'], 'max_memkb') as number | undefined;
  const rec = recording.get(c);
  if (rec) {
    rec.vnuma = { maxVcpus, maxMemkb };
    return;
  }
  // (libxl_get_physinfo first: the shim's host answers.)
  const l = c.cfg.getList('vnuma', { dontWarn: true });
  if (!l.ok) return;
  const host = { nrNodes: c.host.nrNodes, onlineCpus: c.host.nrCpus, maxCpus: c.host.nrCpus };
  const res = parseVnuma(l.value, c.r, { host, maxVcpus, maxMemkb, configSource: c.source, lineOf: lineOf(c) });
  if (!res) return;
  if (res.truncated) throw new PortLimit('a vnuma node with more than a million vCPUs');
  const span = l.value.span;
  c.out.set(['b_info'], 'vnuma_nodes', res.nodes, span);
  c.out.set(['b_info'], 'max_vcpus', int32(BigInt(res.maxVcpus)), span);
  c.out.set(['b_info'], 'max_memkb', res.maxMemkb, span);
  if (res.placementOff) c.out.set(['b_info'], 'numa_placement', 'False', span);
}

/** cpus= and cpus_soft= (parse_vcpu_affinity). */
export function vcpuAffinity(c: PortContext): void {
  readAffinities(c);
}

/** What create_domain does with the hard affinity before printing (4.12+; xl.conf's masks). */
export function globalAffinityMasks(c: PortContext): void {
  applyGlobalAffinityMasks(c);
}

/** pci_msitranslate, pci_power_mgmt, pci_permissive, pci_seize (longs, kept in ints). */
export function pciDefaults(c: PortContext): void {
  const l1 = c.cfg.getLong('pci_msitranslate');
  if (l1.ok) c.state.pciMsitranslate = l1.value;
  const l2 = c.cfg.getLong('pci_power_mgmt');
  if (l2.ok) c.state.pciPowerMgmt = l2.value;
  const l3 = c.cfg.getLong('pci_permissive');
  if (l3.ok) c.state.pciPermissive = l3.value;
  const l4 = c.cfg.getLong('pci_seize');
  if (l4.ok) c.state.pciSeize = l4.value;
}

/** rdm= (4.6+): b_info's rdm (an HVM field xl writes whatever the type), when libxlutil's parse succeeds. */
export function rdm(c: PortContext): void {
  if (!rdmSince(c.xen)) return;
  const s = c.cfg.getString('rdm');
  if (!s.ok) return;
  const res = parseRdm(s.value, c.r);
  if (!res?.used) return;
  c.state.rdmPolicy = res.rdm.policy ?? UNINITIALISED_POLICY;
  if (c.state.type !== 'hvm') return;
  // (A field the string does not set is uninitialised: left out, the reader said so.)
  if (res.rdm.strategy !== undefined) c.out.set(['b_info', 'type.hvm', 'rdm'], 'strategy', res.rdm.strategy, s.value.span);
  if (res.rdm.policy !== undefined) c.out.set(['b_info', 'type.hvm', 'rdm'], 'policy', res.rdm.policy, s.value.span);
}

/** What xl copies into each pci device at this point: the pci_* ints as C bools, b_info's rdm policy. */
function pciInputs(c: PortContext): { defaults: PciDefaults; unknown: boolean } {
  const on = (l: bigint) => int32(l) !== 0;
  // b_info's rdm policy: rdm='s when read before pci=; else libxl's init: HVM's 'invalid', the union's zero (strict) for other types.
  const policy = c.state.rdmPolicy ?? (c.state.type === 'hvm' ? 'invalid' : 'strict');
  const unknown = policy === UNINITIALISED_POLICY;
  return {
    defaults: { msitranslate: on(c.state.pciMsitranslate), power_mgmt: on(c.state.pciPowerMgmt), permissive: on(c.state.pciPermissive), seize: on(c.state.pciSeize), rdm_policy: unknown ? 'invalid' : policy },
    unknown,
  };
}

/** pci= (and e820_host for a PV guest with devices). */
export function pci(c: PortContext): void {
  const { defaults, unknown } = pciInputs(c);
  const rec = recording.get(c);
  if (rec) {
    rec.pci = defaults;
    rec.pciPolicyUnknown = unknown;
    return;
  }
  const list = deviceList(c, 'pci');
  if (!list) return;
  const devs = array(c, [], 'pcidevs', list);
  for (const item of stringItems(list)) {
    const d = parsePci(item, c.r, { defaults });
    if (d) devs.push(d);
  }
  if (devs.length && c.state.type === 'pv') c.out.set(['b_info', 'type.pv'], 'e820_host', 'True', list.span);
}

/** dtdev= (4.6+). */
export function dtdev(c: PortContext): void {
  if (!dtdevSince(c.xen) || recording.has(c)) return;
  const list = deviceList(c, 'dtdev');
  if (!list) return;
  const devs = array(c, [], 'dtdevs', list);
  for (const item of stringItems(list)) devs.push(parseDtdev(item, c.r)!);
}

/** ioports=, irqs=, iomem= (every item must be a string: the readers take the whole list). */
export function ioResources(c: PortContext): void {
  if (recording.has(c)) return;
  const readers: Array<[string, (list: XluList, r: XlReader) => LibxlValue[]]> = [
    ['ioports', parseIoports],
    ['irqs', parseIrqs],
    ['iomem', parseIomem],
  ];
  for (const [key, read] of readers) {
    const list = deviceList(c, key);
    if (!list) continue;
    array(c, ['b_info'], key, list).push(...read(list, c.r));
  }
}

/** disk=, p9= (4.9+), vtpm=, vdispl= (4.10+), pvcalls= (4.11+), vsnd= (4.12+), channel=, vif=, vif2 (a warning), vfb=. */
export function deviceLists(c: PortContext): void {
  const rec = recording.get(c);
  const domainName = c.out.get(['c_info'], 'name') as string | undefined;
  const vifDefaults: VifDefaults = { vifscript: c.globals.defaultVifScript, bridge: c.globals.defaultBridge, gatewaydev: c.globals.defaultGatewayDev, vifbackend: c.globals.defaultVifBackend };
  if (rec) {
    rec.domainName = domainName;
    rec.vifDefaults = vifDefaults;
    // Each vfb item xl reads brings a vkb (the vfb reader never stops xl).
    const vfbs = c.cfg.getList('vfb', { dontWarn: true });
    if (!vfbs.ok) return;
    c.state.vfbs = stringItems(vfbs.value).length;
    const vkbs = array(c, [], 'vkbs');
    for (let i = 0; i < c.state.vfbs; i++) vkbs.push({ devid: vkbs.length });
    return;
  }
  each(c, 'disk', 'disks', (item) => parseDisk(item, c.r, { configSource: c.source }));
  if (p9Since(c.xen)) {
    const carry: P9Carry = {};
    // d_config's array was "p9" in 4.9, "p9s" from 4.10.
    each(c, 'p9', c.since(4, 10) ? 'p9s' : 'p9', (item) => parseP9(item, c.r, { domainName, carry }));
  }
  each(c, 'vtpm', 'vtpms', (item, index) => parseVtpm(item, c.r, { index }));
  if (vdisplSince(c.xen)) each(c, 'vdispl', 'vdispls', (item, index) => parseVdispl(item, c.r, { index }));
  if (pvcallsSince(c.xen)) each(c, 'pvcalls', 'pvcallsifs', (item, index) => parsePvcalls(item, c.r, { index }));
  if (vsndSince(c.xen)) {
    const list = deviceList(c, 'vsnd');
    if (list) {
      // Every item is a card (xlu_cfg_get_listitem2: lists too).
      const cards = array(c, [], 'vsnds', list);
      list.items.forEach((card, index) => cards.push(parseVsnd(card, c.r, { index, configSource: c.source, lineOf: lineOf(c) })));
    }
  }
  const channels = deviceList(c, 'channel', 'channel-not-list');
  if (channels) {
    const arr = array(c, [], 'channels', channels);
    stringItems(channels).forEach((item, index) => arr.push(readChannelItem(c, item, index)));
  }
  each(c, 'vif', 'nics', (item, index) => parseVif(item, c.r, { configSource: c.source, index, defaults: vifDefaults }));
  const vif2 = c.cfg.getList('vif2');
  if (vif2.ok) c.warn('setting-ignored', 'vif2 (netchannel2) is not supported by xl: it warns and ignores the setting.', ['WARNING: vif2: netchannel2 is deprecated and not supported by xl'], vif2.setting);
  // (xl empties vfbs and vkbs before reading vfb=: nothing made them before.)
  const list = deviceList(c, 'vfb');
  if (!list) return;
  const vfbs = array(c, [], 'vfbs', list);
  const vkbs = array(c, [], 'vkbs', list);
  stringItems(list).forEach((item, index) => {
    const res = parseVfb(item, c.r, { index, vkbIndex: vkbs.length })!;
    vfbs.push(res.vfb);
    vkbs.push(res.vkb);
  });
  c.state.vfbs = vfbs.length;
}

/** The string items of a device list, each read by `read` into d_config's `field`. */
function each(c: PortContext, key: string, field: string, read: (item: XluString, index: number) => Obj | undefined): void {
  const list = deviceList(c, key);
  if (!list) return;
  const arr = array(c, [], field, list);
  stringItems(list).forEach((item, index) => {
    const d = read(item, index);
    if (d) arr.push(d);
  });
}

/** usbctrl= and usbdev= (4.7+; after pci= and dtdev= before 4.13, after rdm= from then on). */
export function usbLists(c: PortContext): void {
  if (!usbSince(c.xen) || recording.has(c)) return;
  each(c, 'usbctrl', 'usbctrls', (item, index) => parseUsbctrl(item, c.r, { index }));
  each(c, 'usbdev', 'usbdevs', (item) => parseUsbdev(item, c.r));
}

/** vkb= (4.12+; numbered after the vkbs the vfbs brought) and virtio= (4.18+), read last. */
export function lateDeviceLists(c: PortContext): void {
  const before = (c.out.get([], 'vkbs') as LibxlValue[] | undefined)?.length ?? 0;
  const rec = recording.get(c);
  if (rec) {
    rec.vkbsBefore = before;
    return;
  }
  if (vkbSince(c.xen)) {
    const list = deviceList(c, 'vkb');
    if (list) {
      const vkbs = array(c, [], 'vkbs', list);
      for (const item of stringItems(list)) vkbs.push(parseVkb(item, c.r, { devid: vkbs.length })!);
    }
  }
  if (virtioSince(c.xen)) each(c, 'virtio', 'virtios', (item, index) => parseVirtio(item, c.r, { index }));
}
