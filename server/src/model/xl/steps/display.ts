/**
 * The device model and what it shows: cpuid, device_model*, stubdomain*,
 * device_model_args*, vnc/sdl/keymap (a vfb for PV guests, b_info for HVM),
 * dm_restrict, and the HVM display and platform block (vga/stdvga, hdtype,
 * spice*, nographic, gfx_passthru, serial, boot, usb*, usbdevice,
 * vkb_device, soundhw, xen_platform_pci*, vendor_device), then the Arm keys
 * (gic_version, tee, sve, nr_spis, trap_unmapped_accesses, arm_sci; vuart is
 * in resources) and the last switches (xend_suspend_evtchn_compat,
 * msr_relaxed, vpmu).
 */
import { spanOf } from '../../channelSpec';
import { CpuidPolicy, cpuidTable } from '../libxlCpuid';
import type { PortContext } from '../context';
import { ERROR_FAIL, exitStatus } from '../context';
import type { LibxlValue, XluList, XluString } from '../types';
import { EINVAL, ESRCH, listItem, type XluSetting } from '../xluConfig';
import { enumFrom, enumList } from './platformEnums';
import { int32, memkb, uint32 } from './values';

const HVM = ['b_info', 'type.hvm'];

/** What xl prints, as stderr lines (a value with a line break prints several). */
function lines(...printed: string[]): string[] {
  return printed.flatMap((l) => l.split('\n'));
}

/** ASCII lower case (for the near-miss hints in our messages). */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

function oneOf(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

// --- cpuid ------------------------------------------------------------------------------

const XEND_ERRORS: Record<number, string> = {
  1: 'illegal leaf number',
  2: 'illegal subleaf number',
  3: 'missing colon',
  4: 'invalid register name (must be e[abcd]x)',
  5: 'policy string must be exactly 32 characters long',
};

const XEND_WHY: Record<number, string> = {
  1: 'it does not start with a leaf number',
  2: 'the subleaf after the comma is not a number',
  3: "the leaf is not followed by ':'",
  4: 'a register must be written eax=, ebx=, ecx= or edx=',
  5: 'each register value must be exactly 32 characters (one of 0, 1, x, k, s per bit, bit 31 first)',
};

const FLAG_ERRORS: Record<number, string> = {
  1: 'missing "=" in key=value',
  2: 'unknown CPUID flag name',
  3: 'illegal CPUID value (must be: [0|1|x|k|s])',
};

/** cpuid= as a list of xend-style leaves, or as "host,flag=value,...". */
export function cpuid(c: PortContext): void {
  const policy = new CpuidPolicy(cpuidTable(c.xen));
  const l = c.cfg.getList('cpuid', { dontWarn: true });
  let from: XluSetting | undefined;
  if (l.ok) {
    from = l.setting;
    cpuidList(c, policy, l.value);
  } else if (l.e === EINVAL) {
    const s = c.cfg.getString('cpuid');
    if (s.ok) {
      from = s.setting;
      cpuidString(c, policy, s.value);
    }
  }
  const json = policy.json();
  if (json !== undefined) c.out.set(['b_info'], 'cpuid', json, from?.value.span);
}

function cpuidList(c: PortContext, policy: CpuidPolicy, list: XluList): void {
  for (let i = 0; ; i++) {
    const it = listItem(list, i);
    if (!it) {
      // xlu_cfg_get_listitem gives NULL for an item that is a list: xl stops there without a word.
      if (i < list.items.length) c.warnSilent('setting-bad-list-item', `cpuid item ${i + 1} is a list, not a string: xl stops reading cpuid= there and ignores it and every item after it.`, list.items[i].span, 'ignored');
      return;
    }
    const e = policy.parseXend(it.value);
    if (e === 0) continue;
    c.warn(
      'setting-bad-list-item',
      `cpuid item "${it.value}" is not a leaf xl can read (${XEND_WHY[e]}): xl says so and goes on without it. The form is "LEAF[,SUBLEAF]:eax=<32 characters>,ebx=...".`,
      lines(`while parsing CPUID line: "${it.value}":`, `  error #${e}: ${XEND_ERRORS[e] ?? 'unknown error'}`),
      it.span,
    );
  }
}

function cpuidString(c: PortContext, policy: CpuidPolicy, s: XluString): void {
  const buf = s.value;
  // strtok_r on ',': runs of commas make no empty word.
  const words: Array<{ from: number; to: number }> = [];
  for (const m of buf.matchAll(/[^,]+/g)) words.push({ from: m.index, to: m.index + m[0].length });
  if (!words.length) return;
  const first = buf.slice(words[0].from, words[0].to);
  if (first !== 'host') {
    c.warn(
      'setting-ignored',
      `A cpuid= string must start with "host" ("host,flag=value,..."): xl says so and ignores the whole setting${first.trim() === 'host' ? ' (no blanks around "host")' : ''}.`,
      lines(`while parsing CPUID string: "${buf}":`, '  error: first word must be "host"'),
      s.span,
    );
    return;
  }
  for (const w of words.slice(1)) {
    const p = buf.slice(w.from, w.to);
    const e = policy.parseFlag(p);
    if (e === 0) continue;
    const why =
      e === 1
        ? 'it has no "=value"'
        : e === 2
          ? `xl ${c.xen.label} knows no CPUID flag "${p.slice(0, p.indexOf('='))}"`
          : 'the value must be a number, or x, k or s; an MSR bit takes exactly one of 0, 1, x, k, s';
    c.warn(
      'setting-bad-list-item',
      `cpuid flag "${p}" is not one xl can apply (${why}): xl says so and goes on without it.`,
      lines(`while parsing CPUID flag: "${p}":`, `  error #${e}: ${FLAG_ERRORS[e] ?? 'unknown error'}`),
      spanOf(s.spec, w.from, w.to),
    );
  }
}

// --- the device model --------------------------------------------------------------------

/** The device_model_version values a release's xl takes, with libxl's names. */
export function dmVersions(c: PortContext): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!c.since(4, 21)) out.push(['qemu-xen-traditional', 'qemu_xen_traditional']);
  out.push(['qemu-xen', 'qemu_xen']);
  if (c.between([4, 7], [4, 10])) out.push(['none', 'none']);
  return out;
}

export function deviceModel(c: PortContext): void {
  const dm = c.cfg.getString('device_model');
  if (dm.ok) {
    const printed = ['WARNING: ignoring device_model directive.', 'WARNING: Use "device_model_override" instead if you really want a non-default device_model'];
    const stubdom = dm.value.value.includes('stubdom-dm');
    if (stubdom) printed.push(c.state.type === 'hvm' ? 'WARNING: Or use "device_model_stubdomain_override" if you  want to enable stubdomains' : 'WARNING: ignoring "device_model_stubdomain_override" directive for pv guest');
    c.warn(
      'setting-ignored',
      `xl ignores device_model= (it says so): to run another device model binary write device_model_override="${dm.value.value}"${stubdom && c.state.type === 'hvm' ? ', and device_model_stubdomain_override=1 for a stub domain' : ''}.`,
      lines(...printed),
      dm.setting,
    );
  }
  const ov = c.cfg.getString('device_model_override');
  if (ov.ok) c.out.set(['b_info'], 'device_model', ov.value.value, ov.value.span);
  const v = c.cfg.getString('device_model_version');
  if (v.ok) {
    const buf = v.value.value;
    const known = dmVersions(c);
    const hit = known.find(([n]) => n === buf);
    if (!hit) {
      const printed = [`Unknown device_model_version "${buf}" specified`];
      if (buf === 'qemu-xen-traditional') c.fail('xen-value-removed', `qemu-xen-traditional was removed in Xen 4.21: xl ${c.xen.label} stops. Use "qemu-xen".`, printed, v.setting);
      const near = known.find(([n]) => n === asciiLower(buf.trim()));
      c.fail('setting-invalid-value', `device_model_version = "${buf}" is not a device model xl ${c.xen.label} knows: xl stops.${near ? ` Write "${near[0]}" (xl compares exactly).` : ''} One of: ${oneOf(known.map(([n]) => n))}.`, printed, v.setting);
    }
    c.out.set(['b_info'], 'device_model_version', hit[1], v.value.span);
  } else if (ov.ok) {
    c.warn(
      'setting-incomplete',
      'device_model_override= without device_model_version=: xl warns, and libxl then runs the binary as its default device model (qemu-xen). Say which kind the binary is with device_model_version=.',
      ['WARNING: device model override given without specific DM version'],
      ov.setting,
    );
  }
  const stub = c.cfg.getDefbool('device_model_stubdomain_override');
  if (stub.ok) c.out.set(['b_info'], 'device_model_stubdomain', stub.value, stub.setting.value.span);
  // xl reads the label twice (a check, then the copy): one warning when it is a list.
  if (c.cfg.getString('device_model_stubdomain_seclabel').ok) {
    const label = c.cfg.getString('device_model_stubdomain_seclabel');
    if (label.ok) c.out.set(['b_info'], 'device_model_ssid_label', label.value.value, label.value.span);
  }
  if (c.since(4, 7)) strField(c, 'device_model_user', ['b_info'], 'device_model_user');
  if (c.since(4, 14)) {
    strField(c, 'stubdomain_kernel', ['b_info'], 'stubdomain_kernel');
    if (c.since(4, 16)) strField(c, 'stubdomain_cmdline', ['b_info'], 'stubdomain_cmdline');
    strField(c, 'stubdomain_ramdisk', ['b_info'], 'stubdomain_ramdisk');
    const mem = c.cfg.getLong('stubdomain_memory');
    if (mem.ok) c.out.set(['b_info'], 'stubdomain_memkb', memkb(mem.value), mem.setting.value.span);
  }
  for (const suffix of ['', '_pv', '_hvm']) extraArgs(c, suffix);
}

/** device_model_args, _pv, _hvm: lists of strings; anything else stops xl. */
function extraArgs(c: PortContext, suffix: string): void {
  const key = `device_model_args${suffix}`;
  // libxlu's warning and xl's exit are one finding: xl stops right after the warning.
  const l = c.cfg.getStringList(key, { dontWarn: true });
  if (l.e === ESRCH) return;
  if (!l.ok) {
    const warned = l.setting ? [`${c.source}:${l.setting.xlLine}: warning: parameter \`${key}' is a single value but should be a list`] : [];
    c.fail('setting-not-list', `${key} must be a list of strings ([ "-arg", ... ]): xl stops.`, [...warned, `xl: Unable to parse ${key}.`], l.setting, exitStatus(-ERROR_FAIL));
  }
  c.out.set(['b_info'], `extra${suffix}`, stringList(c, key, l.value, l.setting.value as XluList), l.setting.value.span);
}

/**
 * A libxl string list as libxl reads it: NULL-terminated, so an item that is
 * itself a list (NULL in xl's copy) ends it, silently.
 */
function stringList(c: PortContext, key: string, items: Array<XluString | undefined>, list: XluList): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!it) {
      c.warnSilent('setting-bad-list-item', `${key} item ${i + 1} is a list, not a string: libxl's list ends there, so it and every item after it are silently dropped.`, list.items[i].span, 'ignored');
      break;
    }
    out.push(it.value);
  }
  return out;
}

function strField(c: PortContext, key: string, path: string[], field: string): XluString | undefined {
  const s = c.cfg.getString(key);
  if (s.ok) c.out.set(path, field, s.value.value, s.value.span);
  return s.ok ? s.value : undefined;
}

function boolField(c: PortContext, key: string, path: string[], field: string): void {
  const b = c.cfg.getDefbool(key);
  if (b.ok) c.out.set(path, field, b.value, b.setting.value.span);
}

function intField(c: PortContext, key: string, path: string[], field: string, conv: (l: bigint) => LibxlValue = int32): void {
  const l = c.cfg.getLong(key);
  if (l.ok) c.out.set(path, field, conv(l.value), l.setting.value.span);
}

// --- vnc, sdl, keymap ----------------------------------------------------------------------

/** What the top-level vnc and sdl keys set, where xl reads them. */
interface Sink {
  set(sub: 'vnc' | 'sdl' | '', field: string, value: LibxlValue, key: string, s: XluSetting): void;
}

function topLevelVnc(c: PortContext, sink: Sink): void {
  const b = (key: string, sub: 'vnc' | 'sdl', field: string) => {
    const v = c.cfg.getDefbool(key);
    if (v.ok) sink.set(sub, field, v.value, key, v.setting);
  };
  const s = (key: string, sub: 'vnc' | 'sdl' | '', field: string) => {
    const v = c.cfg.getString(key);
    if (v.ok) sink.set(sub, field, v.value.value, key, v.setting);
  };
  b('vnc', 'vnc', 'enable');
  s('vnclisten', 'vnc', 'listen');
  s('vncpasswd', 'vnc', 'passwd');
  const d = c.cfg.getLong('vncdisplay');
  if (d.ok) sink.set('vnc', 'display', int32(d.value), 'vncdisplay', d.setting);
  b('vncunused', 'vnc', 'findunused');
}

function topLevelSdl(c: PortContext, sink: Sink): void {
  for (const [key, field] of [
    ['sdl', 'enable'],
    ['opengl', 'opengl'],
  ] as const) {
    const v = c.cfg.getDefbool(key);
    if (v.ok) sink.set('sdl', field, v.value, key, v.setting);
  }
  for (const [key, field] of [
    ['display', 'display'],
    ['xauthority', 'xauthority'],
  ] as const) {
    const v = c.cfg.getString(key);
    if (v.ok) sink.set('sdl', field, v.value.value, key, v.setting);
  }
}

function arrayAt(c: PortContext, field: string): LibxlValue[] {
  const a = c.out.get([], field);
  return Array.isArray(a) ? a : [];
}

/**
 * vnc=, vnclisten=, vncpasswd=, vncdisplay=, vncunused=, sdl=, opengl=,
 * display=, xauthority= (and keymap= for the PV framebuffer): a PV guest
 * without a vfb= list gets a framebuffer (and a keyboard) when vnc= is
 * non-zero; every other guest has them read into the HVM block, which
 * only an HVM guest has (for PV and PVH guests the values go nowhere).
 */
export function displays(c: PortContext): void {
  // d_config->num_vfbs: how many vfb= items the devices step read (c.state.vfbs).
  if (c.state.type === 'pv' && c.state.vfbs === 0) {
    const on = c.cfg.getLong('vnc');
    if (!on.ok || on.value === 0n) return;
    const vfbs = arrayAt(c, 'vfbs');
    const vfb: { [k: string]: LibxlValue } = { devid: vfbs.length, vnc: {}, sdl: {} };
    topLevelVnc(c, { set: (sub, field, value) => ((vfb[sub] as { [k: string]: LibxlValue })[field] = value) });
    topLevelSdl(c, { set: (sub, field, value) => ((vfb[sub] as { [k: string]: LibxlValue })[field] = value) });
    const keymap = c.cfg.getString('keymap');
    if (keymap.ok) vfb.keymap = keymap.value.value;
    const vkbs = arrayAt(c, 'vkbs');
    c.out.set([], 'vfbs', [...vfbs, vfb], on.setting.value.span);
    c.out.set([], 'vkbs', [...vkbs, { devid: vkbs.length }], on.setting.value.span);
    c.state.vfbs += 1;
    return;
  }
  if (c.state.type === 'hvm') {
    const sink: Sink = { set: (sub, field, value, _key, s) => c.out.set(sub ? [...HVM, sub] : HVM, field, value, s.value.span) };
    topLevelVnc(c, sink);
    topLevelSdl(c, sink);
    return;
  }
  const why =
    c.state.type === 'pv'
      ? 'this PV guest has a vfb= list, so xl ignores the top-level display settings: put them in the vfb= item'
      : 'a PVH guest has no emulated display, and xl reads the setting into the HVM part of the configuration, which this guest does not have';
  const sink: Sink = { set: (_sub, _field, _value, key, s) => c.warnSilent('setting-ignored', `${key} has no effect: ${why}.`, s) };
  topLevelVnc(c, sink);
  topLevelSdl(c, sink);
}

// --- the HVM block -------------------------------------------------------------------------

export function vgaKinds(c: PortContext): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['stdvga', 'std'],
    ['cirrus', 'cirrus'],
    ['none', 'none'],
  ];
  if (c.since(4, 6)) out.push(['qxl', 'qxl']);
  return out;
}

/** A string list, or (when it is a single string) a string: serial= and usbdevice=. */
function listOrString(c: PortContext, key: string, listField: string, stringField: string): void {
  const l = c.cfg.getStringList(key, { dontWarn: true });
  if (l.ok) {
    c.out.set(HVM, listField, stringList(c, key, l.value, l.setting.value as XluList), l.setting.value.span);
    return;
  }
  if (l.e === ESRCH) return;
  const s = c.cfg.getString(key);
  if (s.ok) {
    c.out.set(HVM, stringField, s.value.value, s.value.span);
    return;
  }
  c.fail('setting-invalid-value', `xl cannot read ${key}=: it stops.`, [`xl: Unable to parse ${key}.`], s.setting ?? l.setting, exitStatus(-ERROR_FAIL));
}

/** dm_restrict (4.10+), then the HVM guest's display and platform devices. */
export function hvmDevices(c: PortContext): void {
  if (c.since(4, 10)) boolField(c, 'dm_restrict', ['b_info'], 'dm_restrict');
  if (c.state.type !== 'hvm') return;
  const vga = c.cfg.getString('vga');
  if (vga.ok) {
    const kinds = vgaKinds(c);
    const hit = kinds.find(([n]) => n === vga.value.value);
    if (!hit) {
      const near = kinds.find(([n]) => n === asciiLower(vga.value.value.trim()) || (n === 'stdvga' && asciiLower(vga.value.value.trim()) === 'std'));
      c.fail(
        'setting-invalid-value',
        `vga = "${vga.value.value}" is not a graphics card xl ${c.xen.label} knows: xl stops.${near ? ` Did you mean "${near[0]}"?` : ''} One of: ${oneOf(kinds.map(([n]) => n))}.`,
        lines(`Unknown vga "${vga.value.value}" specified`),
        vga.setting,
      );
    }
    c.out.set([...HVM, 'vga'], 'kind', hit[1], vga.value.span);
  } else {
    const std = c.cfg.getLong('stdvga');
    // (Deprecated since 4.3 without a word from xl: xen-key-deprecated says so, for every release.)
    if (std.ok) c.out.set([...HVM, 'vga'], 'kind', std.value !== 0n ? 'std' : 'cirrus', std.setting.value.span);
  }
  if (c.since(4, 6)) {
    const hd = c.cfg.getString('hdtype');
    if (hd.ok) {
      const t = enumFrom(enumList(c, 'libxl_hdtype'), hd.value.value);
      if (!t) c.fail('setting-invalid-value', `hdtype = "${hd.value.value}" is not a disk controller xl knows: xl stops. One of: ${oneOf(enumList(c, 'libxl_hdtype'))}.`, lines(`ERROR: invalid value "${hd.value.value}" for "hdtype"`), hd.setting);
      c.out.set(HVM, 'hdtype', t, hd.value.span);
    }
  }
  strField(c, 'keymap', HVM, 'keymap');
  const spice = [...HVM, 'spice'];
  boolField(c, 'spice', spice, 'enable');
  intField(c, 'spiceport', spice, 'port');
  intField(c, 'spicetls_port', spice, 'tls_port');
  strField(c, 'spicehost', spice, 'host');
  boolField(c, 'spicedisable_ticketing', spice, 'disable_ticketing');
  strField(c, 'spicepasswd', spice, 'passwd');
  boolField(c, 'spiceagent_mouse', spice, 'agent_mouse');
  boolField(c, 'spicevdagent', spice, 'vdagent');
  boolField(c, 'spice_clipboard_sharing', spice, 'clipboard_sharing');
  intField(c, 'spiceusbredirection', spice, 'usbredirection');
  if (c.since(4, 6)) {
    strField(c, 'spice_image_compression', spice, 'image_compression');
    strField(c, 'spice_streaming_video', spice, 'streaming_video');
  }
  boolField(c, 'nographic', HVM, 'nographic');
  gfxPassthru(c);
  listOrString(c, 'serial', 'serial_list', 'serial');
  strField(c, 'boot', HVM, 'boot');
  boolField(c, 'usb', HVM, 'usb');
  intField(c, 'usbversion', HVM, 'usbversion');
  listOrString(c, 'usbdevice', 'usbdevice_list', 'usbdevice');
  if (c.since(4, 13)) boolField(c, 'vkb_device', HVM, 'vkb_device');
  strField(c, 'soundhw', HVM, 'soundhw');
  boolField(c, 'xen_platform_pci', HVM, 'xen_platform_pci');
  if (c.since(4, 21)) boolField(c, 'xen_platform_pci_bar_uc', HVM, 'xen_platform_pci_bar_uc');
  const listen = c.out.get([...HVM, 'vnc'], 'listen');
  const display = c.out.get([...HVM, 'vnc'], 'display');
  if (typeof listen === 'string' && typeof display === 'number' && display !== 0 && listen.includes(':')) {
    c.fail(
      'setting-conflict',
      `vnclisten = "${listen}" already names a display (after ':') and vncdisplay = ${display} names another: xl stops. Keep one of them.`,
      ['ERROR: Display specified both in vnclisten and vncdisplay!'],
      c.cfg.find('vncdisplay'),
    );
  }
  const vd = c.cfg.getString('vendor_device');
  if (vd.ok) {
    const d = enumFrom(enumList(c, 'libxl_vendor_device'), vd.value.value);
    if (!d) c.fail('setting-invalid-value', `vendor_device = "${vd.value.value}" is not a vendor device xl knows: xl stops. Use "xenserver" (or "none").`, lines(`xl: unknown vendor_device '${vd.value.value}'`), vd.setting, exitStatus(-ERROR_FAIL));
    c.out.set(HVM, 'vendor_device', d, vd.value.span);
  }
}

/** gfx_passthru: a switch (before 4.7 only that), or (4.7+) the kind of graphics card as a string. */
function gfxPassthru(c: PortContext): void {
  if (!c.since(4, 7)) {
    boolField(c, 'gfx_passthru', HVM, 'gfx_passthru');
    return;
  }
  const l = c.cfg.getLong('gfx_passthru', { dontWarn: true });
  if (l.ok) {
    c.out.set(HVM, 'gfx_passthru', l.value !== 0n ? 'True' : 'False', l.setting.value.span);
    return;
  }
  const s = c.cfg.getString('gfx_passthru');
  if (!s.ok) return;
  const kind = enumFrom(enumList(c, 'libxl_gfx_passthru_kind'), s.value.value);
  if (!kind)
    c.fail('setting-invalid-value', `gfx_passthru = "${s.value.value}" is neither a number nor a passthrough kind xl knows: xl stops. Use 0, 1, "default" or "igd".`, lines(`ERROR: invalid value "${s.value.value}" for "gfx_passthru"`), s.setting);
  c.out.set(HVM, 'gfx_passthru_kind', kind, s.value.span);
  c.out.set(HVM, 'gfx_passthru', 'True', s.value.span);
}

// --- Arm ------------------------------------------------------------------------------------

/** gic_version (4.6+), tee (4.13+), sve (4.18+), nr_spis (4.19+), trap_unmapped_accesses and arm_sci (4.21+). */
export function armSettings(c: PortContext): void {
  const arm = ['b_info', 'arch_arm'];
  if (c.since(4, 6)) {
    const g = c.cfg.getString('gic_version', { dontWarn: true });
    if (g.ok) {
      const v = enumFrom(enumList(c, 'libxl_gic_version'), g.value.value);
      if (!v) c.fail('setting-invalid-value', `gic_version = "${g.value.value}" is not a GIC version xl knows: xl stops. Use "v2", "v3" or "default".`, lines(`Unknown gic_version "${g.value.value}" specified`), g.setting, exitStatus(-ERROR_FAIL));
      c.out.set(arm, 'gic_version', v, g.value.span);
    }
  }
  if (c.since(4, 13)) {
    const t = c.cfg.getString('tee', { dontWarn: true });
    if (t.ok) {
      const names = enumList(c, 'libxl_tee_type');
      const v = enumFrom(names, t.value.value);
      if (!v) c.fail('setting-invalid-value', `tee = "${t.value.value}" is not a TEE mediator xl ${c.xen.label} knows: xl stops. One of: ${oneOf(names)}.`, lines(`Unknown tee "${t.value.value}" specified`), t.setting, exitStatus(-ERROR_FAIL));
      c.out.set(['b_info'], 'tee', v, t.value.span);
    }
  }
  if (c.since(4, 18)) {
    const s = c.cfg.getString('sve', { dontWarn: true });
    if (s.ok) {
      const v = enumFrom(enumList(c, 'libxl_sve_type'), s.value.value);
      if (!v) c.fail('setting-invalid-value', `sve = "${s.value.value}" is not an SVE vector length xl knows: xl stops. Use "hw", "disabled" or a multiple of 128 up to 2048.`, lines(`Unknown sve "${s.value.value}" specified`), s.setting);
      c.out.set(arm, 'sve_vl', v, s.value.span);
    }
  }
  if (c.since(4, 19)) intField(c, 'nr_spis', arm, 'nr_spis', uint32);
  if (c.since(4, 21)) {
    boolField(c, 'trap_unmapped_accesses', ['b_info'], 'trap_unmapped_accesses');
    const sci = c.cfg.getString('arm_sci', { dontWarn: true });
    if (sci.ok) armSci(c, sci.value);
  }
}

/** parse_arm_sci_config: "type=none|scmi_smc" pieces (strtok on ','; nothing skipped); other pieces are ignored. */
function armSci(c: PortContext, s: XluString): void {
  for (const m of s.value.matchAll(/[^,]+/g)) {
    const piece = m[0];
    if (!piece.startsWith('type=')) continue;
    const arg = piece.slice(5);
    const t = enumFrom(enumList(c, 'libxl_arm_sci_type'), arg);
    if (!t) c.fail('setting-invalid-value', `arm_sci type "${arg}" is not one xl knows: xl stops. Use type=scmi_smc (or type=none).`, lines(`Unknown ARM_SCI type: ${arg}`), spanOf(s.spec, m.index + 5, m.index + piece.length));
    c.out.set(['b_info', 'arch_arm', 'arm_sci'], 'type', t, spanOf(s.spec, m.index + 5, m.index + piece.length));
  }
}

// --- the last switches ----------------------------------------------------------------------

/** xend_suspend_evtchn_compat (4.14+), msr_relaxed (4.15+), vpmu (4.16+). */
export function lastSwitches(c: PortContext): void {
  if (c.since(4, 14)) boolField(c, 'xend_suspend_evtchn_compat', ['c_info'], 'xend_suspend_evtchn_compat');
  if (c.since(4, 15)) {
    const m = c.cfg.getDefbool('msr_relaxed');
    if (m.ok) {
      c.out.set(['b_info', 'arch_x86'], 'msr_relaxed', m.value, m.setting.value.span);
      c.warn(
        'xen-key-deprecated',
        'msr_relaxed= is a stopgap Xen plans to remove (xl says so whenever it is set): if a guest needs it, report the guest to the Xen developers.',
        ['WARNING: msr_relaxed will be removed in future versions.', 'If it fixes an issue you are having please report to xen-devel@lists.xenproject.org.'],
        m.setting,
      );
    }
  }
  if (c.since(4, 16)) boolField(c, 'vpmu', ['b_info'], 'vpmu');
}
