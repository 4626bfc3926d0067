/**
 * The platform part of the parse_config_data port (model/xl/steps/platform.ts)
 * on both sides of every release boundary it follows, for the releases the
 * real-xl oracle (test/oracle/xl/domain-platform.test.ts) does not run. Each
 * case names the tag and the part of xl's source (xl_cmdimpl.c before 4.9,
 * xl_parse.c after; parse_config_data unless said otherwise) it follows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../server/src/syntax/parser';
import { buildSettings } from '../../server/src/model/settings';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { readDomain, stepsFor } from '../../server/src/model/xl/readDomain';
import { Recorder } from '../../server/src/model/devices/recorder';
import { requiredShadowKb } from '../../server/src/model/xl/steps/platform';
import { e820Host } from '../../server/src/model/xl/steps/platform';
import { pciDefaults } from '../../server/src/model/xl/steps/devices';
import { STOCK_GLOBALS, type XlGlobals } from '../../server/src/model/xl/context';

interface Run {
  rc: number;
  lines: string[];
  codes: string[];
  config: Record<string, unknown>;
  read: ReadonlySet<string>;
}

function run(release: string, lines: string[], globals: XlGlobals = STOCK_GLOBALS): Run {
  const xen = parseXenVersion(release)!;
  const r = readDomain(buildSettings(parse(['name = "g"', ...lines].join('\n') + '\n')), xen, { source: 'FILE', globals });
  const rec = new Recorder(xen);
  rec.events.push(...r.events);
  return { rc: r.rc, lines: rec.stderr(), codes: r.events.map((e) => e.code), config: JSON.parse(JSON.stringify(r.config, (_, v) => (typeof v === 'bigint' ? v.toString() : v))), read: r.read };
}

function at(r: Run, path: string): unknown {
  let o: unknown = r.config;
  for (const f of path.split('/')) o = o && typeof o === 'object' ? (o as Record<string, unknown>)[f] : undefined;
  return o;
}

const PV = ['builder = "generic"', 'kernel = "/k"'];
const HVM = ['builder = "hvm"'];
const pv = (rel: string) => (parseXenVersion(rel)!.minor >= 10 ? ['type = "pv"', 'kernel = "/k"'] : PV);
const hvm = (rel: string) => (parseXenVersion(rel)!.minor >= 10 ? ['type = "hvm"'] : HVM);

test('4.5 (parse_cmdline): root= without extra= gives "root=X (null)"; 4.6.0 gives "root=X"', () => {
  const old = run('4.5.4', [...HVM, 'root = "/dev/xvda1"']);
  assert.equal(at(old, 'b_info/cmdline'), 'root=/dev/xvda1 (null)');
  assert.deepEqual(old.codes, ['setting-required-missing']);
  assert.deepEqual(old.lines, []);
  assert.equal(at(run('4.6.0', [...HVM, 'root = "/dev/xvda1"']), 'b_info/cmdline'), 'root=/dev/xvda1');
  assert.equal(at(run('4.6.0', [...HVM, 'root = "r"', 'extra = "e"']), 'b_info/cmdline'), 'root=r e');
  const both = run('4.20', ['type = "hvm"', 'cmdline = "c"', 'extra = "e"']);
  assert.equal(at(both, 'b_info/cmdline'), 'c');
  assert.deepEqual(both.lines, ['Warning: ignoring root= and extra= in favour of cmdline=']);
});

test('shadow_memory: up to 4.12.2 xl fills in libxl_get_required_shadow_memory; from 4.13.0 it leaves it unset', () => {
  for (const rel of ['4.5.0', '4.8.5', '4.12.2']) {
    // 4 * (256 * 2 vcpus + 2 * 512 MiB) KiB
    assert.equal(at(run(rel, [...HVM, 'memory = 512', 'vcpus = 2']), 'b_info/shadow_memkb'), 6144, rel);
    // No memory=: max_memkb is LIBXL_MEMKB_DEFAULT (~0), the sum wraps as C's unsigned long does.
    assert.equal(at(run(rel, [...HVM]), 'b_info/shadow_memkb'), (4n * (2n * (((1n << 64n) - 1n) / 1024n))).toString(), rel);
    assert.equal(at(run(rel, [...HVM, 'memory = 512', 'shadow_memory = 3']), 'b_info/shadow_memkb'), 3072, rel);
  }
  assert.equal(at(run('4.13.0', ['type = "hvm"', 'memory = 512']), 'b_info/shadow_memkb'), undefined);
  assert.equal(requiredShadowKb(524288n, 0x1000001), BigInt.asUintN(64, 4n * (BigInt.asUintN(32, 256n * 0x1000001n) + 1024n)));
});

test('tsc_mode: "got a tsc mode string" up to 4.18.5, not from 4.19.0; the number form warns with the name (4.5 ...)', () => {
  assert.deepEqual(run('4.5.0', [...PV, 'tsc_mode = "native"']).lines, ['got a tsc mode string: "native"']);
  assert.deepEqual(run('4.18.5', [...pv('4.18'), 'tsc_mode = "native"']).lines, ['got a tsc mode string: "native"']);
  const r = run('4.19.0', [...pv('4.19'), 'tsc_mode = "NATIVE"']);
  assert.deepEqual(r.lines, []);
  assert.equal(at(r, 'b_info/tsc_mode'), 'native');
  const n = run('4.5.0', [...PV, 'tsc_mode = 4']);
  assert.equal(n.rc, 1);
  assert.deepEqual(n.lines, ['WARNING: specifying "tsc_mode" as an integer is deprecated. Please use the named parameter variant. ', 'ERROR: invalid value 4 for "tsc_mode"']);
});

test('device_tree, altp2mhvm and rdm_mem_boundary are read from 4.6.0 (unread in 4.5.4)', () => {
  const lines = [...HVM, 'device_tree = "/d.dtb"', 'altp2mhvm = 1', 'rdm_mem_boundary = 16'];
  const old = run('4.5.4', lines);
  assert.ok(!old.read.has('device_tree') && !old.read.has('altp2mhvm') && !old.read.has('rdm_mem_boundary'));
  const r = run('4.6.0', lines);
  assert.equal(at(r, 'b_info/device_tree'), '/d.dtb');
  assert.equal(at(r, 'b_info/type.hvm/altp2m'), 'True');
  assert.equal(at(r, 'b_info/type.hvm/rdm_mem_boundary_memkb'), 16384);
  assert.deepEqual(r.lines, []);
  // 4.9.0 warns about altp2mhvm (4.8.5 does not).
  assert.deepEqual(run('4.8.5', lines).lines, []);
  assert.deepEqual(run('4.9.0', lines).lines, ['WARNING: Specifying "altp2mhvm" is deprecated. Please use "altp2m" instead.']);
});

test('viridian enlightenments per release (libxl_types.idl): reference_tsc 4.6, apic_assist 4.7, crash_ctl 4.9, synic 4.13, cpu_hotplug 4.15', () => {
  const cases: Array<[string, string, string]> = [
    ['reference_tsc', '4.5.4', '4.6.0'],
    ['apic_assist', '4.6.4', '4.7.0'],
    ['crash_ctl', '4.8.5', '4.9.0'],
    ['synic', '4.12.2', '4.13.0'],
    ['cpu_hotplug', '4.14.6', '4.15.0'],
  ];
  for (const [name, before, since] of cases) {
    const b = run(before, [...hvm(before), `viridian = [ "${name}" ]`]);
    assert.equal(b.rc, 3, `${name} at ${before}`);
    assert.deepEqual(b.lines, [`xl: unknown viridian enlightenment '${name}'`]);
    const s = run(since, [...hvm(since), `viridian = [ "all", "!${name.toUpperCase()}" ]`]);
    assert.equal(s.rc, 0, `${name} at ${since}`);
    const bit = (at(s, 'b_info/type.hvm/viridian_disable') as number[])[0];
    assert.equal((at(s, 'b_info/type.hvm/viridian_enable') as number[]).length, 63);
    assert.ok(!(at(s, 'b_info/type.hvm/viridian_enable') as number[]).includes(bit));
  }
  assert.equal(at(run('4.5.0', [...HVM, 'viridian = 1']), 'b_info/type.hvm/viridian'), 'True');
  assert.equal(run('4.5.0', [...HVM, 'viridian = [ [ "base" ] ]']).rc, 139);
});

test('acpi moves to b_info and bios_path_override appears in 4.8.0 (4.7.1 reads acpi in the HVM block)', () => {
  const lines = [...HVM, 'acpi = 0', 'bios_path_override = "/b"'];
  const old = run('4.7.1', lines);
  assert.equal(at(old, 'b_info/type.hvm/acpi'), 'False');
  assert.ok(!old.read.has('bios_path_override'));
  const r = run('4.8.0', lines);
  assert.equal(at(r, 'b_info/acpi'), 'False');
  assert.equal(at(r, 'b_info/type.hvm/system_firmware'), '/b');
  assert.deepEqual(r.lines, ['WARNING: bios_path_override given without specific bios name']);
  assert.equal(run('4.8.0', [...lines, 'bios = "ovmf"']).lines.length, 0);
  // Up to 4.7 an invalid bios= stops xl too.
  assert.deepEqual(run('4.5.0', [...HVM, 'bios = "x"']).lines, ['ERROR: invalid value "x" for "bios"']);
});

test('acpi_laptop_slate and altp2m= are read from 4.9.0', () => {
  const lines = [...HVM, 'acpi_laptop_slate = 1', 'altp2m = "External"'];
  const old = run('4.8.5', lines);
  assert.ok(!old.read.has('acpi_laptop_slate') && !old.read.has('altp2m'));
  const r = run('4.9.0', lines);
  assert.equal(at(r, 'b_info/type.hvm/acpi_laptop_slate'), 'True');
  assert.equal(at(r, 'b_info/altp2m'), 'external');
  assert.deepEqual(run('4.9.0', [...HVM, 'altp2m = 4']).lines, ['ERROR: invalid value 4 for "altp2m"']);
});

test('4.10.0: bootloader, timer_mode, nestedhvm, apic leave the type blocks; firmware= and mca_caps appear', () => {
  // 4.9: bootloader in the PV member, timer_mode only for HVM.
  const old = run('4.9.0', [...PV, 'bootloader = "pygrub"', 'bootloader_args = "-q  -v"', 'timer_mode = 1']);
  assert.equal(old.rc, 0);
  assert.equal(at(old, 'b_info/type.pv/bootloader'), 'pygrub');
  assert.deepEqual(at(old, 'b_info/type.pv/bootloader_args'), ['-q', '-v']);
  assert.ok(!old.read.has('timer_mode'));
  const h = run('4.9.0', [...HVM, 'timer_mode = "one_missed_tick_pending"', 'nestedhvm = 1', 'apic = 0']);
  assert.equal(at(h, 'b_info/type.hvm/timer_mode'), 'one_missed_tick_pending');
  assert.equal(at(h, 'b_info/type.hvm/nested_hvm'), 'True');
  assert.equal(at(h, 'b_info/type.hvm/apic'), 'False');
  // 4.10: a PV guest may not set timer_mode (exit(-ERROR_FAIL)).
  const t = run('4.10.0', ['type = "pv"', 'kernel = "/k"', 'timer_mode = 1']);
  assert.equal(t.rc, 3);
  assert.deepEqual(t.lines, ['ERROR: "timer_mode" option is not supported for PV guests.']);
  assert.deepEqual(t.codes, ['setting-not-for-guest-type']);
  const b = run('4.10.0', ['type = "pv"', 'bootloader = "pygrub"', 'apic = 1', 'nestedhvm = 0']);
  assert.equal(at(b, 'b_info/bootloader'), 'pygrub');
  assert.equal(at(b, 'b_info/apic'), 'True');
  assert.equal(at(b, 'b_info/nested_hvm'), 'False');
  // 4.11: apic is HVM-only again (after vpt_align).
  assert.ok(!run('4.11.0', ['type = "pv"', 'kernel = "/k"', 'apic = 1']).read.has('apic'));
  assert.equal(at(run('4.11.0', ['type = "hvm"', 'apic = 1']), 'b_info/apic'), 'True');
  // firmware= for PV guests: 4.9 does not read it, 4.10 turns it into a kernel.
  assert.deepEqual(run('4.9.0', ['builder = "generic"', 'firmware = "pvgrub64"']).lines, ['Neither kernel nor bootloader specified']);
  assert.equal(at(run('4.10.0', ['type = "pvh"', 'firmware = "pvgrub64"']), 'b_info/kernel'), '/usr/lib/xen-4.10/boot/pvgrub64.bin');
  assert.deepEqual(run('4.10.0', ['type = "pv"', 'kernel = "/k"', 'firmware = "pvgrub64"']).lines, ['ERROR: both kernel and firmware specified']);
  assert.equal(at(run('4.10.0', ['type = "hvm"', 'firmware = "uefi"']), 'b_info/type.hvm/bios'), 'ovmf');
  assert.equal(at(run('4.10.0', ['type = "hvm"', 'firmware = "/fw"']), 'b_info/type.hvm/firmware'), '/fw');
  assert.equal(at(run('4.10.0', ['type = "hvm"', 'mca_caps = [ "lmce" ]']), 'b_info/type.hvm/mca_caps'), 1);
  assert.ok(!run('4.9.0', [...HVM, 'mca_caps = [ "lmce" ]']).read.has('mca_caps'));
});

test('passthrough= is read from 4.13.0 (not by 4.12.2)', () => {
  assert.ok(!run('4.12.2', [...pv('4.12'), 'passthrough = "x"']).read.has('passthrough'));
  const r = run('4.13.0', [...pv('4.13'), 'passthrough = "x"']);
  assert.equal(r.rc, 1);
  assert.deepEqual(r.lines, ["ERROR: unknown passthrough option 'x'"]);
  assert.equal(at(run('4.13.0', [...pv('4.13'), 'passthrough = "Share_PT"']), 'c_info/passthrough'), 'share_pt');
});

test('vmtrace_buf_kb is read from 4.15.0; altp2m_count from 4.21.0', () => {
  assert.ok(!run('4.14.6', [...pv('4.14'), 'vmtrace_buf_kb = 64']).read.has('vmtrace_buf_kb'));
  assert.equal(at(run('4.15.0', [...pv('4.15'), 'vmtrace_buf_kb = 64']), 'b_info/vmtrace_buf_kb'), 64);
  assert.ok(!run('4.20.1', [...pv('4.20'), 'altp2m_count = 5']).read.has('altp2m_count'));
  assert.equal(at(run('4.21.0', [...pv('4.21'), 'altp2m_count = 5']), 'b_info/altp2m_count'), 5);
  const r = run('4.21.0', [...pv('4.21'), 'altp2m_count = 65536']);
  assert.equal(r.rc, 1);
  assert.deepEqual(r.lines, ['ERROR: invalid value 65536 for "altp2m_count"']);
});

test('4.18.0: smbios=, bootloader_restrict (with xl.conf), bootloader_user; 4.17.2 reads none of them', () => {
  const lines = ['type = "hvm"', 'smbios = [ "bios_vendor=Xen", "OEM=a=b" ]', 'bootloader_user = "u"'];
  const old = run('4.17.2', lines);
  assert.ok(!old.read.has('smbios') && !old.read.has('bootloader_restrict') && !old.read.has('bootloader_user'));
  const r = run('4.18.0', lines);
  assert.deepEqual(at(r, 'b_info/type.hvm/smbios'), [
    { key: 'bios_vendor', value: 'Xen' },
    { key: 'oem', value: 'a=b' },
  ]);
  assert.equal(at(r, 'b_info/bootloader_user'), 'u');
  assert.equal(at(r, 'b_info/bootloader_restrict'), undefined);
  const g = { ...STOCK_GLOBALS, bootloaderRestrict: true };
  assert.equal(at(run('4.18.0', lines, g), 'b_info/bootloader_restrict'), 'True');
  assert.equal(at(run('4.18.0', [...lines, 'bootloader_restrict = 0'], g), 'b_info/bootloader_restrict'), 'False');
  assert.equal(at(run('4.17.2', lines, g), 'b_info/bootloader_restrict'), undefined);
  // 99 oem strings are fine, the 100th stops xl.
  const oem = (n: number) => `smbios = [ ${Array.from({ length: n }, (_, i) => `"oem=${i}"`).join(', ')} ]`;
  assert.equal(run('4.18.0', ['type = "hvm"', oem(99)]).rc, 0);
  assert.deepEqual(run('4.18.0', ['type = "hvm"', oem(100)]).lines, ['xl: smbios limited to 99 oem strings']);
  assert.deepEqual(run('4.18.0', ['type = "hvm"', 'smbios = [ [ "x" ] ]']).lines, ['xl: Unable to get element #0 in smbios list']);
});

test('hvm_pirq is read from 4.19.0', () => {
  assert.ok(!run('4.18.5', ['type = "hvm"', 'hvm_pirq = 1']).read.has('hvm_pirq'));
  assert.equal(at(run('4.19.0', ['type = "hvm"', 'hvm_pirq = 1']), 'b_info/type.hvm/pirq'), 'True');
});

test('e820_host: PV only; read before pci_* from 4.14.5, 4.15.3 and 4.16.1, after them before', () => {
  assert.equal(at(run('4.5.0', [...PV, 'e820_host = 1']), 'b_info/type.pv/e820_host'), 'True');
  assert.ok(!run('4.20', ['type = "hvm"', 'e820_host = 1']).read.has('e820_host'));
  const before = (rel: string) => {
    const s = stepsFor(parseXenVersion(rel)!);
    return s.indexOf(e820Host) < s.indexOf(pciDefaults);
  };
  for (const rel of ['4.14.5', '4.15.3', '4.16.1', '4.17', '4.22']) assert.ok(before(rel), rel);
  for (const rel of ['4.13.0', '4.14.4', '4.15.2', '4.16.0', '4.12.2', '4.5.0']) assert.ok(!before(rel), rel);
});

test('PV guests need kernel= or bootloader= in every release; a kernel named hvmloader is dropped for HVM', () => {
  for (const rel of ['4.5.0', '4.9.0', '4.10.0', '4.22']) {
    const r = run(rel, parseXenVersion(rel)!.minor >= 10 ? ['type = "pv"'] : ['builder = "generic"']);
    assert.equal(r.rc, 1, rel);
    assert.deepEqual(r.codes, ['setting-required-missing']);
    const h = run(rel, [...hvm(rel), 'kernel = "/usr/lib/xen/boot/hvmloader"']);
    assert.equal(at(h, 'b_info/kernel'), undefined, rel);
    assert.deepEqual(h.codes, ['setting-ignored']);
  }
});
