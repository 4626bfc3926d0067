/**
 * Generated domain configs for the display step of the parse_config_data
 * port (model/xl/steps/display.ts): cpuid= in both forms (leaves good and
 * broken, "host,..." strings with the release's flag and feature names,
 * unknown names, bad values), the device model keys, the top-level vnc/sdl
 * keys, the HVM block (vga/stdvga, hdtype, spice*, gfx_passthru, serial,
 * usb*, vendor_device...), the Arm keys and the last switches, each with
 * good values and every kind of bad one (empty, not a number, a list for a
 * string and a string for a list, out of range, near-miss names, '+='), on
 * PV, PVH and HVM guests. The rest of the config is fixed and valid.
 * Deterministic for a seed and an index.
 */
import { cpuidNames } from '../../../server/src/model/xl/libxlCpuid';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { rng } from './channelConfigs';

type Pick = <T>(xs: readonly T[]) => T;

interface G {
  r: () => number;
  pick: Pick;
}

/** A value as config text: a string literal, a number, or a list. */
type Value = { s: string } | { n: string } | { l: Value[] };

const str = (s: string): Value => ({ s });
const num = (n: string): Value => ({ n });
const list = (...l: Value[]): Value => ({ l });

export function valueText(v: Value): string {
  if ('s' in v) return '"' + v.s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
  if ('n' in v) return v.n;
  return `[ ${v.l.map(valueText).join(', ')} ]`;
}

const NUMBERS = ['0', '1', '2', '7', '-1', '0x10', '010', '4294967296', '2147483648', '99999999999999999999'];
const BAD_NUMBERS = ['x', '1 ', ' 1', '', '1.5', '12k', '0x'];

/** A value for a number or switch. */
function numberValue(g: G): Value {
  const x = g.r();
  if (x < 0.55) return num(g.pick(NUMBERS.filter((n) => !n.startsWith('-') && !/^[0-9]{20}$/.test(n))));
  if (x < 0.7) return str(g.pick(NUMBERS));
  if (x < 0.85) return str(g.pick(BAD_NUMBERS));
  if (x < 0.93) return num(g.pick(['99999999999999999999', '0x', '08']));
  return list(str('1'));
}

/** A value for a string key: mostly `good`, sometimes empty, a list or a number. */
function stringValue(g: G, good: readonly string[]): Value {
  const x = g.r();
  if (x < 0.8) return str(g.pick(good));
  if (x < 0.87) return str('');
  if (x < 0.94) return num(g.pick(['1', '0']));
  return list(str(g.pick(good)));
}

/** A value for a key read as a list of strings. */
function listValue(g: G, good: readonly string[]): Value {
  const x = g.r();
  if (x < 0.7) return list(...Array.from({ length: Math.floor(g.r() * 4) }, () => str(g.pick(good))));
  if (x < 0.8) return list(str(g.pick(good)), list(str(g.pick(good))), str(g.pick(good)));
  if (x < 0.93) return str(g.pick(good));
  return num('1');
}

/** An enumeration value: its names, their case changed, near misses and junk. */
function enumValue(g: G, names: readonly string[], near: readonly string[]): Value {
  const x = g.r();
  if (x < 0.55) return str(g.pick(names));
  if (x < 0.65) return str(g.pick(names).toUpperCase());
  if (x < 0.85) return str(g.pick(near));
  if (x < 0.9) return str('');
  if (x < 0.95) return num('1');
  return list(str(g.pick(names)));
}

const REG32 = ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '0000000000000000000000000000000k', '1111111111111111111111111111111s', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx1'];

function xendLeaf(g: G): string {
  const leaf = g.pick(['0', '1', '7', '0xd', '0x80000001', '0x80000008', '0xffffffff', '-1', '4294967296', '', 'x', ' 1', '0x']);
  let s = leaf;
  if (g.r() < 0.3) s += ',' + g.pick(['0', '1', '0xffffffff', '', 'x', ' 2']);
  s += g.pick([':', ':', ':', ':', '', ';', ' :']);
  const regs = Math.floor(g.r() * 3);
  const parts: string[] = [];
  for (let i = 0; i < regs; i++) {
    const name = g.pick(['eax', 'ebx', 'ecx', 'edx', 'eax', 'efx', 'ex', 'e', 'Eax', 'eaxfoo', 'rax']);
    const value = g.r() < 0.8 ? g.pick(REG32) : g.pick(['x', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '', '0000']);
    parts.push(g.r() < 0.95 ? `${name}=${value}` : name);
  }
  s += parts.join(g.pick([',', ',', ', ', ',\n', ',  ']));
  if (g.r() < 0.05) s += ',';
  return s;
}

const FLAG_VALUES = ['0', '1', 'x', 'k', 's', 'xx', 'z', '', '2', '0x3', '255', '-1', '16', '20', '0x5e', '4294967297', ' 1', 'kill', '18446744073709551615', '0x100000005'];

function cpuidFlag(g: G, names: readonly string[]): string {
  const x = g.r();
  if (x < 0.05) return g.pick(['sse3', 'noequals', '']);
  const name = x < 0.85 ? g.pick(names) : g.pick(['sse', 'SSE3', 'nosuch', 'sse4-1', 'family ', 'avx512', 'ibrs', 'Model', 'lfence', '']);
  return `${name}=${g.pick(FLAG_VALUES)}`;
}

function cpuidValue(g: G, names: readonly string[]): Value {
  const x = g.r();
  if (x < 0.5) {
    const flags = Array.from({ length: Math.floor(g.r() * 5) }, () => cpuidFlag(g, names));
    const first = g.r() < 0.9 ? 'host' : g.pick(['Host', ' host', 'hos', 'sse3=1', '']);
    let s = [first, ...flags].join(g.pick([',', ',', ',,']));
    if (g.r() < 0.05) s = ',' + s;
    return str(s);
  }
  if (x < 0.9) return list(...Array.from({ length: Math.floor(g.r() * 4) }, () => str(xendLeaf(g))));
  if (x < 0.95) return list(str(xendLeaf(g)), list(str(xendLeaf(g))), str(xendLeaf(g)));
  return str(g.pick(['', ',', 'host', 'host,']));
}

type KeyGen = (g: G, names: readonly string[]) => Value;

const sw: KeyGen = (g) => numberValue(g);

/** Every key of the step, with how its values are drawn. */
const KEYS: Record<string, KeyGen> = {
  cpuid: (g, names) => cpuidValue(g, names),
  device_model: (g) => stringValue(g, ['/usr/bin/qemu', 'stubdom-dm', '/usr/lib/xen/bin/stubdom-dm']),
  device_model_override: (g) => stringValue(g, ['/usr/bin/qemu-system-i386', '/opt/qemu']),
  device_model_version: (g) => enumValue(g, ['qemu-xen', 'qemu-xen-traditional', 'qemu-xen'], ['none', 'qemu', 'qemu_xen', 'Qemu-Xen', 'qemu-xen ', 'traditional']),
  device_model_stubdomain_override: sw,
  device_model_stubdomain_seclabel: (g) => stringValue(g, ['system_u:system_r:dm_dom_t']),
  device_model_user: (g) => stringValue(g, ['xen-qemuuser-shared', 'root']),
  stubdomain_kernel: (g) => stringValue(g, ['/usr/lib/xen/boot/stubdom.gz']),
  stubdomain_cmdline: (g) => stringValue(g, ['console=hvc0']),
  stubdomain_ramdisk: (g) => stringValue(g, ['/usr/lib/xen/boot/stubdom-ramdisk']),
  stubdomain_memory: (g) => numberValue(g),
  device_model_args: (g) => listValue(g, ['-d', 'guest_errors', '-global', '']),
  device_model_args_pv: (g) => listValue(g, ['-nographic', 'x']),
  device_model_args_hvm: (g) => listValue(g, ['-usbdevice', 'tablet']),
  vnc: sw,
  vnclisten: (g) => stringValue(g, ['0.0.0.0', '127.0.0.1', '127.0.0.1:1', ':2', 'localhost']),
  vncdisplay: (g) => numberValue(g),
  vncunused: sw,
  vncpasswd: (g) => stringValue(g, ['secret', '']),
  sdl: sw,
  opengl: sw,
  display: (g) => stringValue(g, [':0', 'localhost:10.0']),
  xauthority: (g) => stringValue(g, ['/root/.Xauthority']),
  keymap: (g) => stringValue(g, ['de', 'en-us', 'fr']),
  dm_restrict: sw,
  vga: (g) => enumValue(g, ['stdvga', 'cirrus', 'none', 'qxl'], ['std', 'STDVGA', 'vmware', 'stdvga ', 'Cirrus', 'virtio']),
  stdvga: sw,
  hdtype: (g) => enumValue(g, ['ide', 'ahci'], ['sata', 'scsi', 'ide ', 'Ahci', 'nvme']),
  spice: sw,
  spiceport: (g) => numberValue(g),
  spicetls_port: (g) => numberValue(g),
  spicehost: (g) => stringValue(g, ['0.0.0.0', '::1']),
  spicedisable_ticketing: sw,
  spicepasswd: (g) => stringValue(g, ['pw']),
  spiceagent_mouse: sw,
  spicevdagent: sw,
  spice_clipboard_sharing: sw,
  spiceusbredirection: (g) => numberValue(g),
  spice_image_compression: (g) => stringValue(g, ['auto_glz', 'off']),
  spice_streaming_video: (g) => stringValue(g, ['filter', 'all']),
  nographic: sw,
  gfx_passthru: (g) => (g.r() < 0.5 ? numberValue(g) : enumValue(g, ['igd', 'default'], ['IGD', 'intel', 'igd ', 'amd'])),
  serial: (g) => (g.r() < 0.5 ? stringValue(g, ['pty', 'vc', 'file:/tmp/s']) : listValue(g, ['pty', 'tcp::4444'])),
  boot: (g) => stringValue(g, ['c', 'dc', 'n', 'cdn']),
  usb: sw,
  usbversion: (g) => numberValue(g),
  usbdevice: (g) => (g.r() < 0.5 ? stringValue(g, ['tablet', 'mouse']) : listValue(g, ['tablet', 'host:1234:5678'])),
  vkb_device: sw,
  soundhw: (g) => stringValue(g, ['hda', 'ac97', 'sb16']),
  xen_platform_pci: sw,
  xen_platform_pci_bar_uc: sw,
  vendor_device: (g) => enumValue(g, ['none', 'xenserver'], ['XenServer', 'xen', 'citrix', 'xenserver ']),
  gic_version: (g) => enumValue(g, ['v2', 'v3', 'default'], ['V3', 'v4', '2', 'gicv3', 'v3 ']),
  tee: (g) => enumValue(g, ['none', 'optee', 'ffa'], ['OPTEE', 'op-tee', 'tee', 'optee ']),
  sve: (g) => enumValue(g, ['hw', 'disabled', '128', '256', '2048'], ['100', 'HW', '0', '4096', '128 ', 'enabled']),
  nr_spis: (g) => numberValue(g),
  trap_unmapped_accesses: sw,
  arm_sci: (g) => stringValue(g, ['type=scmi_smc', 'type=none', 'type=SCMI_SMC', 'type=scmi', 'type=', 'foo=1,type=none', 'type=none,type=bad', ' type=bad']),
  xend_suspend_evtchn_compat: sw,
  msr_relaxed: sw,
  vpmu: sw,
};

export const DISPLAY_KEYS = Object.keys(KEYS);

const namesCache = new Map<string, string[]>();
function namesOf(release: string): string[] {
  let n = namesCache.get(release);
  if (!n) namesCache.set(release, (n = cpuidNames(parseXenVersion(release)!)));
  return n;
}

/** The fixed part every generated config starts with (valid for every guest type). */
export function displayBase(type: 'pv' | 'pvh' | 'hvm'): string {
  return `name = "g"\ntype = "${type}"\n${type === 'hvm' ? '' : 'kernel = "/k"\n'}`;
}

/** One generated config for a release (the cpuid names it uses are the release's). */
export function displayConfig(seed: number, index: number, release: string): string {
  const r = rng(seed * 1000033 + index);
  const g: G = { r, pick: (xs) => xs[Math.floor(r() * xs.length)] };
  const type = g.pick(['pv', 'pvh', 'hvm', 'hvm'] as const);
  let text = displayBase(type);
  const n = 1 + Math.floor(r() * 8);
  const names = namesOf(release);
  // vnc= often on, so that a PV guest gets its framebuffer and the HVM checks run.
  // Each key once ('+=' onto a value of another kind would make xl reject the whole file).
  const used = new Set<string>();
  if (r() < 0.3) {
    text += `vnc = ${g.pick(['1', '1', '0', '"1"'])}\n`;
    used.add('vnc');
  }
  if (r() < 0.25) {
    text += 'cpuid = ' + valueText(cpuidValue(g, names)) + '\n';
    used.add('cpuid');
  }
  // A display named twice (vnclisten "host:N" and vncdisplay): xl refuses it for HVM guests.
  if (r() < 0.08) {
    text += `vnclisten = "${g.pick(['127.0.0.1:1', '0.0.0.0', ':3'])}"\nvncdisplay = ${g.pick(['0', '2', '4294967296'])}\n`;
    used.add('vnclisten').add('vncdisplay');
  }
  for (let i = 0; i < n; i++) {
    const key = g.pick(DISPLAY_KEYS);
    if (used.has(key)) continue;
    used.add(key);
    const op = r() < 0.04 ? '+=' : '=';
    text += `${key} ${op} ${valueText(KEYS[key](g, names))}\n`;
  }
  return text;
}
