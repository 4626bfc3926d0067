/**
 * The xenstore directories libxl writes for each device (libxl's generic
 * device add: the frontend directory in the guest's tree, the backend
 * directory in the backend domain's, and the /libxl copy), with the keys of
 * each family as the target release writes them (libxl_disk.c device_disk_add,
 * libxl_nic.c, libxl_vkb.c, libxl_console.c's vfb, libxl_vtpm.c,
 * libxl_9pfs.c, libxl_vdispl.c, libxl_virtio.c; libxl.c before they were
 * split out).
 *
 * Every node points at the piece of the device string it comes from (the
 * item when no piece sets it). A value only known when the domain runs is
 * marked `runtime`; one the preview guesses (a host fact, a random value)
 * carries `guess`.
 */
import type { Span } from '../syntax/cst';
import type { RenderContext } from './context';
import * as era from './deviceEra';
import { hasLibxlDeviceCopy } from './era';
import { fieldSpan, RANDOM_UUID, type Obj, type PlannedDevice } from './devicePlan';
import type { XenstoreDirectory, XenstoreEntry, XenstoreRole } from './types';
import { formatPerms, nodeFields, type Perm } from './xenstore';

interface Kv {
  key: string;
  value: string;
  span?: Span;
  runtimeNote?: string;
  guess?: string;
}

/** What one device's transaction writes. */
export interface DeviceWrite {
  back: Kv[];
  front: Kv[];
  roFront: Kv[];
}

const str = (v: Obj[string] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: Obj[string] | undefined): number | undefined => (typeof v === 'number' ? v : undefined);
const bool = (v: Obj[string] | undefined, dflt: boolean): boolean => (v === undefined ? dflt : v === true || v === 'True' || v === 1);
const flag = (b: boolean) => (b ? '1' : '0');

/** libxl__abs_path: a relative script name is taken from the script directory. */
function scriptPath(ctx: RenderContext, script: string): string {
  return script.startsWith('/') ? script : `${ctx.scriptDir}/${script}`;
}

function scriptKv(ctx: RenderContext, dev: PlannedDevice, given: string | undefined, dflt: string, field: string): Kv {
  const kv: Kv = { key: 'script', value: scriptPath(ctx, given ?? dflt), span: given !== undefined ? fieldSpan(dev, field) : dev.span };
  if (!(given ?? dflt).startsWith('/')) kv.guess = `libxl's script directory is where the Xen build put it (${ctx.scriptDir} by default)`;
  return kv;
}

/** The keys libxl's generic device add puts first in the backend and the frontend. */
function genericBack(ctx: RenderContext, dev: PlannedDevice): Kv[] {
  return [
    { key: 'frontend-id', value: String(ctx.D), span: dev.span },
    { key: 'online', value: '1', span: dev.span },
    { key: 'state', value: '1', span: dev.span },
  ];
}

function genericFront(dev: PlannedDevice): Kv[] {
  return [
    { key: 'backend-id', value: String(dev.backendDomid), span: fieldSpan(dev, 'backend_domname') },
    { key: 'state', value: '1', span: dev.span },
  ];
}

/** libxl__device_disk_string_of_format: the FORMAT: of a qdisk or tap target. */
function formatPrefix(format: string): string {
  return format === 'raw' || format === 'empty' ? 'aio' : format;
}

function trustedKv(ctx: RenderContext, dev: PlannedDevice, envVar: string): Kv | undefined {
  const mode = era.frontendTrustedKey(ctx.v);
  if (mode === 'none') return undefined;
  if (mode === 'environment') {
    return { key: 'trusted', value: '1', span: dev.span, guess: `"1" unless libxl runs with ${envVar} set to something other than 0` };
  }
  return { key: 'trusted', value: flag(bool(dev.obj.trusted, true)), span: fieldSpan(dev, 'trusted') };
}

function diskWrite(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  const d = dev.disk!;
  const o = dev.obj;
  const v = ctx.v;
  const back: Kv[] = [];
  const targetSpan = fieldSpan(dev, 'pdev_path');
  const backendGuess = d.backendGuess;
  const fmtTarget = () => {
    const t = d.target ?? (era.qdiskEmptyParamsIsEmpty(v) ? '' : '(null)');
    return `${formatPrefix(d.format)}:${t}`;
  };
  const physicalDevice = (script: string | undefined) => {
    if (era.writesPhysicalDevice(v) && script === undefined && dev.backendLocal) {
      back.push({ key: 'physical-device', value: '<major:minor>', span: targetSpan, runtimeNote: 'libxl writes the block device\'s major and minor numbers (hex), read on the host' });
    }
  };
  switch (d.backend) {
    case 'phy':
      // No target (an empty cdrom): libxl's NULL value is not written.
      if (d.target !== null) back.push({ key: 'params', value: d.target, span: targetSpan, guess: backendGuess });
      back.push(scriptKv(ctx, dev, d.script, 'block', 'script'));
      physicalDevice(d.script);
      break;
    case 'standalone':
      if (d.target !== null) back.push({ key: 'params', value: d.target, span: targetSpan, guess: backendGuess });
      break;
    case 'tap':
      if (era.tapBackend(v) === 'vbd3') {
        back.push({ key: 'params', value: fmtTarget(), span: targetSpan });
        back.push(scriptKv(ctx, dev, d.script, 'block-tap', 'script'));
      } else {
        back.push({ key: 'tapdisk-params', value: `${formatPrefix(d.format)}:${d.target ?? ''}`, span: targetSpan });
        back.push({ key: 'params', value: '<tapdev>', span: targetSpan, runtimeNote: 'the blktap2 device libxl makes for the image (/dev/xen/blktap-2/tapdevN)' });
        back.push(scriptKv(ctx, dev, undefined, 'block', 'script'));
        physicalDevice(undefined);
      }
      break;
    case 'qdisk':
      back.push({ key: 'params', value: fmtTarget(), span: targetSpan, guess: backendGuess });
      if (d.colo && era.hasColoDisks(v)) {
        const colo = (key: string, field: string) => back.push({ key, value: o[field] === undefined ? '(null)' : String(o[field]), span: fieldSpan(dev, field) });
        colo('colo-host', 'colo_host');
        colo('colo-port', 'colo_port');
        colo('colo-export', 'colo_export');
        colo('active-disk', 'active_disk');
        colo('hidden-disk', 'hidden_disk');
      }
      break;
  }
  const typeName = d.backend === 'tap' ? (era.tapBackend(v) === 'vbd3' ? 'vbd3' : 'phy') : d.backend;
  back.push(
    { key: 'frontend-id', value: String(ctx.D), span: dev.span },
    { key: 'online', value: '1', span: dev.span },
    { key: 'removable', value: flag(o.removable === 1), span: fieldSpan(dev, 'removable', 'is_cdrom') },
    { key: 'bootable', value: '1', span: dev.span },
    { key: 'state', value: '1', span: dev.span },
    { key: 'dev', value: d.vdev, span: fieldSpan(dev, 'vdev') },
    { key: 'type', value: typeName, span: fieldSpan(dev, 'backend'), guess: backendGuess },
    { key: 'mode', value: d.readwrite ? 'w' : 'r', span: fieldSpan(dev, 'readwrite') },
    { key: 'device-type', value: d.cdrom ? 'cdrom' : 'disk', span: fieldSpan(dev, 'is_cdrom') },
  );
  if (o.direct_io_safe === true) back.push({ key: 'direct-io-safe', value: '1', span: fieldSpan(dev, 'direct_io_safe') });
  back.push({ key: 'discard-enable', value: flag(bool(o.discard_enable, d.readwrite)), span: fieldSpan(dev, 'discard_enable') });
  if (era.diskSpecificationKey(v)) {
    const spec = str(o.specification) ?? 'xen';
    back.push({ key: 'specification', value: spec, span: fieldSpan(dev, 'specification') });
    if (spec === 'virtio') {
      const armNote = 'assigned while the domain is built (on Arm; 0 elsewhere)';
      back.push(
        { key: 'transport', value: 'mmio', span: dev.span },
        { key: 'base', value: '<base>', span: dev.span, runtimeNote: armNote },
        { key: 'irq', value: '<irq>', span: dev.span, runtimeNote: armNote },
      );
      if (era.diskGrantUsageKey(v)) back.push({ key: 'grant_usage', value: flag(bool(o.grant_usage, !dev.backendLocal)), span: fieldSpan(dev, 'grant_usage') });
    }
  }
  const front: Kv[] = [
    ...genericFront(dev),
    { key: 'virtual-device', value: String(dev.devid), span: fieldSpan(dev, 'vdev') },
    { key: 'device-type', value: d.cdrom ? 'cdrom' : 'disk', span: fieldSpan(dev, 'is_cdrom') },
  ];
  const trusted = trustedKv(ctx, dev, 'LIBXL_DISK_BACKEND_UNTRUSTED');
  if (trusted) front.push(trusted);
  if (ctx.guestType === 'pv') front.push({ key: 'protocol', value: '<protocol>', span: dev.span, runtimeNote: "the guest kernel's native protocol (x86_64-abi or x86_32-abi), known once the domain is built" });
  return { back, front, roFront: [] };
}

function nicWrite(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  const n = dev.nic!;
  const o = dev.obj;
  const v = ctx.v;
  const macKv = (): Kv => {
    const kv: Kv = { key: 'mac', value: n.mac, span: fieldSpan(dev, 'mac') };
    if (n.macRandom) kv.guess = 'no mac=: libxl makes a random address with the prefix 00:16:3e';
    return kv;
  };
  const back: Kv[] = [...genericBack(ctx, dev), scriptKv(ctx, dev, str(o.script), 'vif-bridge', 'script')];
  const opt = (key: string, field: string) => {
    const value = str(o[field]);
    if (value !== undefined) back.push({ key, value, span: fieldSpan(dev, field) });
  };
  opt('vifname', 'ifname');
  if (era.vifForwarddevKey(v)) opt('forwarddev', 'coloft_forwarddev');
  if (era.vifColoKeys(v)) for (const k of COLO_ORDER) opt(k, k);
  back.push(macKv());
  opt('ip', 'ip');
  opt('gatewaydev', 'gatewaydev');
  const usecs = num(o.rate_interval_usecs);
  if (usecs !== undefined && usecs > 0) back.push({ key: 'rate', value: `${num(o.rate_bytes_per_interval) ?? 0},${usecs}`, span: fieldSpan(dev, 'rate_bytes_per_interval', 'rate_interval_usecs') });
  if (era.vifMtuKeys(v) && n.mtu !== 1500) back.push({ key: 'mtu', value: String(n.mtu), span: fieldSpan(dev, 'mtu') });
  if (era.vifVlanKey(v)) opt('vlan', 'vlan');
  back.push(
    { key: 'bridge', value: n.bridge, span: fieldSpan(dev, 'bridge') },
    { key: 'handle', value: String(dev.devid), span: fieldSpan(dev, 'devid') },
    { key: 'type', value: n.emulated ? 'vif_ioemu' : 'vif', span: fieldSpan(dev, 'nictype') },
  );
  if (era.vifHotplugStatusKey(v)) back.push({ key: 'hotplug-status', value: '', span: dev.span, runtimeNote: 'the hotplug script writes "connected" when it has set the interface up' });
  const front: Kv[] = [...genericFront(dev), { key: 'handle', value: String(dev.devid), span: fieldSpan(dev, 'devid') }, macKv()];
  const trusted = trustedKv(ctx, dev, 'LIBXL_NIC_BACKEND_UNTRUSTED');
  if (trusted) front.push(trusted);
  const roFront: Kv[] = era.vifMtuKeys(v) ? [{ key: 'mtu', value: String(n.mtu), span: fieldSpan(dev, 'mtu') }] : [];
  return { back, front, roFront };
}

/** The colo_* keys in the order libxl writes them (the same from 4.9 on). */
export const COLO_ORDER = [
  'sock_mirror_id', 'sock_mirror_ip', 'sock_mirror_port', 'sock_compare_pri_in_id', 'sock_compare_pri_in_ip', 'sock_compare_pri_in_port',
  'sock_compare_sec_in_id', 'sock_compare_sec_in_ip', 'sock_compare_sec_in_port', 'sock_compare_notify_id', 'sock_compare_notify_ip', 'sock_compare_notify_port',
  'sock_redirector0_id', 'sock_redirector0_ip', 'sock_redirector0_port', 'sock_redirector1_id', 'sock_redirector1_ip', 'sock_redirector1_port',
  'sock_redirector2_id', 'sock_redirector2_ip', 'sock_redirector2_port', 'filter_mirror_queue', 'filter_mirror_outdev', 'filter_redirector0_queue',
  'filter_redirector0_indev', 'filter_redirector0_outdev', 'filter_redirector1_queue', 'filter_redirector1_indev', 'filter_redirector1_outdev',
  'compare_pri_in', 'compare_sec_in', 'compare_out', 'compare_notify_dev', 'sock_sec_redirector0_id', 'sock_sec_redirector0_ip', 'sock_sec_redirector0_port',
  'sock_sec_redirector1_id', 'sock_sec_redirector1_ip', 'sock_sec_redirector1_port', 'filter_sec_redirector0_queue', 'filter_sec_redirector0_indev',
  'filter_sec_redirector0_outdev', 'filter_sec_redirector1_queue', 'filter_sec_redirector1_indev', 'filter_sec_redirector1_outdev', 'filter_sec_rewriter0_queue',
  'checkpoint_host', 'checkpoint_port',
].map((k) => `colo_${k}`);

function vkbWrite(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  const o = dev.obj;
  const vkbEra = era.vkbBackendEra(ctx.v);
  const back = genericBack(ctx, dev);
  if (vkbEra !== 'plain') {
    if (vkbEra === 'backend-type-key') back.push({ key: 'backend-type', value: str(o.backend_type) ?? 'qemu', span: fieldSpan(dev, 'backend_type') });
    const opt = (key: string, field: string) => {
      const value = o[field];
      if (value === undefined || value === false || value === 0) return;
      back.push({ key, value: value === true ? '1' : String(value), span: fieldSpan(dev, field) });
    };
    opt('unique-id', 'unique_id');
    opt('feature-disable-keyboard', 'feature_disable_keyboard');
    opt('feature-disable-pointer', 'feature_disable_pointer');
    opt('feature-abs-pointer', 'feature_abs_pointer');
    opt('feature-raw-pointer', 'feature_raw_pointer');
    if (o.feature_multi_touch) {
      back.push({ key: 'feature-multi-touch', value: '1', span: fieldSpan(dev, 'feature_multi_touch') });
      for (const [key, field] of [['multi-touch-width', 'multi_touch_width'], ['multi-touch-height', 'multi_touch_height'], ['multi-touch-num-contacts', 'multi_touch_num_contacts']]) {
        back.push({ key, value: String(num(o[field]) ?? 0), span: fieldSpan(dev, field) });
      }
    }
    opt('width', 'width');
    opt('height', 'height');
  }
  return { back, front: genericFront(dev), roFront: [] };
}

function vfbWrite(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  const vnc = (dev.obj.vnc ?? {}) as Obj;
  const sdl = (dev.obj.sdl ?? {}) as Obj;
  const vncOn = bool(vnc.enable, true);
  // The vfb of a PV guest's vnc=1 comes from the top-level settings.
  const dom = ctx.domain;
  const top: Record<string, Span | undefined> = { 'vnc.enable': dom.vncSpan, 'vnc.listen': dom.vncListenSpan, 'vnc.passwd': dom.vncPasswdSpan, 'vnc.display': dom.vncDisplaySpan, 'vnc.findunused': dom.vncUnusedSpan };
  const at = (field: string) => (dev.family === 'vnc' ? (top[field] ?? dev.span) : fieldSpan(dev, field));
  const back = genericBack(ctx, dev);
  back.push({ key: 'vnc', value: flag(vncOn), span: at('vnc.enable') });
  const listen = str(vnc.listen) ?? (vncOn ? '127.0.0.1' : undefined);
  if (listen !== undefined) back.push({ key: 'vnclisten', value: listen, span: at('vnc.listen') });
  const passwd = str(vnc.passwd);
  if (passwd !== undefined) back.push({ key: 'vncpasswd', value: passwd, span: at('vnc.passwd') });
  back.push(
    { key: 'vncdisplay', value: String(num(vnc.display) ?? 0), span: at('vnc.display') },
    { key: 'vncunused', value: flag(bool(vnc.findunused, vncOn)), span: at('vnc.findunused') },
    { key: 'sdl', value: flag(bool(sdl.enable, false)), span: at('sdl.enable') },
    { key: 'opengl', value: flag(bool(sdl.opengl, false)), span: at('sdl.opengl') },
  );
  const xauth = str(sdl.xauthority);
  if (xauth !== undefined) back.push({ key: 'xauthority', value: xauth, span: at('sdl.xauthority') });
  const display = str(sdl.display);
  if (display !== undefined) back.push({ key: 'display', value: display, span: at('sdl.display') });
  return { back, front: genericFront(dev), roFront: [] };
}

function vtpmWrite(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  const uuid = str(dev.obj.uuid);
  const uuidKv: Kv = { key: 'uuid', value: uuid ?? RANDOM_UUID, span: fieldSpan(dev, 'uuid') };
  if (uuid === undefined) uuidKv.guess = 'no uuid=: libxl makes a random UUID';
  return {
    back: [...genericBack(ctx, dev), { key: 'handle', value: String(dev.devid), span: dev.span }, uuidKv, { key: 'resume', value: 'False', span: dev.span }],
    front: [...genericFront(dev), { key: 'handle', value: String(dev.devid), span: dev.span }],
    roFront: [],
  };
}

function p9Write(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  const o = dev.obj;
  const xenDaemon = dev.backendKind === 'xen_9pfs';
  const back = [...genericBack(ctx, dev), { key: 'path', value: str(o.path) ?? '', span: fieldSpan(dev, 'path') }, { key: 'security_model', value: str(o.security_model) ?? '', span: fieldSpan(dev, 'security_model') }];
  if (xenDaemon) {
    back.push(
      { key: 'max-space', value: String(num(o.max_space) ?? 0), span: fieldSpan(dev, 'max_space') },
      { key: 'max-files', value: String(num(o.max_files) ?? 0), span: fieldSpan(dev, 'max_files') },
      { key: 'max-open-files', value: String(num(o.max_open_files) ?? 0), span: fieldSpan(dev, 'max_open_files') },
      { key: 'auto-delete', value: flag(o.auto_delete === true), span: fieldSpan(dev, 'auto_delete') },
    );
  }
  return { back, front: [...genericFront(dev), { key: 'tag', value: str(o.tag) ?? (xenDaemon ? 'Xen' : ''), span: fieldSpan(dev, 'tag') }], roFront: [] };
}

function vdisplWrite(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  const o = dev.obj;
  const connectors = Array.isArray(o.connectors) ? (o.connectors as Obj[]) : [];
  const idKey = era.vdisplUniqueIdKey(ctx.v) ? 'unique-id' : 'id';
  const roFront: Kv[] = [{ key: 'be-alloc', value: flag(o.be_alloc === true), span: fieldSpan(dev, 'be_alloc') }];
  const at = fieldSpan(dev, 'connectors');
  connectors.forEach((k, i) => {
    roFront.push({ key: `${i}/resolution`, value: `${num(k.width) ?? 0}x${num(k.height) ?? 0}`, span: at });
    const id = str(k.unique_id) ?? str(k.id);
    if (id !== undefined) roFront.push({ key: `${i}/${idKey}`, value: id, span: at });
  });
  return { back: genericBack(ctx, dev), front: genericFront(dev), roFront };
}

function virtioWrite(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  const o = dev.obj;
  const armNote = 'assigned while the domain is built (on Arm; 0 elsewhere)';
  return {
    back: [
      ...genericBack(ctx, dev),
      { key: 'irq', value: '<irq>', span: dev.span, runtimeNote: armNote },
      { key: 'base', value: '<base>', span: dev.span, runtimeNote: armNote },
      { key: 'type', value: str(o.type) ?? '', span: fieldSpan(dev, 'type') },
      { key: 'transport', value: str(o.transport) ?? 'unknown', span: fieldSpan(dev, 'transport') },
      { key: 'grant_usage', value: flag(bool(o.grant_usage, !dev.backendLocal)), span: fieldSpan(dev, 'grant_usage') },
    ],
    front: genericFront(dev),
    roFront: [],
  };
}

export function deviceWrite(ctx: RenderContext, dev: PlannedDevice): DeviceWrite {
  switch (dev.family) {
    case 'disk':
      return diskWrite(ctx, dev);
    case 'vif':
      return nicWrite(ctx, dev);
    case 'vkb':
      return vkbWrite(ctx, dev);
    case 'vfb':
    case 'vnc':
      return vfbWrite(ctx, dev);
    case 'vtpm':
      return vtpmWrite(ctx, dev);
    case 'p9':
      return p9Write(ctx, dev);
    case 'vdispl':
      return vdisplWrite(ctx, dev);
    case 'virtio':
      return virtioWrite(ctx, dev);
    default:
      // pvcalls: the generic keys only.
      return { back: genericBack(ctx, dev), front: genericFront(dev), roFront: [] };
  }
}

export interface DevicesXenstore {
  entries: XenstoreEntry[];
  dirs: XenstoreDirectory[];
}

/**
 * The nodes of every rendered device among the first `limit` (libxl's
 * generic add: /libxl copy of the paths, the frontend directory, the backend
 * directory, then the /libxl copy of the backend keys).
 */
export function renderDevicesXenstore(ctx: RenderContext, devices: PlannedDevice[], limit = Infinity): DevicesXenstore {
  const copy = hasLibxlDeviceCopy(ctx.v);
  const writer = `libxl in domain ${ctx.T}`;
  const entries: XenstoreEntry[] = [];
  const dirs: XenstoreDirectory[] = [];
  const D = ctx.D;
  let scriptGuessed: PlannedDevice | undefined;
  for (const dev of devices) {
    if (dev.index >= limit) break;
    if (!dev.rendered) continue;
    const w = deviceWrite(ctx, dev);
    if (!scriptGuessed && w.back.some((kv) => kv.key === 'script' && kv.guess)) scriptGuessed = dev;
    const B = dev.backendDomid;
    const frontendPath = `/local/domain/${D}/device/${dev.kind}/${dev.devid}`;
    const backendPath = `/local/domain/${B}/backend/${dev.backendKind}/${D}/${dev.devid}`;
    const libxlPath = `/libxl/${D}/device/${dev.kind}/${dev.devid}`;
    const frontPerms: Perm = { owner: D, reader: B };
    const roPerms: Perm = { owner: B, reader: D };
    const libxlPerms: Perm = { owner: 0 };
    const backendRef = fieldSpan(dev, 'backend_domname');
    const local = new Map<string, XenstoreDirectory>();
    let seq = 0;
    const dirOf = (path: string, role: XenstoreRole, perms: Perm): XenstoreDirectory => {
      let d = local.get(path);
      if (!d) {
        const domain = role === 'libxl' ? 'libxl (toolstack private)' : role === 'frontend' ? `guest (domain ${D})` : `backend (domain ${B})`;
        d = { path, perms: formatPerms(perms), role, channelIndex: -1, devid: dev.devid, writer, domain, entries: [], deviceIndex: dev.index };
        if (dev.span) d.span = dev.span;
        local.set(path, d);
      }
      return d;
    };
    const add = (role: XenstoreRole, dir: string, dirPerms: Perm, kv: Kv | null, nodePerms: Perm) => {
      const d = dirOf(dir, role, dirPerms);
      const entry: XenstoreEntry = {
        ...nodeFields(dir, kv, nodePerms, D),
        channelIndex: -1,
        devid: dev.devid,
        role,
        txn: dev.index + 1,
        seq: seq++,
        writer,
        deviceIndex: dev.index,
      };
      if (kv?.runtimeNote) entry.runtimeNote = kv.runtimeNote;
      if (kv?.guess) entry.guess = kv.guess;
      const span = kv ? (kv.span ?? dev.span) : dev.span;
      if (span) entry.span = span;
      d.entries.push(entries.length);
      entries.push(entry);
    };
    if (copy) {
      add('libxl', libxlPath, libxlPerms, { key: 'frontend', value: frontendPath, span: dev.span }, libxlPerms);
      add('libxl', libxlPath, libxlPerms, { key: 'backend', value: backendPath, span: backendRef }, libxlPerms);
    }
    add('frontend', frontendPath, frontPerms, null, frontPerms);
    add('frontend', frontendPath, frontPerms, { key: 'backend', value: backendPath, span: backendRef }, frontPerms);
    for (const kv of w.front) add('frontend', frontendPath, frontPerms, kv, frontPerms);
    for (const kv of w.roFront) add('frontend', frontendPath, frontPerms, kv, roPerms);
    add('backend', backendPath, roPerms, null, roPerms);
    add('backend', backendPath, roPerms, { key: 'frontend', value: frontendPath, span: dev.span }, roPerms);
    for (const kv of w.back) add('backend', backendPath, roPerms, kv, roPerms);
    if (copy) for (const kv of w.back) add('libxl', libxlPath, libxlPerms, kv, libxlPerms);
    // Display order: frontend, backend, then the /libxl copy.
    const order: XenstoreRole[] = ['frontend', 'backend', 'libxl'];
    dirs.push(...[...local.values()].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role)));
  }
  if (scriptGuessed) {
    ctx.notes.push({
      code: 'device-script-dir',
      effect: 'style',
      message: `Hotplug scripts given by name (block, vif-bridge, ...) are shown in ${ctx.scriptDir}, the script directory of a default Xen build; a build configured with another directory uses that one.`,
      span: scriptGuessed.span,
      deviceIndex: scriptGuessed.index,
    });
  }
  return { entries, dirs };
}
