/**
 * Every device setting of a document read for the editor: each item on its
 * own (xl stops at the first item it refuses; the editor reads on, so that
 * every item's problems show), with its pieces, the libxl object and what xl
 * would print. The rest of the domain the readers need (pci_* defaults, the
 * rdm policy, maxvcpus=, the domain name, the vkbs before the vkb list) is
 * what the port of xl's parse_config_data has when it reads each list
 * (xl/deviceInputs.ts). Read once per settings model; rules, completion,
 * hover and outline share it.
 */
import type { SettingsModel } from '../settings';
import type { XenVersion } from '../xenVersion';
import { EDITOR_HOST } from '../xl/context';
import { deviceInputs, type DeviceInputs } from '../xl/deviceInputs';
import type { XlEvent, XlExit, XluList, XluValue } from '../xl/types';
import { xlLineAt } from '../xl/xluConfig';
import { parseDisk } from './disk';
import { dtdevSince, parseDtdev } from './dtdev';
import { parseIomem } from './iomem';
import { parseIoports } from './ioports';
import { parseIrqs } from './irqs';
import { P9Carry, p9Since, parseP9 } from './p9';
import { parsePci } from './pci';
import { parsePvcalls, pvcallsSince } from './pvcalls';
import { parseRdm, rdmSince } from './rdm';
import { attempt, Recorder } from './recorder';
import type { DeviceFamily, DeviceSpec } from './spec';
import { parseUsbctrl, usbSince } from './usbctrl';
import { parseUsbdev } from './usbdev';
import { parseVdispl, vdisplSince } from './vdispl';
import { parseVfb } from './vfb';
import { parseVif } from './vif';
import { parseVirtio, virtioSince } from './virtio';
import { parseVkb, vkbSince } from './vkb';
import { parseVnuma, vnumaSince } from './vnuma';
import { parseVsnd, vsndSince } from './vsnd';
import { parseVtpm } from './vtpm';
import { xluOfSetting } from './xlu';

/** One item as read: its spec (pieces, object), what xl prints, and where it stops. */
export interface ReadItem {
  index: number;
  spec: DeviceSpec;
  events: XlEvent[];
  exit?: XlExit;
}

export interface DeviceSetting {
  family: DeviceFamily;
  /** The setting's name (the family's key). */
  key: string;
  value: XluValue;
  items: ReadItem[];
  /** A list item that is a list where strings are read (xl stops reading there), with its index. */
  notString?: { index: number; item: XluValue };
  /** Events about the setting as a whole (not of one item). */
  events: XlEvent[];
}

export interface DeviceDocument {
  xen: XenVersion;
  settings: DeviceSetting[];
}

/** The device families a release reads, by setting name (not in the order xl reads them: that is parse_config_data's, model/xl/readDomain.ts stepsFor; e.g. vnuma comes first, and pci= comes before rdm= in 4.13-4.14.4, 4.15.0-4.15.2 and 4.16.0). */
export function deviceKeys(xen: XenVersion): DeviceFamily[] {
  const out: DeviceFamily[] = [];
  if (rdmSince(xen)) out.push('rdm');
  out.push('pci');
  if (dtdevSince(xen)) out.push('dtdev');
  out.push('ioports', 'irqs', 'iomem', 'disk');
  if (p9Since(xen)) out.push('p9');
  out.push('vtpm');
  if (vdisplSince(xen)) out.push('vdispl');
  if (pvcallsSince(xen)) out.push('pvcalls');
  if (vsndSince(xen)) out.push('vsnd');
  out.push('vif', 'vfb');
  if (usbSince(xen)) out.push('usbctrl', 'usbdev');
  if (vkbSince(xen)) out.push('vkb');
  if (virtioSince(xen)) out.push('virtio');
  if (vnumaSince(xen)) out.push('vnuma');
  return out;
}

/** Every device setting some release reads. */
export const DEVICE_KEYS: ReadonlySet<string> = new Set(['rdm', 'pci', 'dtdev', 'ioports', 'irqs', 'iomem', 'disk', 'p9', 'vtpm', 'vdispl', 'pvcalls', 'vsnd', 'vif', 'vfb', 'usbctrl', 'usbdev', 'vkb', 'virtio', 'vnuma']);


const cache = new WeakMap<SettingsModel, Map<string, DeviceDocument>>();

export function readDevices(model: SettingsModel, xen: XenVersion, configSource = 'FILE'): DeviceDocument {
  const key = `${xen.kind} ${xen.major}.${xen.minor}.${xen.patch ?? 'x'} ${configSource}`;
  let per = cache.get(model);
  if (!per) cache.set(model, (per = new Map()));
  const known = per.get(key);
  if (known) return known;
  const doc = new DocumentReader(model, xen, configSource).read();
  per.set(key, doc);
  return doc;
}

class DocumentReader {
  private readonly text: string;

  constructor(
    private readonly model: SettingsModel,
    private readonly xen: XenVersion,
    private readonly configSource: string,
  ) {
    this.text = model.tree.text;
  }

  private inputs!: DeviceInputs;

  read(): DeviceDocument {
    const settings: DeviceSetting[] = [];
    this.inputs = deviceInputs(this.model, this.xen, this.configSource);
    for (const family of deviceKeys(this.xen)) {
      const e = this.model.effective.get(family);
      if (!e) continue;
      const value = xluOfSetting(this.text, e);
      const s: DeviceSetting = { family, key: family, value, items: [], events: [] };
      settings.push(s);
      if (family === 'rdm') {
        if (value.kind === 'string') this.item(s, 0, value, (r, into) => parseRdm(value, r, into));
        continue;
      }
      if (value.kind !== 'list') continue;
      this.readList(s, value);
    }
    return { xen: this.xen, settings };
  }

  /** Reads one item with its own recorder (an exit stops only this item). */
  private item(s: DeviceSetting, index: number, item: XluValue, read: (r: Recorder, into: DeviceSpec) => unknown): ReadItem {
    const r = new Recorder(this.xen);
    const spec: DeviceSpec = { family: s.family, item, pieces: [] };
    const res = attempt(() => read(r, spec));
    const it: ReadItem = { index, spec, events: r.events, exit: res.exit };
    s.items.push(it);
    return it;
  }

  private readList(s: DeviceSetting, list: XluList): void {
    const xen = this.xen;
    const source = this.configSource;
    if (s.family === 'ioports' || s.family === 'irqs' || s.family === 'iomem') {
      // Read item by item, each as a list of one (the whole-list readers stop at the first exit).
      list.items.forEach((item, index) => {
        const one: XluList = { kind: 'list', items: [item], span: list.span };
        const parse = s.family === 'ioports' ? parseIoports : s.family === 'irqs' ? parseIrqs : parseIomem;
        const into: DeviceSpec[] = [];
        const r = new Recorder(xen);
        const res = attempt(() => parse(one, r, into, index));
        const spec = into[0] ?? { family: s.family, item, pieces: [] };
        if (!res.exit && res.value) spec.device = (res.value as unknown[])[0] as DeviceSpec['device'];
        s.items.push({ index, spec, events: r.events, exit: res.exit });
      });
      return;
    }
    if (s.family === 'vsnd' || s.family === 'vnuma') {
      this.readNested(s, list);
      return;
    }
    const dropAt = list.items.findIndex((i) => i.kind !== 'string');
    if (dropAt >= 0) s.notString = { index: dropAt, item: list.items[dropAt] };
    const items = dropAt < 0 ? list.items : list.items.slice(0, dropAt);
    const { pci: pciDefaults, domainName, vifDefaults: defaults, vkbsBefore = 0 } = this.inputs;
    const carry: P9Carry = {};
    items.forEach((item, index) => {
      this.item(s, index, item, (r, into) => {
        switch (s.family) {
          case 'disk':
            return parseDisk(item, r, { configSource: source }, into);
          case 'vif':
            return parseVif(item, r, { configSource: source, index, defaults }, into);
          case 'pci':
            return parsePci(item, r, { defaults: pciDefaults }, into);
          case 'vtpm':
            return parseVtpm(item, r, { index }, into);
          case 'pvcalls':
            return parsePvcalls(item, r, { index }, into);
          case 'vfb':
            return parseVfb(item, r, { index, vkbIndex: index }, into);
          case 'vkb':
            return parseVkb(item, r, { devid: vkbsBefore + index }, into);
          case 'usbctrl':
            return parseUsbctrl(item, r, { index }, into);
          case 'usbdev':
            return parseUsbdev(item, r, into);
          case 'vdispl':
            return parseVdispl(item, r, { index }, into);
          case 'virtio':
            return parseVirtio(item, r, { index }, into);
          case 'p9':
            return parseP9(item, r, { domainName, carry }, into);
          case 'dtdev':
            return parseDtdev(item, r, into);
          default:
            return undefined;
        }
      });
    });
  }

  /** vsnd cards and vnuma nodes: lists of lists. */
  private readNested(s: DeviceSetting, list: XluList): void {
    const xen = this.xen;
    const lineOf = (v: XluValue) => xlLineAt(this.model.tree, v.span.start);
    if (s.family === 'vsnd') {
      list.items.forEach((card, index) => {
        const r = new Recorder(xen);
        const into: DeviceSpec[] = [];
        const res = attempt(() => parseVsnd(card, r, { index, configSource: this.configSource, lineOf }, into));
        const spec: DeviceSpec = { family: 'vsnd', item: card, pieces: into.flatMap((d) => d.pieces) };
        if (res.value) spec.device = res.value;
        s.items.push({ index, spec, events: r.events, exit: res.exit });
      });
      return;
    }
    const r = new Recorder(xen);
    const into: DeviceSpec[] = [];
    const { maxVcpus = 0, maxMemkb } = this.inputs.vnuma ?? {};
    // (The host is unknown here: the editor's, a large one, as the domain rules assume.)
    const host = { nrNodes: EDITOR_HOST.nrNodes, onlineCpus: EDITOR_HOST.nrCpus, maxCpus: EDITOR_HOST.nrCpus };
    const res = attempt(() => parseVnuma(list, r, { host, maxVcpus, maxMemkb, configSource: this.configSource, lineOf }, into));
    into.forEach((spec, index) => s.items.push({ index, spec, events: [], exit: undefined }));
    // The events belong to the whole setting (each carries its own range).
    s.events.push(...r.events);
    void res;
  }
}

/** Whether the release reads this setting as a device setting of ours. */
export function isDeviceKey(key: string, xen: XenVersion): key is DeviceFamily {
  return (deviceKeys(xen) as string[]).includes(key);
}
