/**
 * The renderer's view of a document: the settings the preview needs, read the
 * way xl reads them, with the place each one comes from.
 */
import { liveChannels, readChannels } from '../model/channels';
import { guestType, scalarSetting, xlInteger } from '../model/guest';
import { effectiveValue, type SettingsModel } from '../model/settings';
import type { XenVersion } from '../model/xenVersion';
import type { Span } from '../syntax/cst';
import type { RenderChannel, RenderDomain } from './input';
import { readDevices } from '../model/devices/document';

function integer(model: SettingsModel, key: string): { value?: number; span?: Span } {
  const s = scalarSetting(model, key);
  if (!s) return {};
  const n = xlInteger(s.value);
  return n === undefined ? { span: s.span } : { value: n, span: s.span };
}

/** A list of strings (a single string counts as one item, as xl's string-or-list keys do). */
function strings(model: SettingsModel, key: string, singleToo: boolean): { value?: string[]; span?: Span } {
  const e = model.effective.get(key);
  if (!e) return {};
  const v = e.last.node.value;
  const span = { start: v.start, end: v.end };
  if (e.kind === 'scalar') return singleToo ? { value: [e.parts.map((p) => p.value).join('')], span } : { span };
  const out: string[] = [];
  for (const item of e.items) {
    if (item.kind === 'list') break; // xl stops at the first non-string item
    out.push(item.value);
  }
  return { value: out, span };
}

/** xl's defbool reading of a number setting: 0 is false, other numbers true (undefined when unset or not a number). */
function flag(model: SettingsModel, key: string): { value?: boolean; span?: Span } {
  const n = integer(model, key);
  return n.value === undefined ? { span: n.span } : { value: n.value !== 0, span: n.span };
}

function text(model: SettingsModel, key: string): { value?: string; span?: Span } {
  const s = scalarSetting(model, key);
  return s ? { value: s.value, span: s.span } : {};
}

const VGA_KINDS: Record<string, 'std' | 'cirrus' | 'none' | 'qxl'> = { stdvga: 'std', cirrus: 'cirrus', none: 'none', qxl: 'qxl' };

/** vga= as xl reads it (an unknown value makes xl stop), else stdvga=1 (older releases' switch). */
function vgaOf(model: SettingsModel): { value?: 'std' | 'cirrus' | 'none' | 'qxl'; span?: Span } {
  const v = text(model, 'vga');
  if (v.value !== undefined) return { value: VGA_KINDS[v.value], span: v.span };
  const std = flag(model, 'stdvga');
  return std.value === undefined ? {} : { value: std.value ? 'std' : 'cirrus', span: std.span };
}

/**
 * Settings libxl turns into qemu arguments that the preview does not render:
 * for an HVM guest USB, sound, vCPUs, SPICE, SDL, keymap, ACPI, direct kernel
 * boot and passthrough graphics (disks and emulated NICs are rendered:
 * render/devicesQemu.ts); for the xenpv qemu its framebuffers, SDL and keymap.
 */
const UNRENDERED_HVM = ['usb', 'usbdevice', 'usbversion', 'soundhw', 'vcpus', 'maxvcpus', 'spice', 'sdl', 'keymap', 'acpi', 'kernel', 'ramdisk', 'cmdline', 'root', 'extra', 'gfx_passthru', 'xen_platform_pci', 'vtpm'];
const UNRENDERED_PV = ['vfb', 'sdl', 'keymap'];

function unrendered(model: SettingsModel, hvm: boolean): Array<{ key: string; span: Span }> {
  const out: Array<{ key: string; span: Span }> = [];
  for (const key of hvm ? UNRENDERED_HVM : UNRENDERED_PV) {
    const e = model.effective.get(key);
    if (!e) continue;
    if (e.kind === 'list' && e.items.length === 0) continue;
    // One vCPU adds no -smp.
    if ((key === 'vcpus' || key === 'maxvcpus') && e.kind === 'scalar' && (xlInteger(effectiveValue(e) as string) ?? 2) <= 1) continue;
    const v = e.last.node.value;
    out.push({ key, span: { start: v.start, end: v.end } });
  }
  return out;
}

export function renderDomainFromModel(model: SettingsModel, options: { dialect?: 'auto' | 'upstream' | 'seed'; xen: XenVersion }): RenderDomain {
  const name = scalarSetting(model, 'name');
  const type = guestType(model, options.xen);
  const memory = integer(model, 'memory');
  const maxmem = integer(model, 'maxmem');
  const videoram = integer(model, 'videoram');
  const dmOverride = scalarSetting(model, 'device_model_override');
  const dmVersion = scalarSetting(model, 'device_model_version');
  const args = strings(model, 'device_model_args', false);
  const argsPv = strings(model, 'device_model_args_pv', false);
  const argsHvm = strings(model, 'device_model_args_hvm', false);
  const serial = strings(model, 'serial', true);
  const vnc = integer(model, 'vnc');
  const nographic = integer(model, 'nographic');
  const vncListen = text(model, 'vnclisten');
  const vncDisplay = integer(model, 'vncdisplay');
  const vncUnused = flag(model, 'vncunused');
  const vncPasswd = text(model, 'vncpasswd');
  const vga = vgaOf(model);
  const boot = text(model, 'boot');
  const hdtype = text(model, 'hdtype');
  const vkbDevice = flag(model, 'vkb_device');
  const sdl = flag(model, 'sdl');
  const opengl = flag(model, 'opengl');
  const sdlDisplay = text(model, 'display');
  const xauthority = text(model, 'xauthority');
  const setting = readChannels(model, options);
  const channels: RenderChannel[] = liveChannels(setting).map((ch) => ({
    index: ch.index,
    name: ch.name?.text,
    kind: ch.output,
    kindText: ch.kindField?.text,
    path: ch.path?.text,
    backend: ch.backend?.text,
    span: { start: ch.node.start, end: ch.node.end },
    nameSpan: ch.name?.span,
    kindSpan: ch.kindField?.span,
    pathSpan: ch.path?.span,
    backendSpan: ch.backend?.span,
  }));
  const channelNode = setting?.effective.last.node;
  return {
    name: name?.value,
    nameSpan: name?.span,
    type: type.type,
    typeSpan: type.span,
    memoryMiB: memory.value,
    memorySpan: memory.span,
    maxmemMiB: maxmem.value,
    maxmemSpan: maxmem.span,
    videoramMiB: videoram.value,
    videoramSpan: videoram.span,
    deviceModelOverride: dmOverride?.value,
    deviceModelOverrideSpan: dmOverride?.span,
    deviceModelVersion: dmVersion?.value,
    deviceModelVersionSpan: dmVersion?.span,
    deviceModelArgs: args.value,
    deviceModelArgsSpan: args.span,
    deviceModelArgsPv: argsPv.value,
    deviceModelArgsPvSpan: argsPv.span,
    deviceModelArgsHvm: argsHvm.value,
    deviceModelArgsHvmSpan: argsHvm.span,
    serial: serial.value,
    serialSpan: serial.span,
    vnc: vnc.value === undefined ? undefined : vnc.value !== 0,
    vncSpan: vnc.span,
    nographic: nographic.value === undefined ? undefined : nographic.value !== 0,
    nographicSpan: nographic.span,
    vncListen: vncListen.value,
    vncListenSpan: vncListen.span,
    vncDisplay: vncDisplay.value,
    vncDisplaySpan: vncDisplay.span,
    vncUnused: vncUnused.value,
    vncUnusedSpan: vncUnused.span,
    vncPasswd: vncPasswd.value,
    vncPasswdSpan: vncPasswd.span,
    vga: vga.value,
    vgaSpan: vga.span,
    boot: boot.value,
    bootSpan: boot.span,
    unrendered: unrendered(model, type.type === 'hvm'),
    channels,
    channelSpan: channelNode ? { start: channelNode.start, end: channelNode.end } : undefined,
    devices: readDevices(model, options.xen),
    hdtype: hdtype.value,
    hdtypeSpan: hdtype.span,
    vkbDevice: vkbDevice.value,
    vkbDeviceSpan: vkbDevice.span,
    sdl: sdl.value,
    opengl: opengl.value,
    sdlDisplay: sdlDisplay.value,
    xauthority: xauthority.value,
  };
}

/** How many channels renderDomainFromModel gives (without rendering them). */
export function liveChannelCount(model: SettingsModel, options: { dialect?: 'auto' | 'upstream' | 'seed'; xen: XenVersion }): number {
  return liveChannels(readChannels(model, options)).length;
}
