/**
 * The devices libxl creates, from the device settings xl read
 * (model/devices): each one after libxl's defaults for the target release
 * (libxl__device_*_setdefault), with the devid, the frontend and backend
 * kinds and the backend domain its xenstore directories get, and the devices
 * xl or libxl add on their own (the vkb of each vfb, an HVM guest's vkb, the
 * vfb of a PV guest's vnc=1).
 *
 * What depends on the host is guessed and said so (`guesses`, and a note):
 * the backend libxl picks for a raw disk (phy for a block device, qdisk
 * otherwise), a vif's random MAC, a vtpm's random UUID.
 */
import type { DeviceSetting, ReadItem } from '../model/devices/document';
import type { DeviceSpec } from '../model/devices/spec';
import { diskDevIndex, diskDevNumber } from '../model/devices/vdev';
import type { LibxlValue } from '../model/xl/types';
import type { Span } from '../syntax/cst';
import { firstSpan, resolveBackend, type RenderContext } from './context';
import * as era from './deviceEra';
import type { DomidText, RenderNote } from './types';

export type Obj = { [field: string]: LibxlValue };

export type DiskBackend = 'phy' | 'qdisk' | 'tap' | 'standalone';

export interface PlannedDisk {
  backend: DiskBackend;
  vdev: string;
  /** libxl's disk index (xvda, hda, sda: 0); undefined for a numeric vdev. */
  diskIndex?: number;
  format: string;
  /** The target after libxl's defaults (an empty cdrom on phy gets a file of its own from 4.19). */
  target: string | null;
  readwrite: boolean;
  cdrom: boolean;
  script?: string;
  colo: boolean;
  /** The backend was not given and depends on the host: why the one shown was picked. */
  backendGuess?: string;
}

export interface PlannedNic {
  mac: string;
  /** No mac=: libxl makes one up (shown as 00:16:3e:xx:xx:xx). */
  macRandom: boolean;
  model: string;
  bridge: string;
  /** nictype vif_ioemu: qemu emulates a card too (HVM). */
  emulated: boolean;
  mtu: number;
  /** Any colo_* key (their qemu arguments are not rendered). */
  colo: boolean;
}

export interface PlannedDevice {
  index: number;
  /** The setting (disk, vif, ...); 'vnc' for the vfb of a PV guest's vnc=1. */
  family: string;
  item?: number;
  implicit?: string;
  kind: string;
  backendKind: string;
  devid: number;
  backendDomid: DomidText;
  /** The backend is libxl's own domain (LIBXL_TOOLSTACK_DOMID). */
  backendLocal: boolean;
  label: string;
  guesses: string[];
  rendered: boolean;
  reason?: string;
  span?: Span;
  spec?: DeviceSpec;
  obj: Obj;
  disk?: PlannedDisk;
  nic?: PlannedNic;
  emulated?: string;
  emulatedNot?: string;
}

/** The random MAC libxl makes (Xen's OUI, then random bytes). */
export const RANDOM_MAC = '00:16:3e:xx:xx:xx';
/** A vtpm without uuid= gets a random one. */
export const RANDOM_UUID = '<random uuid>';

/** The device settings whose xenstore nodes the preview does not render, and why. */
const NOT_RENDERED: Record<string, string> = {
  pci: 'PCI passthrough: libxl assigns the devices by hypercall (and writes a pci backend for a PV guest, or hands them to qemu for an HVM one); those xenstore nodes are not shown here.',
  usbctrl: 'USB controllers: their vusb/qusb xenstore nodes are not shown here.',
  usbdev: 'USB devices: their xenstore nodes are not shown here.',
  vsnd: 'Virtual sound cards: their vsnd xenstore nodes are not shown here.',
};

/** The span of the piece that set a libxl field (the item's span when none did). */
export function fieldSpan(dev: PlannedDevice, ...fields: string[]): Span | undefined {
  const pieces = dev.spec?.pieces ?? [];
  for (const field of fields) {
    for (let i = pieces.length - 1; i >= 0; i--) {
      const p = pieces[i];
      if (p.field === field && p.status === 'used') return p.value?.span ?? p.span;
    }
  }
  return dev.span;
}

const str = (v: LibxlValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: LibxlValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

interface Planner {
  ctx: RenderContext;
  out: PlannedDevice[];
  note(n: Omit<RenderNote, 'deviceIndex'>, dev: PlannedDevice): void;
}

export interface DevicePlan {
  devices: PlannedDevice[];
  notRendered: Array<{ key: string; span: Span; reason: string }>;
}

export function planDevices(ctx: RenderContext): DevicePlan {
  const doc = ctx.domain.devices;
  const out: PlannedDevice[] = [];
  const notRendered: DevicePlan['notRendered'] = [];
  const p: Planner = {
    ctx,
    out,
    note: (n, dev) => ctx.notes.push({ ...n, deviceIndex: dev.index }),
  };
  const settings = new Map<string, DeviceSetting>();
  for (const s of doc?.settings ?? []) settings.set(s.key, s);
  const items = (key: string): ReadItem[] => {
    const s = settings.get(key);
    if (!s) return [];
    const upTo = s.notString ? s.notString.index : Infinity;
    return s.items.filter((it) => it.spec.device && !it.exit && it.index < upTo);
  };

  for (const it of items('disk')) planDisk(p, it);
  for (const it of items('vif')) planNic(p, it);
  const vfbs = planVfbs(p, items('vfb'));
  planVkbs(p, items('vkb'), vfbs);
  for (const it of items('vtpm')) planSimple(p, 'vtpm', it, 'vtpm', 'vtpm');
  items('p9').forEach((it, i) => planP9(p, it, i));
  for (const it of items('pvcalls')) planSimple(p, 'pvcalls', it, 'pvcalls', 'pvcalls');
  for (const it of items('vdispl')) planSimple(p, 'vdispl', it, 'vdispl', 'vdispl');
  for (const it of items('virtio')) planSimple(p, 'virtio', it, 'virtio', 'virtio');
  markDuplicates(out);

  for (const [key, reason] of Object.entries(NOT_RENDERED)) {
    const s = settings.get(key);
    if (!s || !s.items.length) continue;
    const v = s.value.span;
    notRendered.push({ key, span: { start: v.start, end: v.end }, reason });
  }
  return { devices: out, notRendered };
}

function base(p: Planner, family: string, it: ReadItem | undefined, kind: string, backendKind: string, devid: number, obj: Obj, label: string): PlannedDevice {
  const backend = resolveBackend(str(obj.backend_domname), p.ctx.domains);
  const dev: PlannedDevice = {
    index: p.out.length,
    family,
    kind,
    backendKind,
    devid,
    backendDomid: backend.domid,
    backendLocal: backend.domid === 0,
    label,
    guesses: [],
    rendered: true,
    obj,
  };
  if (it) {
    dev.item = it.index;
    dev.spec = it.spec;
    const s = it.spec.item.span;
    dev.span = { start: s.start, end: s.end };
  }
  p.out.push(dev);
  if (!backend.resolved) {
    dev.guesses.push(`its backend domain ${str(obj.backend_domname)} is looked up among running domains at create time`);
    p.note(
      {
        code: 'device-backend-unresolved',
        effect: 'style',
        message: `backend=${str(obj.backend_domname)} names a domain: libxl looks it up among running domains when the domain is created (creation fails if none has that name). Its domid is unknown here, shown as ${backend.domid}.`,
        span: fieldSpan(dev, 'backend_domname'),
      },
      dev,
    );
  }
  return dev;
}

// ---------------------------------------------------------------------------
// Disks

type Try = 'yes' | 'no' | 'host';

/** disk_try_backend of the target release: 'host' when the answer is whether the target is a block device. */
function tryBackend(ctx: RenderContext, d: PlannedDisk, spec: string, local: boolean, b: DiskBackend): Try {
  const v = ctx.v;
  const virtio = spec === 'virtio';
  if (era.hasStandaloneDisks(v) && virtio !== (b === 'standalone')) return 'no';
  switch (b) {
    case 'phy': {
      if (d.colo && era.hasColoDisks(v)) return 'no';
      const empty = era.phyTakesEmptyCdrom(v);
      if (empty === 'yes' && d.cdrom && d.format === 'empty') return 'yes';
      if (empty === 'with-raw' ? d.format !== 'raw' && d.format !== 'empty' : d.format !== 'raw') return 'no';
      if (!local || d.script !== undefined) return 'yes';
      // An empty image (4.5-4.6): libxl looks at a zeroed stat, which is no block device.
      if (d.format === 'empty') return 'no';
      return 'host';
    }
    case 'tap': {
      const tap = era.tapBackend(v);
      if (tap === 'none') return 'no';
      if (d.format !== 'raw' && d.format !== 'vhd') return 'no';
      if (d.colo && era.hasColoDisks(v)) return 'no';
      if (tap === 'blktap2' && (d.script !== undefined || d.cdrom)) return 'no';
      return 'yes';
    }
    case 'qdisk':
      return d.script !== undefined ? 'no' : 'yes';
    case 'standalone':
      if (d.format !== 'raw' || d.script !== undefined || d.colo) return 'no';
      return local ? 'host' : 'yes';
  }
}

/** Whether the target looks like a block device (the preview cannot look at the host). */
function looksLikeBlockDevice(target: string | null): boolean {
  return target !== null && target.startsWith('/dev/');
}

function chooseBackend(ctx: RenderContext, d: PlannedDisk, spec: string, local: boolean, asked: DiskBackend | undefined): { backend?: DiskBackend; guess?: string; refused?: string } {
  const v = ctx.v;
  if (d.format === 'empty' && !d.cdrom) return { refused: 'an empty disk that is not a cdrom: libxl refuses it ("is empty but not cdrom")' };
  if (d.format === 'empty' && d.target && era.refusesEmptyWithTarget(v)) return { refused: `an empty cdrom with a target (${d.target}): libxl refuses it ("is empty but an image has been provided")` };
  let want = asked;
  if (d.cdrom && ctx.guestType === 'hvm' && era.hvmCdromDefaultsToQdisk(v)) {
    want ??= 'qdisk';
    if (want !== 'qdisk' && want !== 'phy') return { refused: `an HVM guest's cdrom on the ${want} backend: libxl allows only qdisk or phy ("Backend for CD devices on HVM guests must be Qdisk or Phy")` };
  }
  if (want) {
    const t = tryBackend(ctx, d, spec, local, want);
    if (t === 'no') return { refused: `libxl cannot serve this disk with the ${want} backend ("no suitable backend for disk")` };
    if (want === 'tap' && era.tapBackend(v) === 'blktap2') return { backend: want, guess: 'the tap backend needs blktap2 on the host (libxl refuses the disk without it)' };
    return t === 'host' ? { backend: want, guess: `libxl accepts the ${want} backend only if ${d.target} is a block device on the host` } : { backend: want };
  }
  const order: DiskBackend[] = ['phy', 'qdisk', 'tap'];
  if (era.hasStandaloneDisks(v)) order.push('standalone');
  // The backends whose answer depends on the host; the preview takes a target under /dev for a block device.
  const hostDependent: DiskBackend[] = [];
  const block = looksLikeBlockDevice(d.target);
  for (const b of order) {
    const t = tryBackend(ctx, d, spec, local, b);
    if (t === 'host') hostDependent.push(b);
    if (t === 'yes' || (t === 'host' && block)) {
      const guess = hostDependent.length ? `libxl uses ${hostDependent.join(' or ')} only if ${d.target} is a block device on the host; ${block ? 'it looks like one (under /dev)' : 'it does not look like one'}, so ${b} is shown` : undefined;
      return { backend: b, guess };
    }
  }
  return { refused: 'libxl finds no backend for this disk ("no suitable backend for disk")' };
}

function planDisk(p: Planner, it: ReadItem): void {
  const { ctx } = p;
  const o = it.spec.device as Obj;
  const vdev = str(o.vdev) ?? '';
  const format = str(o.format) ?? 'raw';
  const d: PlannedDisk = {
    backend: 'phy',
    vdev,
    diskIndex: diskDevIndex(vdev),
    format,
    target: str(o.pdev_path) ?? null,
    readwrite: o.readwrite === 1,
    cdrom: o.is_cdrom === 1,
    script: str(o.script),
    colo: o.colo_enable === 'True',
  };
  const devid = diskDevNumber(vdev);
  const dev = base(p, 'disk', it, 'vbd', 'vbd', devid, o, d.cdrom ? `${vdev} (cdrom)` : vdev);
  dev.disk = d;
  if (devid === -1) {
    dev.rendered = false;
    dev.reason = `libxl refuses the vdev ${JSON.stringify(vdev)} ("Invalid or unsupported virtual disk identifier")`;
    return;
  }
  const spec = str(o.specification) ?? 'xen';
  const choice = chooseBackend(ctx, d, spec, dev.backendLocal, str(o.backend) as DiskBackend | undefined);
  if (choice.guess) {
    d.backendGuess = choice.guess;
    dev.guesses.push(choice.guess);
  }
  if (!choice.backend) {
    dev.rendered = false;
    dev.reason = choice.refused;
    p.note({ code: 'disk-no-backend', effect: 'libxl-refuses', message: `Disk ${vdev}: ${choice.refused}, so the domain is not created.`, span: dev.span }, dev);
    return;
  }
  d.backend = choice.backend;
  if (choice.guess && !str(o.backend)) {
    p.note(
      {
        code: 'disk-backend-guessed',
        effect: 'style',
        message: `Disk ${vdev}: ${choice.guess} (backendtype= would say which).`,
        span: fieldSpan(dev, 'pdev_path'),
      },
      dev,
    );
  }
  if (str(o.backend) === 'phy' && d.cdrom && d.format === 'empty' && dev.backendLocal && era.phyTakesEmptyCdrom(ctx.v) === 'yes') {
    // backendtype=phy on an empty cdrom: libxl creates an empty file for the backend to point at.
    d.target = `${ctx.runDir}/empty-cdrom.${ctx.D}`;
  }
  if (d.backend === 'qdisk') dev.backendKind = 'qdisk';
  else if (d.backend === 'tap') dev.backendKind = era.tapBackend(ctx.v) === 'vbd3' ? 'vbd3' : 'vbd';
  else if (d.backend === 'standalone') dev.kind = dev.backendKind = 'virtio_disk';
}

// ---------------------------------------------------------------------------
// Vifs

function planNic(p: Planner, it: ReadItem): void {
  const { ctx } = p;
  const o = it.spec.device as Obj;
  const mac = str(o.mac);
  const nictype = str(o.nictype);
  const hvm = ctx.guestType === 'hvm';
  const n: PlannedNic = {
    mac: mac ?? RANDOM_MAC,
    macRandom: mac === undefined,
    model: str(o.model) ?? 'rtl8139',
    bridge: str(o.bridge) ?? 'xenbr0',
    emulated: hvm && nictype !== 'vif',
    mtu: num(o.mtu) ?? 1500,
    colo: Object.keys(o).some((k) => k.startsWith('colo_')),
  };
  const devid = num(o.devid) ?? it.index;
  const dev = base(p, 'vif', it, 'vif', 'vif', devid, o, `${mac ?? 'random mac'} on ${n.bridge}`);
  dev.nic = n;
  if (!hvm && nictype === 'vif_ioemu') {
    dev.rendered = false;
    dev.reason = `libxl refuses an emulated card (type=ioemu) on a ${ctx.guestType.toUpperCase()} guest`;
    p.note({ code: 'vif-emulated-on-pv', effect: 'libxl-refuses', message: `vif ${devid}: type=ioemu asks for an emulated card, which a ${ctx.guestType.toUpperCase()} guest cannot have: libxl refuses it ("trying to create PV guest with an emulated interface") and the domain is not created.`, span: fieldSpan(dev, 'nictype') }, dev);
    return;
  }
  if (n.macRandom) {
    dev.guesses.push('no mac=: libxl makes a random address 00:16:3e:xx:xx:xx (the same one in xenstore and for qemu)');
    p.note({ code: 'vif-random-mac', effect: 'style', message: `vif ${devid} has no mac=: libxl gives it a random address with Xen's prefix 00:16:3e, different at every xl create (shown as ${RANDOM_MAC}); a fixed mac= keeps the guest's address stable.`, span: dev.span }, dev);
  }
}

// ---------------------------------------------------------------------------
// Framebuffers and keyboards

interface VfbOut {
  /** The vfbs xl gives libxl (vfb= items, or the one of a PV guest's vnc=1). */
  vfbs: PlannedDevice[];
  /** Whether xl added them (and their vkbs) at all (a vfb= list of an HVM guest still brings vkbs). */
  count: number;
}

function planVfbs(p: Planner, list: ReadItem[]): VfbOut {
  const { ctx } = p;
  const dom = ctx.domain;
  const vfbs: PlannedDevice[] = [];
  const pvGuest = ctx.guestType === 'pv';
  const addedByLibxl = ctx.guestType !== 'hvm';
  list.forEach((it) => {
    const o = it.spec.device as Obj;
    const dev = base(p, 'vfb', it, 'vfb', 'vfb', num(o.devid) ?? it.index, o, `vfb ${num(o.devid) ?? it.index}`);
    if (!addedByLibxl) {
      dev.rendered = false;
      dev.reason = 'libxl adds no vfb to an HVM guest (its display is the emulated graphics card)';
    }
    vfbs.push(dev);
  });
  // A PV guest's vnc=1 without vfb=: xl makes a vfb (and a vkb) of the top-level VNC keys.
  if (!list.length && pvGuest && dom.vnc === true) {
    const vnc: Obj = { enable: 'True' };
    if (dom.vncListen !== undefined) vnc.listen = dom.vncListen;
    if (dom.vncPasswd !== undefined) vnc.passwd = dom.vncPasswd;
    if (dom.vncDisplay !== undefined) vnc.display = dom.vncDisplay;
    if (dom.vncUnused !== undefined) vnc.findunused = dom.vncUnused ? 'True' : 'False';
    const sdl: Obj = {};
    if (dom.sdl !== undefined) sdl.enable = dom.sdl ? 'True' : 'False';
    if (dom.opengl !== undefined) sdl.opengl = dom.opengl ? 'True' : 'False';
    if (dom.sdlDisplay !== undefined) sdl.display = dom.sdlDisplay;
    if (dom.xauthority !== undefined) sdl.xauthority = dom.xauthority;
    const dev = base(p, 'vnc', undefined, 'vfb', 'vfb', 0, { devid: 0, vnc, sdl }, 'vfb 0');
    dev.implicit = 'vnc=1 on a PV guest without vfb=: xl makes a framebuffer of the top-level VNC settings';
    dev.span = firstSpan(dom.vncSpan);
    vfbs.push(dev);
  }
  return { vfbs, count: vfbs.length };
}

function planVkbs(p: Planner, list: ReadItem[], vfbs: VfbOut): void {
  const { ctx } = p;
  const v = ctx.v;
  const hvm = ctx.guestType === 'hvm';
  // libxl adds the vkbs of the configuration (each vfb's first, then vkb=) to PV and PVH guests; to every guest from 4.19.
  const added = !hvm || era.vkbsForEveryType(v);
  const vkbEra = era.vkbBackendEra(v);
  const vkbObj = (o: Obj): { kind: string } => ({ kind: vkbEra === 'vinput' && o.backend_type === 'linux' ? 'vinput' : 'vkbd' });
  vfbs.vfbs.forEach((vfb, i) => {
    const o: Obj = { devid: i };
    const dev = base(p, 'vkb', undefined, 'vkbd', 'vkbd', i, o, `vkb ${i}`);
    dev.implicit = `the keyboard and mouse of ${vfb.family === 'vnc' ? 'the vnc=1 framebuffer' : `vfb ${vfb.devid}`}: xl adds a vkb with every vfb`;
    dev.span = vfb.span;
    if (!added) {
      dev.rendered = false;
      dev.reason = 'libxl adds the vkbs of the configuration only to PV and PVH guests before 4.19';
    }
  });
  for (const it of list) {
    const o = it.spec.device as Obj;
    const devid = num(o.devid) ?? vfbs.count + it.index;
    const dev = base(p, 'vkb', it, 'vkbd', vkbObj(o).kind, devid, o, `vkb ${devid}${o.backend_type ? ` (${String(o.backend_type)})` : ''}`);
    if (!added) {
      dev.rendered = false;
      dev.reason = 'libxl adds the vkbs of vkb= only to PV and PVH guests before 4.19';
    }
  }
  // The vkb libxl gives an HVM guest of its own.
  if (!hvm) return;
  const mode = era.hvmImplicitVkb(v);
  const configured = vfbs.count + list.length;
  if (mode === 'unless-vkbs' && configured > 0) return;
  if (mode !== 'always' && ctx.domain.vkbDevice === false) return;
  const dev = base(p, 'vkb', undefined, 'vkbd', 'vkbd', 0, { devid: 0 }, 'vkb 0');
  dev.implicit = mode === 'always' ? 'libxl gives every HVM guest a vkb' : 'libxl gives an HVM guest a vkb unless vkb_device=0';
  dev.span = firstSpan(ctx.domain.vkbDeviceSpan, ctx.domain.typeSpan);
}

// ---------------------------------------------------------------------------
// vtpm, p9, pvcalls, vdispl, virtio

function planSimple(p: Planner, family: string, it: ReadItem, kind: string, backendKind: string): PlannedDevice {
  const o = it.spec.device as Obj;
  const devid = num(o.devid) ?? it.index;
  const dev = base(p, family, it, kind, backendKind, devid, o, `${family} ${devid}`);
  if (family === 'vtpm' && o.uuid === undefined) dev.guesses.push('no uuid=: libxl makes a random UUID');
  if (family === 'virtio' && typeof o.type === 'string') dev.label = `${o.type} ${devid}`;
  return dev;
}

function planP9(p: Planner, it: ReadItem, i: number): void {
  const o = it.spec.device as Obj;
  const xenDaemon = era.p9XenDaemon(p.ctx.v) && o.type === 'xen_9pfsd';
  const tag = str(o.tag) ?? (xenDaemon ? 'Xen' : '');
  // xl leaves the devid unset: libxl numbers the shares in order.
  base(p, 'p9', it, '9pfs', xenDaemon ? 'xen_9pfs' : '9pfs', i, o, `${tag} ${str(o.path) ?? ''}`.trim());
}

// ---------------------------------------------------------------------------

/** A second device with the same frontend kind and devid: libxl refuses it ("device already exists in xenstore"). */
function markDuplicates(devices: PlannedDevice[]): void {
  const seen = new Map<string, PlannedDevice>();
  for (const d of devices) {
    if (!d.rendered) continue;
    const key = `${d.kind}/${d.devid}`;
    const first = seen.get(key);
    if (first) {
      d.rendered = false;
      d.reason = `${first.family} ${first.label} already has /device/${d.kind}/${d.devid}: libxl refuses this one ("device already exists in xenstore")`;
    } else seen.set(key, d);
  }
}

/**
 * Why a PV or PVH guest's devices make libxl start the xenpv qemu
 * (libxl__need_xenpv_qemu): a framebuffer, a disk on qdisk in the toolstack
 * domain, a p9 share, a vkb on qemu, a qusb USB controller. Undefined when
 * none does (channels are counted by qemuArgv.ts).
 */
export function xenpvQemuReason(ctx: RenderContext, devices: PlannedDevice[]): string | undefined {
  const v = ctx.v;
  const vfb = devices.find((d) => (d.family === 'vfb' || d.family === 'vnc') && d.rendered);
  if (vfb) return vfb.family === 'vnc' ? 'vnc=1 gives it a virtual framebuffer, which a xenpv qemu serves.' : 'vfb= gives it virtual framebuffers, which a xenpv qemu serves.';
  const qdisk = devices.find((d) => d.family === 'disk' && d.rendered && d.disk!.backend === 'qdisk' && d.backendLocal);
  if (qdisk) return `disk ${qdisk.disk!.vdev} is served by qdisk, the disk backend inside a xenpv qemu${qdisk.disk!.backendGuess ? ' (the backend is a guess: see its note)' : ''}.`;
  const p9 = era.p9StartsXenpvQemu(v);
  const share = devices.find((d) => d.family === 'p9' && d.rendered && (p9 === 'any' || (p9 === 'qemu-type' && d.backendKind === '9pfs' && d.backendLocal)));
  if (share && p9 !== 'never') return `the p9 share ${share.label} is served by a xenpv qemu.`;
  const vkb = era.vkbStartsXenpvQemu(v) && devices.find((d) => d.family === 'vkb' && d.item !== undefined && d.rendered && d.obj.backend_type === 'qemu');
  if (vkb) return `${vkb.label} has backend-type=qemu, served by a xenpv qemu.`;
  if (era.qusbStartsXenpvQemu(v)) {
    const usb = ctx.domain.devices?.settings.find((s) => s.key === 'usbctrl');
    if (usb?.items.some((it) => !it.exit && it.spec.device?.type === 'qusb')) return 'usbctrl= has a qusb controller, served by a xenpv qemu.';
  }
  return undefined;
}
