/**
 * render/libxlJson.ts without xl: the text layout of yajl and json-c, what
 * each release leaves out as a default, fields a release does not have,
 * field order across releases, enumeration values per release, keyed
 * unions, integers (C storage, exact beyond 2^53), string escaping, and the
 * helpers of model/libxlIdl.ts. (test/oracle/libxl-json.test.ts checks the
 * same printer against real xl's bytes.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXenVersion, type XenVersion } from '../../server/src/model/xenVersion';
import type { LibxlValue } from '../../server/src/model/xl/types';
import {
  LibxlJsonError,
  libxlEnumValues,
  libxlFieldDefault,
  libxlFields,
  libxlHasField,
  libxlJsonText,
  libxlJsonValue,
  libxlTypeAt,
  type LibxlJson,
} from '../../server/src/render/libxlJson';
import { readLibxlJson } from '../libxlJsonReader';

type Obj = { [field: string]: LibxlValue };
const X = (v: string): XenVersion => parseXenVersion(v)!;

/** A PV guest with nothing else: what every release prints around a field. */
const pv = (b_info: Obj = {}, rest: Obj = {}): Obj => ({ c_info: { type: 'pv', name: 't' }, b_info: { 'type.pv': {}, ...b_info }, ...rest });
const value = (config: Obj, xen: string) => libxlJsonValue(config, X(xen)) as { [k: string]: LibxlJson };
const bInfo = (config: Obj, xen: string) => value(config, xen).b_info as { [k: string]: LibxlJson };

test('yajl layout (up to 4.20): 4 spaces, "key": value, empty maps over three lines, a final line break', () => {
  assert.equal(
    libxlJsonText(pv(), X('4.17')),
    [
      '{',
      '    "c_info": {',
      '        "type": "pv",',
      '        "name": "t"',
      '    },',
      '    "b_info": {',
      '        "sched_params": {',
      '',
      '        },',
      '        "type.pv": {',
      '',
      '        },',
      '        "arch_arm": {',
      '',
      '        },',
      '        "arch_x86": {',
      '',
      '        }',
      '    }',
      '}',
      '',
    ].join('\n'),
  );
});

test('xl 4.5 prints {"domid": null, "config": ...}; 4.6 on, the config itself', () => {
  const text = libxlJsonText(pv(), X('4.5'));
  assert.ok(text.startsWith('{\n    "domid": null,\n    "config": {\n        "c_info": {\n            "type": "pv",'), text);
  assert.deepEqual(Object.keys(libxlJsonValue(pv(), X('4.5')) as object), ['domid', 'config']);
  assert.deepEqual(Object.keys(libxlJsonValue(pv(), X('4.6.0')) as object), ['c_info', 'b_info']);
});

test('json-c layout (4.21 on): 2 spaces, "key":value, {} for empty maps, no final line break; json-c 0.15/0.16 and yajl on request', () => {
  const text = libxlJsonText(pv(), X('4.22'));
  assert.equal(
    text,
    [
      '{',
      '  "c_info":{',
      '    "type":"pv",',
      '    "name":"t"',
      '  },',
      '  "b_info":{',
      '    "sched_params":{},',
      '    "type.pv":{},',
      '    "arch_arm":{',
      '      "arm_sci":{}',
      '    },',
      '    "arch_x86":{},',
      '    "xenstore_quota":{}',
      '  }',
      '}',
    ].join('\n'),
  );
  const old = libxlJsonText(pv(), X('4.22'), { library: 'json-c-0.16' });
  assert.ok(old.includes('\n    "sched_params":{\n    },\n'), old);
  assert.ok(old.includes('"arm_sci":{\n      }\n'), old);
  const yajl = libxlJsonText(pv(), X('4.22'), { library: 'yajl' });
  assert.ok(yajl.includes('"sched_params": {\n\n        },') && yajl.endsWith('}\n'), yajl);
});

test('strings: yajl escapes quotes, backslashes and control bytes (\\u00XX upper case), not / or DEL or non-ASCII; json-c also escapes / and writes \\u00xx', () => {
  const s = 'a"b\\c/d\x01\x07\x08\x09\x0a\x0b\x0c\x0d\x1f\x7fé€';
  const config = pv({ cmdline: s });
  const yajl = libxlJsonText(config, X('4.20'));
  assert.ok(yajl.includes('"cmdline": "a\\"b\\\\c/d\\u0001\\u0007\\b\\t\\n\\u000B\\f\\r\\u001F\x7fé€"'), yajl);
  const jsonc = libxlJsonText(config, X('4.21'));
  assert.ok(jsonc.includes('"cmdline":"a\\"b\\\\c\\/d\\u0001\\u0007\\b\\t\\n\\u000b\\f\\r\\u001f\x7fé€"'), jsonc);
  // Either text reads back to the same string.
  for (const text of [yajl, jsonc]) assert.equal(((readLibxlJson(text) as Obj).b_info as Obj).cmdline, s);
});

test('defaults are left out per release: LIBXL_MEMKB_DEFAULT, defbool "default", empty arrays and lists, enumerations at their initial value, NULL strings, devid -1', () => {
  const config = pv(
    {
      max_memkb: 18446744073709551615n,
      target_memkb: 524288,
      localtime: 'default',
      disable_migrate: 'False',
      claim_mode: true,
      tsc_mode: 'default',
      irqs: [],
      extra: [],
      avail_vcpus: [],
      cmdline: null,
      kernel: '',
    },
    { disks: [], channels: [{ devid: -1, name: 'a' }, { devid: 0, name: 'b' }], on_poweroff: 'destroy', on_reboot: 'restart' },
  );
  for (const release of ['4.5', '4.10', '4.14', '4.17', '4.20', '4.22']) {
    const v = libxlJsonValue(config, X(release)) as { [k: string]: LibxlJson };
    const top = (release === '4.5' ? v.config : v) as { [k: string]: LibxlJson };
    const b = top.b_info as { [k: string]: LibxlJson };
    assert.equal(b.max_memkb, undefined, release);
    assert.equal(b.target_memkb, 524288, release);
    assert.equal(b.localtime, undefined, release);
    assert.equal(b.disable_migrate, 'False', release);
    assert.equal(b.claim_mode, 'True', release);
    assert.equal(b.tsc_mode, undefined, release);
    assert.equal(b.irqs, undefined, release);
    assert.equal(b.extra, undefined, release);
    assert.equal(b.avail_vcpus, undefined, release);
    assert.equal(b.cmdline, undefined, release);
    assert.equal(b.kernel, '', release);
    assert.equal(top.disks, undefined, release);
    assert.deepEqual(top.channels, [{ name: 'a', 'connection.unknown': {} }, { devid: 0, name: 'b', 'connection.unknown': {} }], release);
    assert.equal(top.on_poweroff, undefined, release);
    assert.equal(top.on_reboot, 'restart', release);
  }
  assert.equal(libxlFieldDefault('libxl_domain_build_info', 'max_memkb', X('4.17')), 18446744073709551615n);
});

test('a default that changed between releases: vga kind cirrus (4.5, 4.6) then unknown; max_grant_frames 32 (4.10.0-4.12.1) then ~0U', () => {
  const hvm = (vga: string) => ({ c_info: { type: 'hvm' }, b_info: { 'type.hvm': { vga: { kind: vga } } } });
  const kind = (config: Obj, release: string) => ((bInfo(config, release)['type.hvm'] as Obj).vga as Obj).kind;
  assert.equal(kind(hvm('cirrus'), '4.6'), undefined);
  assert.equal(kind(hvm('cirrus'), '4.7'), 'cirrus');
  assert.equal(kind(hvm('unknown'), '4.7'), undefined);
  assert.throws(() => libxlJsonText(hvm('unknown'), X('4.6')), /"unknown" is not a value of libxl_vga_interface_type in libxl 4\.6\.6/);

  assert.equal(bInfo(pv({ max_grant_frames: 32 }), '4.11').max_grant_frames, undefined);
  assert.equal(bInfo(pv({ max_grant_frames: 32 }), '4.12.2').max_grant_frames, 32);
  assert.equal(bInfo(pv({ max_grant_frames: 4294967295 }), '4.12.2').max_grant_frames, undefined);
  assert.equal(bInfo(pv({ max_grant_frames: -1 }), '4.20').max_grant_frames, undefined, '-1 stored in a uint32 is ~0U');
  assert.equal(bInfo(pv({ max_grant_frames: 4294967295 }), '4.11').max_grant_frames, 4294967295);
  assert.equal(libxlFieldDefault('libxl_domain_build_info', 'max_grant_frames', X('4.12.1')), 32);
  assert.equal(libxlFieldDefault('libxl_domain_build_info', 'max_grant_frames', X('4.12.2')), 4294967295);
  // An int field whose init value is ~(uint32_t)0 compares equal at -1.
  assert.equal(libxlFieldDefault('libxl_domain_build_info', 'max_grant_version', X('4.16')), -1);
  assert.throws(() => libxlJsonText(pv({ max_grant_frames: 64 }), X('4.9')), LibxlJsonError);
});

test('fields a release does not have throw, naming the field; values of the wrong kind throw', () => {
  assert.throws(() => libxlJsonText(pv({ vpmu: 'True' }), X('4.15')), (e: unknown) => e instanceof LibxlJsonError && e.path === 'b_info.vpmu' && /libxl 4\.15\.\d+ has no vpmu/.test(e.message));
  assert.equal(bInfo(pv({ vpmu: 'True' }), '4.16').vpmu, 'True');
  assert.throws(() => libxlJsonText({ c_info: { nmae: 'x' } }, X('4.17')), /c_info\.nmae: libxl 4\.17\.\d+ has no nmae/);
  assert.throws(() => libxlJsonText({ b_info: { 'type.pvh': {} } }, X('4.9')), /b_info\.type\.pvh: libxl 4\.9\.\d+ has no type\.pvh/);
  assert.throws(() => libxlJsonText({ c_info: { type: 'pvh' } }, X('4.9')), /"pvh" is not a value of libxl_domain_type in libxl 4\.9\.\d+ \(invalid, hvm, pv\)/);
  assert.throws(() => libxlJsonText(pv({}, { vdispls: [{ devid: 0 }] }), X('4.9')), /vdispls/);
  assert.throws(() => libxlJsonText(pv({ pvh: {} }), X('4.17')), /b_info\.pvh/);
  assert.throws(() => libxlJsonText({ c_info: { name: 5 } }, X('4.17')), /c_info\.name: string must be a string/);
  assert.throws(() => libxlJsonText({ c_info: { type: 'hvn' } }, X('4.17')), /"hvn" is not a value of libxl_domain_type/);
  assert.throws(() => libxlJsonText(pv({ max_memkb: 2 ** 64 }), X('4.17')), /exact integer/);
  assert.throws(() => libxlJsonText(pv({ max_vcpus: 1.5 }), X('4.17')), /exact integer/);
  assert.throws(() => libxlJsonText(pv({ localtime: 'yes' }), X('4.17')), /defbool/);
  assert.throws(() => libxlJsonText(pv({ sched_params: [] }), X('4.17')), /sched_params: libxl_domain_sched_params must be an object/);
  assert.throws(() => libxlJsonText(pv(), X('4.4')), /xl 4\.4\.\d+ prints no libxl JSON/);
});

test('a field that appeared in a later release is printed in its IDL place: iommu_memkb (4.13) between shadow_memkb and rtc_timeoffset', () => {
  const config = pv({ rtc_timeoffset: 7, iommu_memkb: 1024, shadow_memkb: 2048, max_memkb: 4096 });
  assert.deepEqual(Object.keys(bInfo(config, '4.13')).slice(0, 4), ['max_memkb', 'shadow_memkb', 'iommu_memkb', 'rtc_timeoffset']);
  assert.throws(() => libxlJsonText(config, X('4.12')), /iommu_memkb/);
  const fields = (release: string) => libxlFields('libxl_domain_build_info', X(release))!.map((m) => m.name);
  assert.ok(!fields('4.12').includes('iommu_memkb'));
  assert.equal(fields('4.13').indexOf('iommu_memkb'), fields('4.13').indexOf('shadow_memkb') + 1);
  // arch_x86 (4.15) comes after arch_arm, before altp2m.
  const order = Object.keys(bInfo(pv({ altp2m: 'mixed' }), '4.15'));
  assert.deepEqual(order.slice(order.indexOf('arch_arm')), ['arch_arm', 'arch_x86', 'altp2m']);
});

test('enumeration values per release', () => {
  const names = (type: string, release: string) => libxlEnumValues(type, X(release))?.map((v) => v.name);
  assert.deepEqual(names('libxl_domain_type', '4.9'), ['invalid', 'hvm', 'pv']);
  assert.deepEqual(names('libxl_domain_type', '4.10'), ['invalid', 'hvm', 'pv', 'pvh']);
  assert.deepEqual(libxlEnumValues('libxl_domain_type', X('4.10'))?.map((v) => v.value), [-1, 1, 2, 3]);
  assert.deepEqual(names('libxl_tsc_mode', '4.17'), ['default', 'always_emulate', 'native', 'native_paravirt']);
  assert.ok(!names('libxl_viridian_enlightenment', '4.12')!.includes('synic'));
  assert.ok(names('libxl_viridian_enlightenment', '4.13')!.includes('synic'));
  assert.ok(!names('libxl_vga_interface_type', '4.6')!.includes('unknown'));
  assert.equal(libxlEnumValues('libxl_no_such_type', X('4.17')), undefined);
  assert.equal(libxlEnumValues('libxl_domain_build_info', X('4.17')), undefined);
});

test('an enumeration given as a number prints its name, or null when libxl has none (xl keeps a numeric tsc_mode as it is)', () => {
  assert.equal(bInfo(pv({ tsc_mode: 1 }), '4.17').tsc_mode, 'always_emulate');
  assert.equal(bInfo(pv({ tsc_mode: 9 }), '4.17').tsc_mode, null);
  assert.equal(bInfo(pv({ tsc_mode: 0 }), '4.17').tsc_mode, undefined);
  assert.ok(libxlJsonText(pv({ tsc_mode: 9 }), X('4.17')).includes('"tsc_mode": null,'));
});

test('keyed unions: the member the object names, else the key\'s initial one; one member only', () => {
  const channels = (list: Obj[], release = '4.17') => value(pv({}, { channels: list }), release).channels;
  assert.deepEqual(channels([{ name: 'a', 'connection.socket': { path: '/p' } }, { name: 'b', 'connection.pty': {} }, { name: 'c' }]), [
    { name: 'a', 'connection.socket': { path: '/p' } },
    { name: 'b', 'connection.pty': {} },
    { name: 'c', 'connection.unknown': {} },
  ]);
  assert.throws(() => channels([{ 'connection.pty': {}, 'connection.socket': {} }]), /one member/);
  assert.throws(() => channels([{ 'connection.pty': { path: '/p' } }]), /connection\.pty has no fields/);
  assert.throws(() => channels([{ 'connection.serial': {} }]), /no connection\.serial/);
  // No type: b_info's union prints its initial member "invalid"; usbdev's key has no member for 0 and prints nothing.
  assert.deepEqual(Object.keys(value({ c_info: {}, b_info: {} }, '4.17').b_info as object), ['sched_params', 'type.invalid', 'arch_arm', 'arch_x86']);
  assert.deepEqual(value(pv({}, { usbdevs: [{ ctrl: 0, port: 1 }] }), '4.17').usbdevs, [{ ctrl: 0, port: 1 }]);
  assert.deepEqual(value(pv({}, { usbdevs: [{ 'type.hostdev': { hostbus: 1, hostaddr: 2 } }] }), '4.17').usbdevs, [{ 'type.hostdev': { hostbus: 1, hostaddr: 2 } }]);
  // The key variable selects the member (and is not printed itself), alone or with the member's object.
  assert.deepEqual(Object.keys(value({ b_info: { type: 'hvm' } }, '4.17').b_info as object), ['sched_params', 'type.hvm', 'arch_arm', 'arch_x86']);
  assert.equal((bInfo({ b_info: { type: 'hvm', 'type.hvm': { pae: 'True' } } }, '4.17')['type.hvm'] as Obj).pae, 'True');
  assert.deepEqual(bInfo({ b_info: { type: 2 } }, '4.17')['type.pv'], {});
  assert.throws(() => libxlJsonText({ b_info: { type: 'pv', 'type.hvm': {} } }, X('4.17')), /b_info\.type: type is "pv" but the object has type\.hvm/);
  assert.throws(() => libxlJsonText({ b_info: { type: 'pvh' } }, X('4.9')), /"pvh" is not a value of libxl_domain_type/);
  assert.deepEqual(value(pv({}, { channels: [{ name: 'a', connection: 'socket', 'connection.socket': { path: '/s' } }, { connection: 'pty' }] }), '4.17').channels, [
    { name: 'a', 'connection.socket': { path: '/s' } },
    { 'connection.pty': {} },
  ]);
  assert.deepEqual(value(pv({}, { usbdevs: [{ type: 7, port: 1 }] }), '4.17').usbdevs, [{ port: 1 }], 'a key value without a member prints none');
  assert.equal(libxlHasField('libxl_device_channel', 'connection', X('4.17')), true);
  // 4.10.0's PVH member had no fields; 4.10.1 gave it the shim's.
  assert.deepEqual(bInfo({ c_info: { type: 'pvh' }, b_info: { 'type.pvh': {} } }, '4.10.0')['type.pvh'], {});
  assert.throws(() => libxlJsonText({ b_info: { 'type.pvh': { pvshim: 'True' } } }, X('4.10.0')), /type\.pvh has no fields/);
  assert.deepEqual(bInfo({ b_info: { 'type.pvh': { pvshim: 'True' } } }, '4.10.1')['type.pvh'], { pvshim: 'True' });
});

test('integers are stored as the C type stores them and printed exactly; json-c prints the narrow types as int', () => {
  const b = (o: Obj, release: string, library?: 'yajl') => libxlJsonValue(pv(o), X(release), { library }) as { b_info: { [k: string]: LibxlJson } };
  assert.equal(b({ rtc_timeoffset: -3600 }, '4.20').b_info.rtc_timeoffset, 4294963696);
  assert.equal(b({ rtc_timeoffset: -3600 }, '4.21').b_info.rtc_timeoffset, -3600);
  assert.equal(b({ rtc_timeoffset: -3600 }, '4.21', 'yajl').b_info.rtc_timeoffset, 4294963696);
  assert.equal(b({ max_memkb: 2n ** 60n + 1n }, '4.20').b_info.max_memkb, 1152921504606846977n);
  assert.ok(libxlJsonText(pv({ max_memkb: 2n ** 60n + 1n }), X('4.20')).includes('"max_memkb": 1152921504606846977,'));
  assert.ok(libxlJsonText(pv({ max_memkb: 2n ** 60n + 1n }), X('4.22')).includes('"max_memkb":1152921504606846977,'));
  assert.equal(b({ max_memkb: -2 }, '4.20').b_info.max_memkb, 18446744073709551614n);
  assert.equal(b({ max_vcpus: 2n ** 32n + 3n }, '4.20').b_info.max_vcpus, 3);
  // The printed text reads back to the value form.
  const config = pv({ max_memkb: 2n ** 60n, target_memkb: 123, rtc_timeoffset: -1 });
  for (const release of ['4.17', '4.22']) assert.deepEqual(readLibxlJson(libxlJsonText(config, X(release))), libxlJsonValue(config, X(release)));
});

test('bitmaps are their set bits, ascending, each once; string lists and key-value lists print in order', () => {
  const b = bInfo(pv({ avail_vcpus: [3, 1, 1, 0], extra: ['-a', 'b c'] }), '4.17');
  assert.deepEqual(b.avail_vcpus, [0, 1, 3]);
  assert.deepEqual(b.extra, ['-a', 'b c']);
  assert.throws(() => libxlJsonText(pv({ avail_vcpus: [-1] }), X('4.17')), /bit number/);
  const c = (xsdata: LibxlValue) => value({ c_info: { xsdata }, b_info: { 'type.pv': {} } }, '4.17').c_info as Obj;
  assert.deepEqual(c({ b: '1', a: null }).xsdata, { b: '1', a: null });
  assert.equal(c({}).xsdata, undefined);
  assert.ok(libxlJsonText({ c_info: { xsdata: [['2', 'x'], ['1', 'y']] } }, X('4.17')).includes('"xsdata": {\n            "2": "x",\n            "1": "y"\n        }'));
});

test('cpuid: a list of leaves up to 4.17.1, {"cpuid": [...], "msr": [...]} from 4.17.2 (and the 4.14.6, 4.15.5, 4.16.5 backports); empty ones are left out', () => {
  const regs = 'x'.repeat(31) + '1';
  const leaf = { eax: regs, subleaf: 0, leaf: 7 };
  assert.deepEqual(bInfo(pv({ cpuid: [leaf] }), '4.17.1').cpuid, [{ leaf: 7, subleaf: 0, eax: regs }]);
  assert.throws(() => libxlJsonText(pv({ cpuid: [leaf] }), X('4.17.2')), /cpuid policy is \{"cpuid"/);
  assert.deepEqual(bInfo(pv({ cpuid: { cpuid: [leaf] } }), '4.17.2').cpuid, { cpuid: [{ leaf: 7, subleaf: 0, eax: regs }], msr: [] });
  assert.deepEqual(bInfo(pv({ cpuid: { msr: [{ index: 0xc0011029, policy: 'x'.repeat(64) }] } }), '4.14.6').cpuid, { cpuid: [], msr: [{ index: 0xc0011029, policy: 'x'.repeat(64) }] });
  assert.deepEqual((bInfo(pv({ cpuid: { msr: [{ index: 0xc0011029, policy: 'x'.repeat(64) }] } }), '4.21').cpuid as Obj).msr, [{ index: 0xc0011029 - 2 ** 32, policy: 'x'.repeat(64) }], 'json-c prints the uint32 index as an int');
  assert.equal(bInfo(pv({ cpuid: [] }), '4.15.4').cpuid, undefined);
  assert.equal(bInfo(pv({ cpuid: { cpuid: [], msr: [] } }), '4.15.5').cpuid, undefined);
  assert.throws(() => libxlJsonText(pv({ cpuid: [{ leaf: 1, eax: 'x' }] }), X('4.12')), /32 characters/);
});

test('helpers: whether a field exists, its type, its default', () => {
  assert.equal(libxlHasField('libxl_domain_build_info', 'type.pvh', X('4.9')), false);
  assert.equal(libxlHasField('libxl_domain_build_info', 'type.pvh', X('4.10')), true);
  assert.equal(libxlHasField('libxl_domain_build_info', 'type', X('4.10')), true);
  assert.equal(libxlHasField('libxl_domain_build_info', 'vpmu', X('4.15')), false);
  assert.equal(libxlHasField('libxl_domain_build_info.type.pv', 'features', X('4.17')), false, 'const fields are never printed');
  assert.equal(libxlHasField('libxl_no_such_struct', 'x', X('4.17')), false);
  assert.equal(libxlFieldDefault('libxl_device_nic', 'devid', X('4.17')), -1);
  assert.equal(libxlFieldDefault('libxl_domain_config', 'on_crash', X('4.17')), 'destroy');
  assert.equal(libxlFieldDefault('libxl_domain_build_info', 'numa_placement', X('4.17')), 'default');
  assert.equal(libxlFieldDefault('libxl_domain_build_info', 'timer_mode', X('4.17')), 'unknown');
  assert.equal(libxlFieldDefault('libxl_domain_create_info', 'name', X('4.17')), null);
  assert.deepEqual(libxlFieldDefault('libxl_domain_build_info', 'avail_vcpus', X('4.17')), []);
  assert.equal(libxlFieldDefault('libxl_domain_build_info', 'sched_params', X('4.17')), undefined, 'structs have no default: always printed');
  assert.equal(libxlFieldDefault('libxl_domain_config', 'disks', X('4.17')), undefined, 'arrays: printed when not empty');
  assert.equal(libxlTypeAt(['b_info', 'type.hvm', 'vnc'], X('4.17')), 'libxl_vnc_info');
  assert.equal(libxlTypeAt(['b_info', 'type.hvm', 'vnc', 'enable'], X('4.17')), 'libxl_defbool');
  assert.equal(libxlTypeAt(['nics', 'mac'], X('4.17')), 'libxl_mac');
  assert.equal(libxlTypeAt(['b_info', 'type'], X('4.17')), 'libxl_domain_type');
  assert.equal(libxlTypeAt(['b_info', 'vpmu'], X('4.15')), undefined);
  // seed-2014 reads as 4.5.0; a point release as itself; a branch as its newest point release.
  assert.equal(libxlHasField('libxl_domain_config', 'on_soft_reset', X('seed-2014')), false);
  assert.equal(libxlHasField('libxl_domain_config', 'rdms', X('4.6.0')), true);
});
