/**
 * The display step of the parse_config_data port (model/xl/steps/display.ts
 * and libxlCpuid.ts) on both sides of every release boundary it follows,
 * for the releases real xl cannot judge here (the oracle test
 * domain-display.test.ts covers 4.14, 4.17 and 4.20). Each test names the
 * tags and the part of xl_parse.c (xl_cmdimpl.c before 4.9) or
 * libxl_cpuid.c it follows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../server/src/check';
import { xlKeyKinds, xlReadsKey } from '../../server/src/docs/xlKeys';
import { buildSettings } from '../../server/src/model/settings';
import { XEN_RELEASES } from '../../server/src/model/xenReleases';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { Recorder } from '../../server/src/model/devices/recorder';
import { ORACLE_HOST, PortContext, STOCK_GLOBALS } from '../../server/src/model/xl/context';
import { libxlRelease } from '../../server/src/model/libxlIdl';
import { cpuidNames, cpuidTable } from '../../server/src/model/xl/libxlCpuid';
import { LibxlBuilder } from '../../server/src/model/xl/libxlObject';
import { displays } from '../../server/src/model/xl/steps/display';
import { XluConfig } from '../../server/src/model/xl/xluConfig';
import { readDomain, type DomainReading } from '../../server/src/model/xl/readDomain';
import { libxlJsonValue } from '../../server/src/render/libxlJson';
import { parse } from '../../server/src/syntax/parser';
import { displayConfig } from '../oracle/xl/displayConfigs';

const xen = (v: string) => parseXenVersion(v)!;

function read(text: string, release: string): DomainReading {
  return readDomain(buildSettings(parse(text)), xen(release), { source: 'FILE' });
}

/** An HVM guest in every release (builder= before 4.10, type= from 4.10: both agree). */
const hvm = (...lines: string[]) => `name = "g"\ntype = "hvm"\nbuilder = "hvm"\n${lines.join('\n')}\n`;
const pv = (...lines: string[]) => `name = "g"\nkernel = "/k"\n${lines.join('\n')}\n`;
const pvh = (...lines: string[]) => `name = "g"\ntype = "pvh"\nkernel = "/k"\n${lines.join('\n')}\n`;

/** Where a dotted path leads in the port's object ("type.hvm" is one name: write it as type:hvm). */
function at(r: DomainReading, path: string): unknown {
  let o: unknown = r.config;
  for (const f of path.split('.')) {
    if (o === null || typeof o !== 'object') return undefined;
    o = (o as Record<string, unknown>)[f.replace(':', '.')];
  }
  return o;
}

const stderr = (r: DomainReading) => r.events.flatMap((e) => e.xl ?? []);
const codes = (r: DomainReading) => r.events.map((e) => e.code);

// --- cpuid: libxl_cpuid.c -------------------------------------------------------------------

test('4.14.5 | 4.14.6 (and 4.15.4|4.15.5, 4.16.4|4.16.5, 4.17.1|4.17.2): libxl_cpuid_policy_list prints as a list of leaves, then as {cpuid, msr}', () => {
  const text = hvm('cpuid = "host,aes=1"');
  for (const [before, after] of [
    ['4.14.5', '4.14.6'],
    ['4.15.4', '4.15.5'],
    ['4.16.4', '4.16.5'],
    ['4.17.1', '4.17.2'],
  ]) {
    const leaf = { leaf: 1, ecx: 'xxxxxx1xxxxxxxxxxxxxxxxxxxxxxxxx' };
    assert.deepEqual(at(read(text, before), 'b_info.cpuid'), [leaf], before);
    assert.deepEqual(at(read(text, after), 'b_info.cpuid'), { cpuid: [leaf], msr: [] }, after);
  }
  assert.deepEqual(at(read(text, '4.18.0'), 'b_info.cpuid'), { cpuid: [{ leaf: 1, ecx: 'xxxxxx1xxxxxxxxxxxxxxxxxxxxxxxxx' }], msr: [] });
  assert.deepEqual(at(read(text, '4.5.0'), 'b_info.cpuid'), [{ leaf: 1, ecx: 'xxxxxx1xxxxxxxxxxxxxxxxxxxxxxxxx' }]);
});

test('4.14.5 | 4.14.6: the feature names of cpufeatureset.h and the MSR bits (libxl_cpuid_parse_config: bsearch of INIT_FEATURE_NAMES, msr_add)', () => {
  const text = hvm('cpuid = "host,eibrs=1,bhi-no=s,cx16=0"');
  const old = read(text, '4.14.5');
  assert.deepEqual(stderr(old), ['while parsing CPUID flag: "eibrs=1":', '  error #2: unknown CPUID flag name', 'while parsing CPUID flag: "bhi-no=s":', '  error #2: unknown CPUID flag name', 'while parsing CPUID flag: "cx16=0":', '  error #2: unknown CPUID flag name']);
  assert.equal(at(old, 'b_info.cpuid'), undefined, 'nothing parsed: libxl prints no cpuid');
  const now = read(text, '4.14.6');
  assert.deepEqual(stderr(now), []);
  const policy = 'x'.repeat(64).split('');
  policy[63 - 1] = '1'; // eibrs: MSR_ARCH_CAPS bit 1
  policy[63 - 20] = 'k'; // bhi-no: bit 20, s written as k
  assert.deepEqual(at(now, 'b_info.cpuid'), { cpuid: [{ leaf: 1, ecx: 'xxxxxxxxxxxxxxxxxx0xxxxxxxxxxxxx' }], msr: [{ index: 0x10a, policy: policy.join('') }] });
  // An MSR bit takes one character: anything else is error 3, after the MSR's entry is made.
  const bad = read(hvm('cpuid = "host,eibrs=11"'), '4.18.0');
  assert.deepEqual(stderr(bad), ['while parsing CPUID flag: "eibrs=11":', '  error #3: illegal CPUID value (must be: [0|1|x|k|s])']);
  assert.deepEqual(at(bad, 'b_info.cpuid'), { cpuid: [], msr: [{ index: 0x10a, policy: 'x'.repeat(64) }] });
});

test('4.14.5 | 4.14.6: a number wider than 31 bits (list form: bit 31 tested with (1 << i), an int, so it stands for bits 31-63)', () => {
  const text = hvm('cpuid = "host,maxleaf=0x100000000"');
  assert.deepEqual(at(read(text, '4.14.5'), 'b_info.cpuid'), [{ leaf: 0, eax: '1' + '0'.repeat(31) }]);
  assert.deepEqual(at(read(text, '4.14.6'), 'b_info.cpuid'), { cpuid: [{ leaf: 0, eax: '0'.repeat(32) }], msr: [] });
});

test('cpuid family and model: split into base and extended fields (libxl_cpuid.c cpuid_add)', () => {
  const r = read(hvm('cpuid = "host,family=20,model=0x5e,stepping=k"'), '4.13.0');
  assert.deepEqual(at(r, 'b_info.cpuid'), [{ leaf: 1, eax: 'xxxx000001010101xxxx11111110kkkk' }]);
  const low = read(hvm('cpuid = "host,family=6"'), '4.22.0');
  assert.deepEqual(at(low, 'b_info.cpuid'), { cpuid: [{ leaf: 1, eax: 'xxxx00000000xxxxxxxx0110xxxxxxxx' }], msr: [] });
});

test('4.9.4 | 4.10.0: the flags table follows each point release (ibrsb came to 4.9.4 with a backport, and 4.10.0 does not have it)', () => {
  assert.ok(cpuidNames(xen('4.9.4')).includes('ibrsb'));
  assert.ok(!cpuidNames(xen('4.10.0')).includes('ibrsb'));
  assert.ok(!cpuidNames(xen('4.9.0')).includes('ibrsb'));
  assert.ok(cpuidNames(xen('4.10.0')).includes('fsgsbase') && !cpuidNames(xen('4.9.4')).includes('fsgsbase'));
  const r = read(hvm('cpuid = "host,ibrsb=1"'), '4.10.0');
  assert.deepEqual(stderr(r), ['while parsing CPUID flag: "ibrsb=1":', '  error #2: unknown CPUID flag name']);
  assert.deepEqual(at(read(hvm('cpuid = "host,ibrsb=1"'), '4.9.4'), 'b_info.cpuid'), [{ leaf: 7, subleaf: 0, edx: 'xxxxx1xxxxxxxxxxxxxxxxxxxxxxxxxx' }]);
});

test('cpuid list form: every error of libxl_cpuid_parse_config_xend, and xl goes on (all releases)', () => {
  const reg = 'x'.repeat(32);
  const r = read(hvm(`cpuid = [ "x:eax=${reg}", "1,x:eax=${reg}", "1", "1:efx=${reg}", "1:eax=xx", "7,0:ebx=${reg}, ecx=${reg}" ]`), '4.8.0');
  assert.equal(r.rc, 0);
  assert.deepEqual(stderr(r), [
    `while parsing CPUID line: "x:eax=${reg}":`,
    '  error #1: illegal leaf number',
    `while parsing CPUID line: "1,x:eax=${reg}":`,
    '  error #2: illegal subleaf number',
    'while parsing CPUID line: "1":',
    '  error #3: missing colon',
    `while parsing CPUID line: "1:efx=${reg}":`,
    '  error #4: invalid register name (must be e[abcd]x)',
    'while parsing CPUID line: "1:eax=xx":',
    '  error #5: policy string must be exactly 32 characters long',
  ]);
  assert.deepEqual(codes(r), ['setting-bad-list-item', 'setting-bad-list-item', 'setting-bad-list-item', 'setting-bad-list-item', 'setting-bad-list-item']);
  // The leaf is made before its registers are read: leaf 1 is there, empty.
  assert.deepEqual(at(r, 'b_info.cpuid'), [{ leaf: 1 }, { leaf: 7, subleaf: 0, ebx: reg, ecx: reg }]);
});

test('cpuid list form: a leaf numbered 0xffffffff is the end marker of libxl\'s list (hidden, then overwritten)', () => {
  const reg = 'x'.repeat(32);
  const r = read(hvm(`cpuid = [ "1:eax=${reg}", "0xffffffff:eax=${reg}", "2:ebx=${reg}" ]`), '4.20');
  assert.deepEqual(at(r, 'b_info.cpuid'), { cpuid: [{ leaf: 1, eax: reg }, { leaf: 2, ebx: reg }], msr: [] });
  assert.equal(at(read(hvm(`cpuid = [ "-1:eax=${reg}" ]`), '4.12.0'), 'b_info.cpuid'), undefined);
});

test('cpuid string form: the first word must be "host", and the rest is read flag by flag', () => {
  const r = read(hvm('cpuid = "Host,aes=1"'), '4.11.0');
  assert.deepEqual(stderr(r), ['while parsing CPUID string: "Host,aes=1":', '  error: first word must be "host"']);
  assert.equal(at(r, 'b_info.cpuid'), undefined);
  const flags = read(hvm('cpuid = "host,,aes,nosuch=1,aes=z,aes=x"'), '4.11.0');
  assert.deepEqual(stderr(flags), [
    'while parsing CPUID flag: "aes":',
    '  error #1: missing "=" in key=value',
    'while parsing CPUID flag: "nosuch=1":',
    '  error #2: unknown CPUID flag name',
    'while parsing CPUID flag: "aes=z":',
    '  error #3: illegal CPUID value (must be: [0|1|x|k|s])',
  ]);
  assert.deepEqual(at(flags, 'b_info.cpuid'), [{ leaf: 1, ecx: 'x'.repeat(32) }]);
  // Nothing but commas: xl reads nothing and says nothing.
  assert.deepEqual(stderr(read(hvm('cpuid = ",,"'), '4.11.0')), []);
});

// --- the device model -----------------------------------------------------------------------

test('4.6.x | 4.7.0 | 4.9.x | 4.10.0: device_model_version="none" (xl_cmdimpl.c/xl_parse.c parse_config_data: device_model_version)', () => {
  const text = hvm('device_model_version = "none"');
  for (const v of ['4.6.6', '4.10.0']) {
    const r = read(text, v);
    assert.equal(r.rc, 1, v);
    assert.deepEqual(stderr(r), ['Unknown device_model_version "none" specified'], v);
    assert.equal(r.events[0].code, 'setting-invalid-value');
  }
  for (const v of ['4.7.0', '4.9.4']) {
    const r = read(text, v);
    assert.equal(r.rc, 0, v);
    assert.equal(at(r, 'b_info.device_model_version'), 'none');
  }
});

test('4.20.x | 4.21.0: qemu-xen-traditional removed (xl_parse.c parse_config_data: device_model_version), as xen-value-removed', () => {
  const text = pv('device_model_version = "qemu-xen-traditional"');
  const old = read(text, '4.20.4');
  assert.equal(old.rc, 0);
  assert.equal(at(old, 'b_info.device_model_version'), 'qemu_xen_traditional');
  const now = read(text, '4.21.0');
  assert.equal(now.rc, 1);
  assert.deepEqual(stderr(now), ['Unknown device_model_version "qemu-xen-traditional" specified']);
  assert.equal(now.events.at(-1)?.code, 'xen-value-removed');
  assert.equal(read(pv('device_model_version = "Qemu-Xen"'), '4.22.0').events.at(-1)?.code, 'setting-invalid-value');
});

test('device_model= ignored with warnings, the stub domain hint per guest type; an override without a version warns', () => {
  const h = read(hvm('device_model = "/usr/lib/xen/bin/stubdom-dm"'), '4.5.0');
  assert.deepEqual(stderr(h), [
    'WARNING: ignoring device_model directive.',
    'WARNING: Use "device_model_override" instead if you really want a non-default device_model',
    'WARNING: Or use "device_model_stubdomain_override" if you  want to enable stubdomains',
  ]);
  assert.equal(at(h, 'b_info.device_model'), undefined);
  const p = read(pvh('device_model = "stubdom-dm"'), '4.22.0');
  assert.equal(stderr(p)[2], 'WARNING: ignoring "device_model_stubdomain_override" directive for pv guest');
  const o = read(pv('device_model_override = "/opt/qemu"'), '4.17');
  assert.deepEqual(stderr(o), ['WARNING: device model override given without specific DM version']);
  assert.equal(o.events[0].code, 'setting-incomplete');
  assert.equal(at(o, 'b_info.device_model'), '/opt/qemu');
});

test('4.6.x | 4.7.0: device_model_user; 4.13.x | 4.14.0: stubdomain_kernel/ramdisk/memory; 4.15.x | 4.16.0: stubdomain_cmdline', () => {
  const text = pv('device_model_user = "qemu"', 'stubdomain_kernel = "/k2"', 'stubdomain_cmdline = "c"', 'stubdomain_ramdisk = "/r"', 'stubdomain_memory = 64');
  const keys = (v: string) => ['device_model_user', 'stubdomain_kernel', 'stubdomain_cmdline', 'stubdomain_ramdisk', 'stubdomain_memory'].filter((k) => read(text, v).read.has(k));
  assert.deepEqual(keys('4.6.6'), []);
  assert.deepEqual(keys('4.7.0'), ['device_model_user']);
  assert.deepEqual(keys('4.13.5'), ['device_model_user']);
  assert.deepEqual(keys('4.14.0'), ['device_model_user', 'stubdomain_kernel', 'stubdomain_ramdisk', 'stubdomain_memory']);
  assert.deepEqual(keys('4.15.7'), ['device_model_user', 'stubdomain_kernel', 'stubdomain_ramdisk', 'stubdomain_memory']);
  assert.deepEqual(keys('4.16.0'), ['device_model_user', 'stubdomain_kernel', 'stubdomain_cmdline', 'stubdomain_ramdisk', 'stubdomain_memory']);
  assert.equal(at(read(text, '4.16.0'), 'b_info.stubdomain_memkb'), 65536);
});

test('device_model_args: a string stops xl (exit 3, after libxlu\'s warning); a nested list ends libxl\'s list', () => {
  const r = read(pv('device_model_args_hvm = "-d"'), '4.5.0');
  assert.equal(r.rc, 3);
  assert.deepEqual(stderr(r), ["FILE:3: warning: parameter `device_model_args_hvm' is a single value but should be a list", 'xl: Unable to parse device_model_args_hvm.']);
  assert.equal(r.events.at(-1)?.code, 'setting-not-list');
  const n = read(pv('device_model_args = [ "-a", [ "-b" ], "-c" ]'), '4.6.0');
  assert.equal(n.rc, 0);
  assert.deepEqual(at(n, 'b_info.extra'), ['-a']);
});

// --- vnc, sdl, keymap -----------------------------------------------------------------------

test('a PV guest without vfb= gets a framebuffer and a keyboard from vnc=1; other guests read vnc/sdl into the HVM block', () => {
  const text = 'vnc = 1\nvnclisten = "0.0.0.0"\nvncdisplay = 3\nsdl = 0\nkeymap = "de"';
  const p = read(pv(text), '4.9.0');
  assert.deepEqual(at(p, 'vfbs'), [{ devid: 0, vnc: { enable: 'True', listen: '0.0.0.0', display: 3 }, sdl: { enable: 'False' }, keymap: 'de' }]);
  assert.deepEqual(at(p, 'vkbs'), [{ devid: 0 }]);
  // vnc = 0: xl reads no other display key.
  const off = read(pv('vnc = 0', 'vnclisten = "0.0.0.0"'), '4.9.0');
  assert.ok(!off.read.has('vnclisten') && at(off, 'vfbs') === undefined);
  const h = read(hvm(text), '4.9.0');
  assert.deepEqual(at(h, 'b_info.type:hvm.vnc'), { enable: 'True', listen: '0.0.0.0', display: 3 });
  assert.equal(at(h, 'b_info.type:hvm.keymap'), 'de');
  // A PVH guest: read into a part of the configuration it does not have.
  const q = read(pvh(text), '4.12.0');
  assert.equal(at(q, 'vfbs'), undefined);
  assert.ok(q.events.every((e) => e.code === 'setting-ignored' && !e.xl?.length));
  assert.ok(!q.read.has('keymap'));
});

test('vnclisten with a display and vncdisplay stop xl (HVM)', () => {
  const r = read(hvm('vnclisten = "0.0.0.0:1"', 'vncdisplay = 2'), '4.5.0');
  assert.equal(r.rc, 1);
  assert.deepEqual(stderr(r), ['ERROR: Display specified both in vnclisten and vncdisplay!']);
  assert.equal(read(hvm('vnclisten = "0.0.0.0:1"', 'vncdisplay = 0'), '4.5.0').rc, 0);
});

// --- the HVM block --------------------------------------------------------------------------

test('4.5.x | 4.6.0: vga="qxl", hdtype=, spice_image_compression/streaming_video (xl_cmdimpl.c parse_config_data: the HVM block)', () => {
  const qxl = hvm('vga = "qxl"');
  assert.equal(read(qxl, '4.5.5').rc, 1);
  assert.deepEqual(stderr(read(qxl, '4.5.5')), ['Unknown vga "qxl" specified']);
  assert.equal(at(read(qxl, '4.6.0'), 'b_info.type:hvm.vga.kind'), 'qxl');
  const hd = hvm('hdtype = "AHCI"', 'spice_image_compression = "off"');
  assert.ok(!read(hd, '4.5.5').read.has('hdtype') && !read(hd, '4.5.5').read.has('spice_image_compression'));
  assert.equal(at(read(hd, '4.6.0'), 'b_info.type:hvm.hdtype'), 'ahci');
  assert.equal(at(read(hd, '4.6.0'), 'b_info.type:hvm.spice.image_compression'), 'off');
  const bad = read(hvm('hdtype = "sata"'), '4.6.0');
  assert.deepEqual([bad.rc, stderr(bad)], [1, ['ERROR: invalid value "sata" for "hdtype"']]);
});

test('stdvga= when vga= is not a string: the kind, without a word from xl (the deprecation is xen-key-deprecated\'s, once)', () => {
  const r = read(hvm('stdvga = 1'), '4.22.0');
  assert.equal(at(r, 'b_info.type:hvm.vga.kind'), 'std');
  assert.deepEqual(stderr(r), []);
  assert.deepEqual(codes(r), []);
  const text = hvm('stdvga = 1');
  const where = text.indexOf('stdvga');
  const found = checkText(text, { xen: parseXenVersion('4.22')! }).diagnostics.filter((d) => /deprecated/.test(d.code) && d.start >= where);
  assert.deepEqual(found.map((d) => d.code), ['xen-key-deprecated']);
  assert.equal(at(read(hvm('vga = "none"', 'stdvga = 1'), '4.22.0'), 'b_info.type:hvm.vga.kind'), 'none');
  assert.ok(!read(hvm('vga = "none"', 'stdvga = 1'), '4.22.0').read.has('stdvga'));
});

test('4.6.x | 4.7.0: gfx_passthru as a kind ("igd", "default"; xl_cmdimpl.c: xlu_cfg_get_long then libxl_gfx_passthru_kind_from_string)', () => {
  const text = hvm('gfx_passthru = "IGD"');
  const old = read(text, '4.6.6');
  assert.deepEqual(stderr(old), ["FILE:4: warning: parameter `gfx_passthru' is not a valid number"]);
  assert.equal(at(old, 'b_info.type:hvm.gfx_passthru'), undefined);
  const now = read(text, '4.7.0');
  assert.deepEqual(stderr(now), []);
  assert.equal(at(now, 'b_info.type:hvm.gfx_passthru'), 'True');
  assert.equal(at(now, 'b_info.type:hvm.gfx_passthru_kind'), 'igd');
  const bad = read(hvm('gfx_passthru = "amd"'), '4.7.0');
  assert.deepEqual([bad.rc, stderr(bad)], [1, ['ERROR: invalid value "amd" for "gfx_passthru"']]);
  assert.equal(at(read(hvm('gfx_passthru = 0'), '4.7.0'), 'b_info.type:hvm.gfx_passthru'), 'False');
});

test('serial and usbdevice: a list, or a single string', () => {
  const r = read(hvm('serial = "pty"', 'usbdevice = [ "tablet", "mouse" ]'), '4.8.0');
  assert.equal(at(r, 'b_info.type:hvm.serial'), 'pty');
  assert.deepEqual(at(r, 'b_info.type:hvm.usbdevice_list'), ['tablet', 'mouse']);
  assert.deepEqual(stderr(r), []);
});

test('4.12.x | 4.13.0: vkb_device; 4.20.x | 4.21.0: xen_platform_pci_bar_uc (xl_parse.c parse_config_data: the HVM block)', () => {
  const text = hvm('vkb_device = 0', 'xen_platform_pci_bar_uc = 0');
  assert.ok(!read(text, '4.12.4').read.has('vkb_device'));
  assert.equal(at(read(text, '4.13.0'), 'b_info.type:hvm.vkb_device'), 'False');
  assert.ok(!read(text, '4.20.4').read.has('xen_platform_pci_bar_uc'));
  assert.equal(at(read(text, '4.21.0'), 'b_info.type:hvm.xen_platform_pci_bar_uc'), 'False');
});

test('vendor_device: libxl\'s names in any case; anything else exits 3', () => {
  assert.equal(at(read(hvm('vendor_device = "XenServer"'), '4.5.0'), 'b_info.type:hvm.vendor_device'), 'xenserver');
  const bad = read(hvm('vendor_device = "citrix"'), '4.5.0');
  assert.deepEqual([bad.rc, stderr(bad)], [3, ["xl: unknown vendor_device 'citrix'"]]);
});

test('the HVM keys are not read for PV and PVH guests; dm_restrict (4.10.0+) is read for every guest', () => {
  const text = 'vga = "bogus"\nhdtype = "bogus"\ndm_restrict = 1';
  for (const make of [pv, pvh]) {
    const r = read(make(text), '4.10.0');
    assert.equal(r.rc, 0);
    assert.ok(!r.read.has('vga') && !r.read.has('hdtype'));
    assert.equal(at(r, 'b_info.dm_restrict'), 'True');
  }
  assert.ok(!read(pv(text), '4.9.4').read.has('dm_restrict'));
});

// --- Arm, and the last switches ---------------------------------------------------------------

test('4.5.x | 4.6.0: gic_version; 4.12.x | 4.13.0: tee; 4.17.x | 4.18.0: tee=ffa and sve; 4.18.x | 4.19.0: nr_spis', () => {
  const gic = pv('gic_version = "V3"');
  assert.ok(!read(gic, '4.5.5').read.has('gic_version'));
  assert.equal(at(read(gic, '4.6.0'), 'b_info.arch_arm.gic_version'), 'v3');
  const badGic = read(pv('gic_version = "v4"'), '4.6.0');
  assert.deepEqual([badGic.rc, stderr(badGic)], [3, ['Unknown gic_version "v4" specified']]);
  const tee = pv('tee = "ffa"');
  assert.ok(!read(tee, '4.12.4').read.has('tee'));
  assert.deepEqual([read(tee, '4.17.7').rc, stderr(read(tee, '4.17.7'))], [3, ['Unknown tee "ffa" specified']]);
  assert.equal(at(read(tee, '4.18.0'), 'b_info.tee'), 'ffa');
  assert.equal(at(read(pv('tee = "OPTEE"'), '4.13.0'), 'b_info.tee'), 'optee');
  const sve = pv('sve = "256"');
  assert.ok(!read(sve, '4.17.7').read.has('sve'));
  assert.equal(at(read(sve, '4.18.0'), 'b_info.arch_arm.sve_vl'), '256');
  const badSve = read(pv('sve = "100"'), '4.18.0');
  assert.deepEqual([badSve.rc, stderr(badSve)], [1, ['Unknown sve "100" specified']]);
  const spis = pv('nr_spis = 4294967297');
  assert.ok(!read(spis, '4.18.6').read.has('nr_spis'));
  assert.equal(at(read(spis, '4.19.0'), 'b_info.arch_arm.nr_spis'), 1);
});

test('4.20.x | 4.21.0: trap_unmapped_accesses and arm_sci (parse_arm_sci_config)', () => {
  const text = pv('trap_unmapped_accesses = 0', 'arm_sci = "foo=1,type=SCMI_SMC"');
  const old = read(text, '4.20.4');
  assert.ok(!old.read.has('trap_unmapped_accesses') && !old.read.has('arm_sci'));
  const now = read(text, '4.21.0');
  assert.equal(at(now, 'b_info.trap_unmapped_accesses'), 'False');
  assert.equal(at(now, 'b_info.arch_arm.arm_sci.type'), 'scmi_smc');
  const bad = read(pv('arm_sci = "type=scmi"'), '4.21.0');
  assert.deepEqual([bad.rc, stderr(bad)], [1, ['Unknown ARM_SCI type: scmi']]);
});

test('4.13.x | 4.14.0: xend_suspend_evtchn_compat; 4.14.x | 4.15.0: msr_relaxed (with its warning); 4.15.x | 4.16.0: vpmu', () => {
  const text = pv('xend_suspend_evtchn_compat = 1', 'msr_relaxed = 1', 'vpmu = 1');
  const keys = (v: string) => ['xend_suspend_evtchn_compat', 'msr_relaxed', 'vpmu'].filter((k) => read(text, v).read.has(k));
  assert.deepEqual(keys('4.13.5'), []);
  assert.deepEqual(keys('4.14.0'), ['xend_suspend_evtchn_compat']);
  assert.deepEqual(keys('4.15.0'), ['xend_suspend_evtchn_compat', 'msr_relaxed']);
  assert.deepEqual(keys('4.16.0'), ['xend_suspend_evtchn_compat', 'msr_relaxed', 'vpmu']);
  const r = read(text, '4.16.0');
  assert.deepEqual(stderr(r), ['WARNING: msr_relaxed will be removed in future versions.', 'If it fixes an issue you are having please report to xen-devel@lists.xenproject.org.']);
  assert.equal(at(r, 'c_info.xend_suspend_evtchn_compat'), 'True');
  assert.equal(at(r, 'b_info.arch_x86.msr_relaxed'), 'True');
  assert.equal(at(r, 'b_info.vpmu'), 'True');
});

// --- against the keys data (generated from every release's getter calls) ---------------------

const DISPLAY_KEYS = [
  'cpuid', 'device_model', 'device_model_override', 'device_model_version', 'device_model_stubdomain_override', 'device_model_stubdomain_seclabel',
  'device_model_user', 'stubdomain_kernel', 'stubdomain_cmdline', 'stubdomain_ramdisk', 'stubdomain_memory', 'device_model_args', 'device_model_args_pv',
  'device_model_args_hvm', 'vnc', 'vnclisten', 'vncpasswd', 'vncdisplay', 'vncunused', 'sdl', 'opengl', 'display', 'xauthority', 'keymap', 'dm_restrict',
  'stdvga', 'hdtype', 'spice', 'spiceport', 'spicetls_port', 'spicehost', 'spicedisable_ticketing', 'spicepasswd', 'spiceagent_mouse', 'spicevdagent',
  'spice_clipboard_sharing', 'spiceusbredirection', 'spice_image_compression', 'spice_streaming_video', 'nographic', 'gfx_passthru', 'serial', 'boot', 'usb',
  'usbversion', 'usbdevice', 'vkb_device', 'soundhw', 'xen_platform_pci', 'xen_platform_pci_bar_uc', 'vendor_device', 'gic_version', 'tee', 'sve', 'nr_spis',
  'trap_unmapped_accesses', 'arm_sci', 'xend_suspend_evtchn_compat', 'msr_relaxed', 'vpmu',
];

test('every release 4.5.0-4.22.0: an HVM guest setting every key of the step has exactly the keys that release reads read, with the kinds of getter it uses (xl-read-keys.json, xl-key-kinds.json)', () => {
  // Valid values (vga= left out, so that stdvga= is read); device_model_version valid in every release.
  const text = hvm(
    'cpuid = [ "1:eax=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" ]',
    ...DISPLAY_KEYS.filter((k) => k !== 'cpuid' && !k.startsWith('device_model_args') && k !== 'device_model_version' && k !== 'arm_sci' && k !== 'gic_version' && k !== 'tee' && k !== 'sve' && k !== 'vendor_device' && k !== 'hdtype').map((k) => `${k} = 1`),
    'device_model_version = "qemu-xen"',
    'device_model_args = [ "-a" ]',
    'device_model_args_pv = [ "-a" ]',
    'device_model_args_hvm = [ "-a" ]',
    'arm_sci = "type=none"',
    'gic_version = "v2"',
    'tee = "none"',
    'sve = "hw"',
    'vendor_device = "xenserver"',
    'hdtype = "ide"',
  );
  const model = buildSettings(parse(text));
  for (const [a, b, c] of XEN_RELEASES) {
    if (a < 4 || (a === 4 && b < 5)) continue;
    const v = xen(`${a}.${b}.${c}`);
    const r = readDomain(model, v, { source: 'FILE' });
    assert.equal(r.rc, 0, `${a}.${b}.${c}: ${r.events.at(-1)?.message}`);
    const expected = DISPLAY_KEYS.filter((k) => xlReadsKey(k, v) === 'reads');
    const got = DISPLAY_KEYS.filter((k) => r.read.has(k));
    assert.deepEqual(got, expected, `${a}.${b}.${c}: keys read`);
    for (const k of got) {
      const kinds = xlKeyKinds(k, v) ?? [];
      for (const kind of r.readAs.get(k) ?? []) assert.ok(kinds.includes(kind), `${a}.${b}.${c}: ${k} read as ${kind}, the release reads it as ${kinds.join('|')}`);
    }
  }
});

test('a PV guest with a vfb= list: the top-level display keys are ignored (xl reads them into the HVM part, which a PV guest does not have)', () => {
  // The vfb list is the devices step's: here the libxl object already holds one vfb, as it would after that step.
  const model = buildSettings(parse(pv('vnc = 1', 'vnclisten = "0.0.0.0"', 'keymap = "de"')));
  const rec = new Recorder(xen('4.17'));
  const c = new PortContext(new XluConfig(model, rec, 'FILE'), new LibxlBuilder(), STOCK_GLOBALS, ORACLE_HOST);
  c.state.vfbs = 1;
  c.out.set([], 'vfbs', [{ devid: 0, vnc: { enable: 'True' }, sdl: {} }]);
  c.out.set([], 'vkbs', [{ devid: 0 }]);
  displays(c);
  assert.deepEqual(c.out.get([], 'vfbs'), [{ devid: 0, vnc: { enable: 'True' }, sdl: {} }]);
  assert.deepEqual(c.out.get([], 'vkbs'), [{ devid: 0 }]);
  assert.equal(c.out.get(['b_info'], 'type.hvm'), undefined);
  assert.deepEqual(
    rec.events.map((e) => [e.code, e.xl?.length ?? 0]),
    [
      ['setting-ignored', 0],
      ['setting-ignored', 0],
    ],
  );
  assert.ok(c.cfg.read.has('vnclisten') && !c.cfg.read.has('keymap'));
});

test('every release 4.5.0-4.22.0: the cpuid policy\'s JSON form is the one libxl-idl.json gives the release, and the printer prints the port\'s policy', () => {
  const text = hvm('cpuid = "host,aes=1,family=6"');
  const model = buildSettings(parse(text));
  for (const [a, b, c] of XEN_RELEASES) {
    if (a < 4 || (a === 4 && b < 5)) continue;
    const v = xen(`${a}.${b}.${c}`);
    assert.equal(cpuidTable(v).form, libxlRelease(v).cpuid, `${a}.${b}.${c}`);
    const r = readDomain(model, v, { source: 'FILE' });
    const printed = libxlJsonValue(r.config, v) as Record<string, unknown>;
    const config = (printed.config ?? printed) as { b_info: { cpuid: unknown } };
    assert.deepEqual(config.b_info.cpuid, at(r, 'b_info.cpuid'), `${a}.${b}.${c}`);
  }
});

test('every release 4.5.0-4.22.0: what the step builds from generated configs is a libxl object of that release (the printer knows every field and value)', () => {
  for (const [a, b, c] of XEN_RELEASES) {
    if (a < 4 || (a === 4 && b < 5)) continue;
    const release = `${a}.${b}.${c}`;
    const v = xen(release);
    for (let i = 0; i < 25; i++) {
      const text = displayConfig(20261207, i, release);
      const r = readDomain(buildSettings(parse(text)), v, { source: 'FILE' });
      if (r.rc !== 0) continue;
      assert.doesNotThrow(() => libxlJsonValue(r.config, v), `${release}, generated config #${i}:\n${text}`);
    }
  }
});
