/**
 * Generated domain configs for the platform part of parse_config_data
 * (model/xl/steps/platform.ts): a guest type and a few of the platform keys,
 * each with a good value or a broken one (empty, not a number, a list where
 * a single value goes and the other way round, out of range, every enum name
 * and near misses in case and spelling). Deterministic for a seed and an
 * index. Only keys whose steps are ported appear, so that every value xl
 * prints comes from a step the port has.
 */
import { quoteItem } from '../devicesXlConfigs';
import { rng } from './channelConfigs';

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** A value: a bare word (a number as libxlu reads it), a quoted string or a list. */
type Value = { bare: string } | { str: string } | { list: Array<string | string[]> };

function render(v: Value): string {
  if ('bare' in v) return v.bare;
  if ('str' in v) return quoteItem(v.str);
  return `[ ${v.list.map((i) => (typeof i === 'string' ? quoteItem(i) : `[ ${i.map(quoteItem).join(', ')} ]`)).join(', ')} ]`;
}

const NUMBERS = ['0', '1', '2', '3', '4', '5', '7', '16', '64', '255', '256', '1024', '3840', '3841', '65535', '65536', '4294967295', '4294967296', '4294967297', '0x10', '0x100', '010', '9223372036854775807'];
const BAD_NUMBERS = ['-1', '-2', '', 'x', '1k', ' 5', '5 ', '1.5', '99999999999999999999', '-9223372036854775809', '0x', '12abc'];

function number(r: R): Value {
  const x = r();
  if (x < 0.6) return { bare: pick(r, NUMBERS) };
  if (x < 0.75) return { str: pick(r, NUMBERS) };
  if (x < 0.93) return { str: pick(r, BAD_NUMBERS) };
  return { list: [pick(r, NUMBERS)] };
}

function flag(r: R): Value {
  const x = r();
  if (x < 0.8) return { bare: pick(r, ['0', '1', '1', '2']) };
  if (x < 0.9) return { str: pick(r, ['yes', '', 'true', '1 ']) };
  return { list: ['1'] };
}

/** Case and spelling variants of a name. */
function variant(r: R, name: string): string {
  const x = r();
  if (x < 0.55) return name;
  if (x < 0.65) return name.toUpperCase();
  if (x < 0.7) return name[0].toUpperCase() + name.slice(1);
  if (x < 0.78) return name.slice(0, Math.max(1, Math.floor(name.length / 2)));
  if (x < 0.84) return name + 'x';
  if (x < 0.9) return name.replace(/_/g, '-');
  if (x < 0.95) return ` ${name}`;
  return '';
}

function named(r: R, names: readonly string[], numbers = true): Value {
  const x = r();
  if (numbers && x < 0.25) return number(r);
  if (x < 0.95) return { str: variant(r, pick(r, names)) };
  return { list: [pick(r, names)] };
}

function text(r: R, choices: readonly string[]): Value {
  const x = r();
  if (x < 0.9) return { str: pick(r, choices) };
  if (x < 0.95) return { list: [pick(r, choices)] };
  return { bare: pick(r, ['1', '0']) };
}

function list(r: R, items: () => string, nested = 0.03, asString = 0.08): Value {
  if (r() < asString) return { str: items() };
  const n = Math.floor(r() * 4);
  const out: Array<string | string[]> = [];
  for (let i = 0; i < n; i++) out.push(r() < nested ? [items()] : items());
  return { list: out };
}

const TSC = ['default', 'always_emulate', 'native', 'native_paravirt', 'pvrdtsc'];
const TIMER = ['delay_for_missed_ticks', 'no_delay_for_missed_ticks', 'no_missed_ticks_pending', 'one_missed_tick_pending', 'unknown'];
const BIOS = ['rombios', 'seabios', 'ovmf', 'unknown', 'uefi', 'bios'];
const ALTP2M = ['disabled', 'mixed', 'external', 'limited'];
const PASS = ['default', 'disabled', 'enabled', 'sync_pt', 'share_pt'];
const VIRIDIAN = ['base', 'freq', 'time_ref_count', 'reference_tsc', 'hcall_remote_tlb_flush', 'apic_assist', 'crash_ctl', 'synic', 'stimer', 'hcall_ipi', 'ex_processor_masks', 'no_vp_limit', 'cpu_hotplug', 'all', 'defaults', 'bogus'];
const SMBIOS = ['bios_vendor', 'bios_version', 'system_manufacturer', 'system_product_name', 'system_version', 'system_serial_number', 'baseboard_manufacturer', 'baseboard_asset_tag', 'enclosure_serial_number', 'battery_device_name', 'oem', 'oem', 'nope'];
const PATHS = ['/boot/vmlinuz', '/usr/lib/xen/boot/hvmloader', 'hvmloader', '/x/hvmloader/', '', 'vmlinuz', '/a b/c'];

const KEYS: Record<string, (r: R) => Value> = {
  e820_host: flag,
  passthrough: (r) => named(r, PASS, false),
  shadow_memory: number,
  nomigrate: flag,
  tsc_mode: (r) => named(r, TSC),
  rtc_timeoffset: number,
  vncviewer: number,
  localtime: flag,
  videoram: number,
  max_event_channels: number,
  kernel: (r) => text(r, PATHS),
  ramdisk: (r) => text(r, ['/boot/initrd', '']),
  device_tree: (r) => text(r, ['/boot/guest.dtb']),
  cmdline: (r) => text(r, ['console=hvc0', '', 'ro quiet']),
  root: (r) => text(r, ['/dev/xvda1', '']),
  extra: (r) => text(r, ['console=hvc0', '', 'x=1 y']),
  driver_domain: flag,
  acpi: flag,
  bootloader: (r) => text(r, ['pygrub', '/usr/bin/pygrub', '/usr/lib/xen/bin/pygrub', 'pvgrub', '']),
  bootloader_restrict: flag,
  bootloader_user: (r) => text(r, ['xenbl', '']),
  bootloader_args: (r) => list(r, () => pick(r, ['-q', '--entry=1', '', 'a b', ' ', '\t']), 0.05, 0.3),
  timer_mode: (r) => named(r, TIMER),
  nestedhvm: flag,
  firmware_override: (r) => text(r, ['/usr/lib/xen/boot/hvmloader', '']),
  bios_path_override: (r) => text(r, ['/usr/share/ovmf/OVMF.fd', '']),
  bios: (r) => named(r, BIOS, false),
  pae: flag,
  acpi_s3: flag,
  acpi_s4: flag,
  acpi_laptop_slate: flag,
  nx: flag,
  hpet: flag,
  vpt_align: flag,
  apic: flag,
  hvm_pirq: flag,
  viridian: (r) => (r() < 0.25 ? flag(r) : list(r, () => (r() < 0.25 ? '!' : '') + variant(r, pick(r, VIRIDIAN)), 0.03, 0.05)),
  mmio_hole: number,
  altp2mhvm: flag,
  smbios_firmware: (r) => text(r, ['/tmp/smbios.bin']),
  acpi_firmware: (r) => text(r, ['/tmp/acpi.bin']),
  smbios: (r) => list(r, () => (r() < 0.85 ? `${variant(r, pick(r, SMBIOS))}=${pick(r, ['x', 'Xen', '', 'a=b'])}` : pick(r, ['x', '=x', ''])), 0.04, 0.05),
  ms_vm_genid: (r) => text(r, ['generate', 'none', 'Generate', '']),
  rdm_mem_boundary: number,
  mca_caps: (r) => list(r, () => pick(r, ['lmce', 'lmce', 'LMCE', 'x', '']), 0.03, 0.08),
  firmware: (r) => text(r, ['pvgrub32', 'pvgrub64', 'pvgrub', 'p', '', 'ovmf', 'OVMF', 'uefi', 'uef', 'bios', 'bi', 'seabios', 'rombios', 'unknown', '/x/fw.bin']),
  altp2m: (r) => named(r, ALTP2M),
  altp2m_count: number,
  vmtrace_buf_kb: number,
};

/** One generated config (`name` first, a type, then 2-9 of the keys). */
export function platformConfig(seed: number, index: number, typeKey: 'type' | 'builder' = 'type'): string {
  const r = rng(seed * 7919 + index);
  const lines = ['name = "g"'];
  const t = pick(r, ['pv', 'pv', 'pvh', 'hvm', 'hvm', 'hvm']);
  if (typeKey === 'type') lines.push(`type = "${t}"`);
  else if (t === 'hvm') lines.push('builder = "hvm"');
  if (r() < 0.3) lines.push(`memory = ${pick(r, ['128', '512', '1024'])}`);
  if (r() < 0.2) lines.push(`vcpus = ${pick(r, ['1', '2', '4'])}`);
  if (t !== 'hvm' && r() < 0.7) lines.push(r() < 0.6 ? 'kernel = "/boot/vmlinuz"' : 'bootloader = "pygrub"');
  const keys = Object.keys(KEYS);
  const n = 2 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    const k = pick(r, keys);
    lines.push(`${k} = ${render(KEYS[k](r))}`);
  }
  return lines.join('\n') + '\n';
}
