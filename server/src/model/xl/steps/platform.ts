/**
 * How the guest boots and what platform it sees: shadow memory, migration,
 * TSC and timer modes, the RTC, memory for video, event channels, kernel /
 * ramdisk / device tree / command line, driver domain, ACPI, bootloader, the
 * HVM-only block (firmware, BIOS, pae/acpi/hpet/... flags, viridian, MMIO
 * hole, SMBIOS, VM generation id, MCA capabilities), the PV/PVH block
 * (firmware= pvgrub, kernel or bootloader required), altp2m, vmtrace,
 * passthrough and e820_host.
 *
 * Up to 4.9 the bootloader keys are read in the PV block (into b_info's pv
 * member) and timer_mode / nestedhvm / apic in the HVM block; 4.10 reads
 * them for every type (apic went back to the HVM block in 4.11).
 */
import { strtokRuns } from '../../devices/tokens';
import { ERROR_FAIL, exitStatus, type PortContext } from '../context';
import type { LibxlValue } from '../types';
import { ESRCH, EINVAL, type XluSetting } from '../xluConfig';
import { int32, memkb, uint32, uint64 } from './values';
import { enumFrom, enumList, enumName, firmwareDir, HAVE_PYGRUB, VIRIDIAN_WIDTH, viridianNames } from './platformEnums';

const B = ['b_info'];
const HVM = ['b_info', 'type.hvm'];
const PV = ['b_info', 'type.pv'];
const FAIL = exitStatus(-ERROR_FAIL);

/** xlu_cfg_get_defbool into `path`.`field`. */
function defbool(c: PortContext, key: string, path: string[], field: string): boolean {
  const d = c.cfg.getDefbool(key);
  if (d.ok) c.out.set(path, field, d.value, d.setting.value.span);
  return d.ok;
}

/** xlu_cfg_replace_string into `path`.`field`. */
function str(c: PortContext, key: string, path: string[], field: string): void {
  const s = c.cfg.getString(key);
  if (s.ok) c.out.set(path, field, s.value.value, s.value.span);
}

/** e820_host (PV guests; 4.14.5/4.15.3/4.16.1+ read it before pci_*, earlier releases after the vfb list). */
export function e820Host(c: PortContext): void {
  if (c.state.type === 'pv') defbool(c, 'e820_host', PV, 'e820_host');
}

/** passthrough= (4.13+). */
export function passthrough(c: PortContext): void {
  if (!c.since(4, 13)) return;
  const s = c.cfg.getString('passthrough');
  if (!s.ok) return;
  const v = enumFrom(enumList(c, 'libxl_passthrough'), s.value.value);
  if (v === undefined)
    c.fail('setting-invalid-value', `passthrough = "${s.value.value}" is not a passthrough mode: xl stops. One of: ${enumList(c, 'libxl_passthrough').join(', ')}.`, [`ERROR: unknown passthrough option '${s.value.value}'`], s.setting);
  c.out.set(['c_info'], 'passthrough', v, s.value.span);
}

/** libxl_get_required_shadow_memory(max_memkb, max_vcpus), in C's unsigned arithmetic. */
export function requiredShadowKb(maxMemKb: bigint, maxVcpus: number): bigint {
  const perCpu = BigInt.asUintN(32, 256n * BigInt.asUintN(32, BigInt(maxVcpus)));
  return BigInt.asUintN(64, 4n * BigInt.asUintN(64, perCpu + 2n * (maxMemKb / 1024n)));
}

function memKbOf(v: LibxlValue | undefined): bigint {
  // LIBXL_MEMKB_DEFAULT (~0) when nothing set it.
  if (v === undefined || v === null) return (1n << 64n) - 1n;
  return BigInt(v as unknown as number | bigint);
}

/** shadow_memory, nomigrate, tsc_mode, rtc_timeoffset, vncviewer, localtime, videoram, max_event_channels. */
export function platformNumbers(c: PortContext): void {
  const sh = c.cfg.getLong('shadow_memory');
  if (sh.ok) c.out.set(B, 'shadow_memkb', memkb(sh.value), sh.setting.value.span);
  else if (!c.since(4, 13)) {
    // Up to 4.12 xl fills in libxl's estimate from maxmem and max_vcpus.
    const maxv = (c.out.get(B, 'max_vcpus') as number | undefined) ?? 0;
    c.out.set(B, 'shadow_memkb', uint64(requiredShadowKb(memKbOf(c.out.get(B, 'max_memkb')), maxv)));
  }
  defbool(c, 'nomigrate', B, 'disable_migrate');
  tscMode(c);
  const rtc = c.cfg.getLong('rtc_timeoffset');
  if (rtc.ok) c.out.set(B, 'rtc_timeoffset', uint32(rtc.value), rtc.setting.value.span);
  const vv = c.cfg.getLong('vncviewer');
  if (vv.ok)
    c.warn('setting-ignored', 'vncviewer has no effect in a config file: xl ignores it. Start the viewer with `xl create -V` instead.', ['WARNING: ignoring "vncviewer" option. Use "-V" option of "xl create" to automatically spawn vncviewer.'], vv.setting.nameSpan);
  defbool(c, 'localtime', B, 'localtime');
  const vr = c.cfg.getLong('videoram');
  if (vr.ok) c.out.set(B, 'video_memkb', memkb(vr.value), vr.setting.value.span);
  const ev = c.cfg.getLong('max_event_channels');
  if (ev.ok) c.out.set(B, 'event_channels', uint32(ev.value), ev.setting.value.span);
}

/** "e.g. key=\"name\"" as xl appends it to its deprecation warning (nothing when the number has no name). */
function example(key: string, name: string | undefined): string {
  return name === undefined ? '' : `e.g. ${key}="${name}"`;
}

function tscMode(c: PortContext): void {
  const l = c.cfg.getLong('tsc_mode', { dontWarn: true });
  if (l.ok) {
    const name = enumName(c, 'libxl_tsc_mode', int32(l.value));
    c.warn(
      'setting-deprecated-form',
      `tsc_mode as a number is deprecated: write the name${name !== undefined ? ` (tsc_mode = "${name}")` : ''}.`,
      [`WARNING: specifying "tsc_mode" as an integer is deprecated. Please use the named parameter variant. ${example('tsc_mode', name)}`],
      l.setting,
    );
    if (l.value < 0n || l.value > 3n)
      c.fail('setting-invalid-value', `tsc_mode = ${l.value} is not a TSC mode: xl stops. Use one of ${enumList(c, 'libxl_tsc_mode').map((n) => `"${n}"`).join(', ')}.`, [`ERROR: invalid value ${l.value} for "tsc_mode"`], l.setting);
    c.out.set(B, 'tsc_mode', enumName(c, 'libxl_tsc_mode', Number(l.value))!, l.setting.value.span);
    return;
  }
  const s = c.cfg.getString('tsc_mode');
  if (!s.ok) return;
  const buf = s.value.value;
  if (!c.since(4, 19)) c.warn('setting-echoed', `xl ${c.xen.label} echoes a tsc_mode given by name ("got a tsc mode string"); nothing is wrong.`, [`got a tsc mode string: "${buf}"`], s.setting);
  const v = enumFrom(enumList(c, 'libxl_tsc_mode'), buf);
  if (v === undefined) c.fail('setting-invalid-value', `tsc_mode = "${buf}" is not a TSC mode: xl stops. One of: ${enumList(c, 'libxl_tsc_mode').join(', ')}.`, [`ERROR: invalid value "${buf}" for "tsc_mode"`], s.setting);
  c.out.set(B, 'tsc_mode', v, s.value.span);
}

/** parse_cmdline: cmdline=, else root= and extra=. */
function cmdline(c: PortContext): void {
  const buf = c.cfg.getString('cmdline');
  const root = c.cfg.getString('root');
  const extra = c.cfg.getString('extra');
  if (buf.ok) {
    c.out.set(B, 'cmdline', buf.value.value, buf.value.span);
    if (root.ok || extra.ok) {
      const at = (root.ok ? root.setting : extra.setting) as XluSetting;
      c.warn('setting-ignored', 'cmdline= is set, so xl ignores root= and extra=: put everything in cmdline=.', ['Warning: ignoring root= and extra= in favour of cmdline='], at.nameSpan);
    }
    return;
  }
  if (root.ok) {
    if (extra.ok) c.out.set(B, 'cmdline', `root=${root.value.value} ${extra.value.value}`, root.value.span);
    else if (!c.since(4, 6)) {
      // 4.5 formats the missing extra= with printf's "(null)".
      c.out.set(B, 'cmdline', `root=${root.value.value} (null)`, root.value.span);
      c.warnSilent('setting-required-missing', `xl ${c.xen.label} passes "root=${root.value.value} (null)" as the kernel command line when extra= is not set: add extra = "" (or use cmdline=).`, root.setting, 'ignored');
    } else c.out.set(B, 'cmdline', `root=${root.value.value}`, root.value.span);
  } else if (extra.ok) c.out.set(B, 'cmdline', extra.value.value, extra.value.span);
}

/** kernel, ramdisk, device_tree, cmdline (root/extra), driver_domain, acpi, bootloader, bootloader_restrict, bootloader_user, bootloader_args. */
export function bootSettings(c: PortContext): void {
  str(c, 'kernel', B, 'kernel');
  str(c, 'ramdisk', B, 'ramdisk');
  if (c.since(4, 6)) str(c, 'device_tree', B, 'device_tree');
  cmdline(c);
  defbool(c, 'driver_domain', ['c_info'], 'driver_domain');
  if (c.since(4, 8)) defbool(c, 'acpi', B, 'acpi');
  if (c.since(4, 10)) bootloader(c, B);
}

/** bootloader= and bootloader_args= (with 4.18's pygrub check, bootloader_restrict and bootloader_user) into `path`. */
function bootloader(c: PortContext, path: string[]): void {
  const bl = c.cfg.getString('bootloader');
  if (bl.ok) c.out.set(path, 'bootloader', bl.value.value, bl.value.span);
  if (c.since(4, 18)) {
    if (!HAVE_PYGRUB && bl.ok && (bl.value.value === 'pygrub' || bl.value.value === '/usr/bin/pygrub'))
      c.fail('setting-invalid-value', 'This Xen was built without pygrub: xl stops.', ['ERROR: this instance of Xen has been built without support of "pygrub".'], bl.setting, FAIL);
    if (!defbool(c, 'bootloader_restrict', B, 'bootloader_restrict') && c.globals.bootloaderRestrict !== undefined)
      c.out.set(B, 'bootloader_restrict', c.globals.bootloaderRestrict ? 'True' : 'False');
    str(c, 'bootloader_user', B, 'bootloader_user');
  }
  const args = c.cfg.getStringList('bootloader_args', { dontWarn: true });
  if (args.ok) {
    // A nested list is a NULL item: libxl's string list ends there.
    const end = args.value.findIndex((a) => a === undefined);
    const items = (end < 0 ? args.value : args.value.slice(0, end)).map((a) => a!.value);
    c.out.set(path, 'bootloader_args', items, args.setting.value.span);
  } else if (args.e === EINVAL) {
    const s = c.cfg.getString('bootloader_args');
    if (!s.ok) return;
    c.warn('setting-deprecated-form', 'bootloader_args as a string is deprecated: write a list, one argument per item (xl splits the string at blanks).', ['WARNING: Specifying "bootloader_args" as a string is deprecated. Please use a list of arguments.'], s.setting);
    const text = s.value.value;
    const runs = strtokRuns(text, 0, text.length, ' \t\n');
    if (!runs.length) c.fail('setting-invalid-value', 'bootloader_args is a string with no argument in it: xl crashes on it. Write bootloader_args = [ ] or remove it.', [], s.setting, 139);
    c.out.set(path, 'bootloader_args', runs.map((r) => text.slice(r.from, r.to)), s.value.span);
  }
}

/** timer_mode as a number (deprecated) or a name, into `path`; from 4.10 a PV guest may not set it. */
function timerMode(c: PortContext, path: string[]): void {
  const pvRefuses = c.since(4, 10) && c.state.type === 'pv';
  const notPv = (at: XluSetting): never =>
    c.fail('setting-not-for-guest-type', 'timer_mode is not for PV guests: xl stops. Remove it (it applies to HVM and PVH guests).', ['ERROR: "timer_mode" option is not supported for PV guests.'], at, FAIL);
  const l = c.cfg.getLong('timer_mode', { dontWarn: true });
  if (l.ok) {
    if (pvRefuses) notPv(l.setting);
    const name = enumName(c, 'libxl_timer_mode', int32(l.value));
    c.warn(
      'setting-deprecated-form',
      `timer_mode as a number is deprecated: write the name${name !== undefined ? ` (timer_mode = "${name}")` : ''}.`,
      [`WARNING: specifying "timer_mode" as an integer is deprecated. Please use the named parameter variant. ${example('timer_mode', name)}`],
      l.setting,
    );
    if (l.value < 0n || l.value > 3n)
      c.fail('setting-invalid-value', `timer_mode = ${l.value} is not a timer mode: xl stops. Use a name: ${enumList(c, 'libxl_timer_mode').slice(1).join(', ')}.`, [`ERROR: invalid value ${l.value} for "timer_mode"`], l.setting);
    c.out.set(path, 'timer_mode', enumName(c, 'libxl_timer_mode', Number(l.value))!, l.setting.value.span);
    return;
  }
  const s = c.cfg.getString('timer_mode');
  if (!s.ok) return;
  if (pvRefuses) notPv(s.setting);
  const v = enumFrom(enumList(c, 'libxl_timer_mode'), s.value.value);
  if (v === undefined)
    c.fail('setting-invalid-value', `timer_mode = "${s.value.value}" is not a timer mode: xl stops. One of: ${enumList(c, 'libxl_timer_mode').slice(1).join(', ')}.`, [`ERROR: invalid value "${s.value.value}" for "timer_mode"`], s.setting);
  c.out.set(path, 'timer_mode', v, s.value.span);
}

/** timer_mode, nestedhvm (and in 4.10 apic) for every guest type (4.10+; before, the HVM block reads them). */
export function timerAndNesting(c: PortContext): void {
  if (!c.since(4, 10)) return;
  timerMode(c, B);
  defbool(c, 'nestedhvm', B, 'nested_hvm');
  if (!c.since(4, 11)) defbool(c, 'apic', B, 'apic');
}

/** The switch on the guest type: the HVM block, or the PV/PVH firmware and kernel-or-bootloader check. */
export function typeSpecific(c: PortContext): void {
  if (c.state.type === 'hvm') hvmBlock(c);
  else pvBlock(c);
}

function hvmBlock(c: PortContext): void {
  const kernel = c.out.get(B, 'kernel') as string | undefined;
  const base = kernel === undefined || kernel === '' ? '.' : kernel.slice(kernel.lastIndexOf('/') + 1);
  if (base === 'hvmloader') {
    c.warn('setting-ignored', 'kernel = ".../hvmloader" is ignored for HVM guests: xl drops it. To use another firmware, set firmware_override= (or firmware=).', ['WARNING: you seem to be using "kernel" directive to override HVM guest firmware. Ignore that. Use "firmware_override" instead if you really want a non-default firmware'], c.out.origins.get('b_info/kernel'));
    c.out.delete(B, 'kernel');
  }
  str(c, 'firmware_override', HVM, 'firmware');
  if (c.since(4, 8)) str(c, 'bios_path_override', HVM, 'system_firmware');
  bios(c);
  defbool(c, 'pae', HVM, 'pae');
  if (!c.since(4, 10)) defbool(c, 'apic', HVM, 'apic');
  if (!c.since(4, 8)) defbool(c, 'acpi', HVM, 'acpi');
  defbool(c, 'acpi_s3', HVM, 'acpi_s3');
  defbool(c, 'acpi_s4', HVM, 'acpi_s4');
  if (c.since(4, 9)) defbool(c, 'acpi_laptop_slate', HVM, 'acpi_laptop_slate');
  defbool(c, 'nx', HVM, 'nx');
  defbool(c, 'hpet', HVM, 'hpet');
  defbool(c, 'vpt_align', HVM, 'vpt_align');
  if (c.since(4, 11)) defbool(c, 'apic', B, 'apic');
  if (c.since(4, 19)) defbool(c, 'hvm_pirq', HVM, 'pirq');
  viridian(c);
  mmioHole(c);
  if (!c.since(4, 10)) {
    timerMode(c, HVM);
    defbool(c, 'nestedhvm', HVM, 'nested_hvm');
  }
  if (c.since(4, 6)) {
    const a = c.cfg.getDefbool('altp2mhvm');
    if (a.ok) {
      c.out.set(HVM, 'altp2m', a.value, a.setting.value.span);
      if (c.since(4, 9))
        c.warn('setting-deprecated-form', 'altp2mhvm is deprecated: use altp2m = "mixed" (or another altp2m mode) instead.', ['WARNING: Specifying "altp2mhvm" is deprecated. Please use "altp2m" instead.'], a.setting.nameSpan);
    }
  }
  str(c, 'smbios_firmware', HVM, 'smbios_firmware');
  str(c, 'acpi_firmware', HVM, 'acpi_firmware');
  if (c.since(4, 18)) smbios(c);
  msVmGenid(c);
  if (c.since(4, 6)) {
    const r = c.cfg.getLong('rdm_mem_boundary');
    if (r.ok) c.out.set(HVM, 'rdm_mem_boundary_memkb', memkb(r.value), r.setting.value.span);
  }
  if (c.since(4, 10)) {
    mcaCaps(c);
    hvmFirmware(c);
  }
}

function bios(c: PortContext): void {
  const s = c.cfg.getString('bios');
  if (s.ok) {
    const v = enumFrom(enumList(c, 'libxl_bios_type'), s.value.value);
    if (v === undefined)
      c.fail('setting-invalid-value', `bios = "${s.value.value}" is not a BIOS xl knows: xl stops. One of: ${enumList(c, 'libxl_bios_type').slice(1).join(', ')}.`, [`ERROR: invalid value "${s.value.value}" for "bios"`], s.setting);
    c.out.set(HVM, 'bios', v, s.value.span);
  } else if (c.since(4, 8) && c.out.get(HVM, 'system_firmware') !== undefined) {
    const at = c.cfg.find('bios_path_override');
    c.warn('setting-required-missing', 'bios_path_override= without bios=: xl warns, and the file is used as whatever BIOS the device model defaults to. Say which one with bios= ("seabios", "ovmf", "rombios").', ['WARNING: bios_path_override given without specific bios name'], at?.nameSpan);
  }
}

function viridian(c: PortContext): void {
  const l = c.cfg.getList('viridian', { dontWarn: true });
  if (l.e === EINVAL) {
    const d = c.cfg.getDefbool('viridian', { dontWarn: true });
    if (d.ok) c.out.set(HVM, 'viridian', d.value, d.setting.value.span);
    return;
  }
  if (!l.ok) return;
  const items = l.value.items;
  if (!items.length) return;
  const names = viridianNames(c);
  const enable = new Set<number>();
  const disable = new Set<number>();
  const put = () => {
    c.out.set(HVM, 'viridian_enable', [...enable].sort((a, b) => a - b), l.value.span);
    c.out.set(HVM, 'viridian_disable', [...disable].sort((a, b) => a - b), l.value.span);
  };
  put();
  items.forEach((it) => {
    if (it.kind !== 'string') {
      put();
      c.fail('setting-bad-list-item', 'A viridian item that is a list: xl crashes on it. Each item is a name ("defaults", "all", "base", "!freq", ...).', [], it.span, 139);
    }
    let buf = it.value;
    if (buf === 'all') for (let i = 0; i < VIRIDIAN_WIDTH; i++) enable.add(i);
    else if (buf === 'defaults') c.out.set(HVM, 'viridian', 'True', it.span);
    else {
      let [s, r] = [enable, disable];
      if (buf.startsWith('!')) {
        [s, r] = [disable, enable];
        buf = buf.slice(1);
      }
      const v = enumFrom(names, buf);
      if (v === undefined) {
        put();
        c.fail('setting-bad-list-item', `"${buf}" is not a viridian enlightenment xl ${c.xen.label} knows: xl stops. Known: defaults, all, ${names.join(', ')} (a "!" before a name turns it off).`, [`xl: unknown viridian enlightenment '${buf}'`], it.span, FAIL);
      }
      const bit = names.indexOf(v);
      s.add(bit);
      r.delete(bit);
    }
  });
  put();
}

const MMIO_LENGTH = 1n << 28n; // HVM_BELOW_4G_MMIO_LENGTH
const MMIO_START = 0xf0000000n; // HVM_BELOW_4G_MMIO_START

function mmioHole(c: PortContext): void {
  const l = c.cfg.getLong('mmio_hole');
  if (!l.ok) return;
  c.out.set(HVM, 'mmio_hole_memkb', memkb(l.value), l.setting.value.span);
  const size = BigInt.asUintN(64, l.value * 1024n * 1024n);
  if (size < MMIO_LENGTH || size > MMIO_START)
    c.fail('setting-invalid-value', `mmio_hole = ${l.value} is out of range: xl stops. It takes 256 to 3840 (MiB below 4 GiB).`, [`ERROR: invalid value ${l.value} for "mmio_hole"`], l.setting);
}

function smbios(c: PortContext): void {
  const l = c.cfg.getList('smbios');
  if (l.e === ESRCH) return;
  if (!l.ok) c.fail('setting-not-list', 'smbios must be a list of "type=value" strings: xl stops.', ['xl: Unable to parse smbios options.'], l.setting);
  let oem = 1;
  const out: Array<{ key: string; value: string }> = [];
  l.value.items.forEach((it, i) => {
    if (it.kind !== 'string') c.fail('setting-bad-list-item', `smbios item ${i + 1} is a list: xl stops. Each item is a string "type=value".`, [`xl: Unable to get element #${i} in smbios list`], it.span);
    const buf = it.value;
    const eq = buf.indexOf('=');
    if (eq < 0) c.fail('setting-bad-list-item', `smbios item "${buf}" has no '=': xl stops. Write "type=value".`, [`xl: failed to split "${buf}" at '='`], it.span);
    const option = buf.slice(0, eq);
    const value = buf.slice(eq + 1);
    if (value === '') c.fail('setting-bad-list-item', `smbios item "${buf}" has an empty value: xl stops.`, [`xl: empty value not allowed for smbios "${option}="`], it.span);
    const type = enumFrom(enumList(c, 'libxl_smbios_type'), option);
    if (type === undefined) c.fail('setting-bad-list-item', `"${option}" is not an SMBIOS field xl knows: xl stops. One of: ${enumList(c, 'libxl_smbios_type').join(', ')}.`, [`xl: unknown smbios type '${option}'`], it.span);
    if (type === 'oem') {
      if (oem > 99) c.fail('setting-bad-list-item', 'More than 99 smbios oem strings: xl stops at the 100th.', ['xl: smbios limited to 99 oem strings'], it.span);
      oem++;
    }
    out.push({ key: type, value });
  });
  c.out.set(HVM, 'smbios', out, l.value.span);
}

function msVmGenid(c: PortContext): void {
  const s = c.cfg.getString('ms_vm_genid');
  if (!s.ok) return;
  // "generate": libxl makes 16 random bytes (no value the port can know); "none": nothing.
  if (s.value.value !== 'generate' && s.value.value !== 'none')
    c.fail('setting-invalid-value', `ms_vm_genid = "${s.value.value}" is neither "generate" nor "none": xl stops.`, ['ERROR: "ms_vm_genid" option must be "generate" or "none"'], s.setting);
}

function mcaCaps(c: PortContext): void {
  const l = c.cfg.getList('mca_caps', { dontWarn: true });
  if (l.e === ESRCH) return;
  if (!l.ok) c.fail('setting-not-list', 'mca_caps must be a list (e.g. [ "lmce" ]): xl stops.', ['ERROR: unable to parse mca_caps.'], l.setting, FAIL);
  let caps = 0;
  for (const it of l.value.items) {
    if (it.kind !== 'string') c.fail('setting-bad-list-item', 'An mca_caps item that is a list: xl crashes on it. The only capability is "lmce".', [], it.span, 139);
    if (it.value !== 'lmce') c.fail('setting-bad-list-item', `"${it.value}" is not an MCA capability: xl stops. The only one is "lmce".`, [`ERROR: unrecognized MCA capability '${it.value}'.`], it.span, FAIL);
    caps |= 1; // XEN_HVM_MCA_CAP_LMCE
  }
  c.out.set(HVM, 'mca_caps', caps, l.value.span);
}

/** firmware= for HVM guests (4.10+): a BIOS name, "uefi"/"bios" (or a prefix), or a path. */
function hvmFirmware(c: PortContext): void {
  const s = c.cfg.getString('firmware');
  if (!s.ok) return;
  const buf = s.value.value;
  const v = enumFrom(enumList(c, 'libxl_bios_type'), buf);
  if (v !== undefined) c.out.set(HVM, 'bios', v, s.value.span);
  else if ('uefi'.startsWith(buf)) c.out.set(HVM, 'bios', 'ovmf', s.value.span);
  else if (!'bios'.startsWith(buf)) str(c, 'firmware', HVM, 'firmware');
}

function pvBlock(c: PortContext): void {
  if (!c.since(4, 10)) {
    bootloader(c, PV);
    requireBoot(c, PV);
    return;
  }
  const s = c.cfg.getString('firmware');
  if (s.ok) {
    const buf = s.value.value;
    if (c.out.get(B, 'kernel') !== undefined)
      c.fail('setting-conflict', 'kernel= and firmware= both say what to boot: xl stops. Keep one.', ['ERROR: both kernel and firmware specified'], s.setting);
    if (!'pvgrub32'.startsWith(buf) && !'pvgrub64'.startsWith(buf))
      c.fail('setting-invalid-value', `firmware = "${buf}" is not a PV firmware: xl stops. For ${c.state.type.toUpperCase()} guests it is "pvgrub32" or "pvgrub64".`, ['ERROR: only pvgrub{32|64} supported as firmware options'], s.setting);
    if (buf !== 'pvgrub32' && buf !== 'pvgrub64')
      c.warnSilent('setting-invalid-value', `firmware = "${buf}" is taken as a prefix of pvgrub32/pvgrub64 but used as it is: xl boots ${firmwareDir(c)}/${buf}.bin, which is not a firmware Xen installs. Write "pvgrub32" or "pvgrub64".`, s.setting, 'abbreviated');
    c.out.set(B, 'kernel', `${firmwareDir(c)}/${buf}.bin`, s.value.span);
  }
  requireBoot(c, B);
}

function requireBoot(c: PortContext, blPath: string[]): void {
  if (c.out.get(blPath, 'bootloader') === undefined && c.out.get(B, 'kernel') === undefined)
    c.fail('setting-required-missing', `A ${c.state.type.toUpperCase()} guest needs kernel= or bootloader= (or firmware = "pvgrub64"): xl stops without one.`, ['Neither kernel nor bootloader specified'], c.cfg.find('name')?.nameSpan);
}

/** altp2m (4.9+, a number or a name), altp2m_count (4.21+), vmtrace_buf_kb (4.15+). */
export function altp2mAndVmtrace(c: PortContext): void {
  if (c.since(4, 9)) {
    const l = c.cfg.getLong('altp2m', { dontWarn: true });
    if (l.ok) {
      if (l.value < 0n || l.value > 3n)
        c.fail('setting-invalid-value', `altp2m = ${l.value} is not an altp2m mode: xl stops. Use 0-3 or a name: ${enumList(c, 'libxl_altp2m_mode').join(', ')}.`, [`ERROR: invalid value ${l.value} for "altp2m"`], l.setting);
      c.out.set(B, 'altp2m', enumName(c, 'libxl_altp2m_mode', Number(l.value))!, l.setting.value.span);
    } else {
      const s = c.cfg.getString('altp2m');
      if (s.ok) {
        const v = enumFrom(enumList(c, 'libxl_altp2m_mode'), s.value.value);
        if (v === undefined)
          c.fail('setting-invalid-value', `altp2m = "${s.value.value}" is not an altp2m mode: xl stops. One of: ${enumList(c, 'libxl_altp2m_mode').join(', ')}.`, [`ERROR: invalid value "${s.value.value}" for "altp2m"`], s.setting);
        c.out.set(B, 'altp2m', v, s.value.span);
      }
    }
  }
  if (c.since(4, 21)) {
    const l = c.cfg.getLong('altp2m_count', { dontWarn: true });
    if (l.ok) {
      if (l.value !== BigInt.asUintN(16, l.value))
        c.fail('setting-number-out-of-range', `altp2m_count = ${l.value} is out of range: xl stops. It takes 0 to 65535.`, [`ERROR: invalid value ${l.value} for "altp2m_count"`], l.setting);
      c.out.set(B, 'altp2m_count', uint32(l.value), l.setting.value.span);
    }
  }
  if (c.since(4, 15)) {
    const l = c.cfg.getLong('vmtrace_buf_kb', { dontWarn: true });
    if (l.ok && l.value !== 0n) c.out.set(B, 'vmtrace_buf_kb', int32(l.value), l.setting.value.span);
  }
}
