/**
 * The device part of the parse_config_data port (model/xl/steps/devices.ts,
 * affinity.ts, channel.ts, and the order of its steps in readDomain.ts
 * stepsFor) on both sides of every release boundary it follows, for the
 * releases the real-xl oracle (test/oracle/xl/domain-devices.test.ts) does
 * not run. Each case names the tag and the part of xl's source (xl_cmdimpl.c
 * before 4.9, xl_parse.c after; parse_config_data unless said otherwise).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDevices } from '../../server/src/model/devices/document';
import { Recorder } from '../../server/src/model/devices/recorder';
import { buildSettings } from '../../server/src/model/settings';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { type XlHost } from '../../server/src/model/xl/context';
import { deviceInputs } from '../../server/src/model/xl/deviceInputs';
import { readDomain } from '../../server/src/model/xl/readDomain';
import { parse } from '../../server/src/syntax/parser';

interface Run {
  rc: number;
  lines: string[];
  codes: string[];
  config: Record<string, unknown>;
  read: ReadonlySet<string>;
}

function run(release: string, lines: string[], host?: XlHost): Run {
  const xen = parseXenVersion(release)!;
  const r = readDomain(buildSettings(parse(['name = "g"', ...lines].join('\n') + '\n')), xen, { source: 'FILE', host });
  const rec = new Recorder(xen);
  rec.events.push(...r.events);
  return { rc: r.rc, lines: rec.stderr(), codes: r.events.map((e) => e.code), config: JSON.parse(JSON.stringify(r.config, (_, v) => (typeof v === 'bigint' ? v.toString() : v))), read: r.read };
}

function at(r: Run, path: string): unknown {
  let o: unknown = r.config;
  for (const f of path.split('/')) o = o && typeof o === 'object' ? (o as Record<string, unknown>)[f] : undefined;
  return o;
}

/** A PV guest (builder= before 4.10, type= from then on), and an HVM one. */
const pv = (rel: string) => (parseXenVersion(rel)!.minor >= 10 ? ['type = "pv"', 'kernel = "/k"'] : ['kernel = "/k"']);
const hvm = (rel: string) => (parseXenVersion(rel)!.minor >= 10 ? ['type = "hvm"'] : ['builder = "hvm"']);

test('pci= after the vfb list up to 4.12.4 (its error comes after a disk error), before shadow_memory from 4.13.0 (a pci error comes first)', () => {
  const cfg = (rel: string) => [...pv(rel), 'disk = [ "x" ]', 'pci = [ "zz" ]'];
  for (const rel of ['4.6.0', '4.12.4']) {
    const r = run(rel, cfg(rel));
    // (exit(-1) from parse_disk_config up to 4.6, EXIT_FAILURE from 4.7.)
    assert.equal(r.rc, rel === '4.6.0' ? 255 : 1, rel);
    assert.deepEqual(r.lines, ["FILE: config parsing error in disk specification: no vdev specified in `x'"], rel);
  }
  for (const rel of ['4.13.0', '4.14.0']) {
    const r = run(rel, cfg(rel));
    assert.equal(r.rc, 6, rel);
    assert.equal(r.lines[r.lines.length - 1], "unable to parse PCI BDF `zz' for passthrough", rel);
  }
  assert.equal(run('4.15.0', cfg('4.15.0')).lines.pop(), "unable to parse PCI_SPEC_STRING `zz' for passthrough");
});

test('pci_* reach the pci devices up to 4.12 and again from 4.14.5, 4.15.3 and 4.16.1; 4.13.0-4.14.4, 4.15.0-4.15.2 and 4.16.0 read them after pci=', () => {
  const permissive = (rel: string) => {
    const r = run(rel, [...pv(rel), 'pci_permissive = 1', 'pci_msitranslate = 4294967296', 'pci = [ "03:00.0" ]']);
    assert.equal(r.rc, 0, rel);
    const dev = (at(r, 'pcidevs') as Array<Record<string, unknown>>)[0];
    // pci_msitranslate is kept in an int: 2^32 is 0.
    assert.equal(dev.msitranslate, undefined, rel);
    return dev.permissive === true;
  };
  for (const rel of ['4.5.0', '4.12.4', '4.14.5', '4.14.6', '4.15.3', '4.16.1', '4.17.0', '4.22.0']) assert.equal(permissive(rel), true, rel);
  for (const rel of ['4.13.0', '4.14.4', '4.15.0', '4.15.2', '4.16.0']) assert.equal(permissive(rel), false, rel);
});

test('pci devices inherit the rdm= policy where rdm= comes first (4.6-4.12, 4.14.5+, 4.15.3+, 4.16.1+), and only a policy libxlutil keeps', () => {
  const policy = (rel: string) => {
    const r = run(rel, [...hvm(rel), 'rdm = "strategy=host,policy=relaxed"', 'pci = [ "03:00.0" ]']);
    assert.equal(r.rc, 0, rel);
    return { pci: (at(r, 'pcidevs') as Array<Record<string, unknown>>)[0].rdm_policy, rdm: at(r, 'b_info/type.hvm/rdm') };
  };
  // 4.5: no rdm= and no per-device policy.
  assert.deepEqual(policy('4.5.5'), { pci: undefined, rdm: undefined });
  for (const rel of ['4.6.0', '4.12.4', '4.14.5']) assert.deepEqual(policy(rel), { pci: 'relaxed', rdm: { strategy: 'host', policy: 'relaxed' } }, rel);
  // 4.13.0-4.14.4: rdm= read after pci= (the HVM default, invalid, is left out).
  for (const rel of ['4.13.0', '4.14.4']) assert.deepEqual(policy(rel), { pci: undefined, rdm: { strategy: 'host', policy: 'relaxed' } }, rel);
  // 4.15+: libxlutil fails on a valid policy (the rdm reader): rdm= is ignored.
  for (const rel of ['4.15.3', '4.16.1', '4.22.0']) assert.deepEqual(policy(rel), { pci: undefined, rdm: undefined }, rel);
  // A PV guest: xl writes the HVM field anyway (the union), and its devices inherit it where it comes first.
  const r = run('4.14.5', [...pv('4.14.5'), 'rdm = "policy=relaxed,strategy=host"', 'pci = [ "03:00.0" ]']);
  assert.equal((at(r, 'pcidevs') as Array<Record<string, unknown>>)[0].rdm_policy, 'relaxed');
  const plain = run('4.14.4', [...pv('4.14.4'), 'pci = [ "03:00.0" ]']);
  assert.equal((at(plain, 'pcidevs') as Array<Record<string, unknown>>)[0].rdm_policy, 'strict');
});

test('pci= on a PV guest turns e820_host on (every release); not on an HVM guest', () => {
  for (const rel of ['4.5.0', '4.13.0', '4.22.0']) {
    assert.equal(at(run(rel, [...pv(rel), 'pci = [ "03:00.0" ]']), 'b_info/type.pv/e820_host'), 'True', rel);
    assert.equal(at(run(rel, [...hvm(rel), 'pci = [ "03:00.0" ]']), 'b_info/type.pv'), undefined, rel);
  }
  // xl 4.5 drops an entry it cannot read: with none left, e820_host stays.
  assert.equal(at(run('4.5.0', [...pv('4.5.0'), 'pci = [ "zz" ]']), 'b_info/type.pv/e820_host'), undefined);
  // e820_host = 0 wins where it is read after pci= (4.13.0-4.14.4, 4.15.0-4.15.2, 4.16.0).
  const off = (rel: string) => at(run(rel, [...pv(rel), 'e820_host = 0', 'pci = [ "03:00.0" ]']), 'b_info/type.pv/e820_host');
  for (const rel of ['4.12.4', '4.14.5', '4.15.3', '4.16.1']) assert.equal(off(rel), 'True', rel);
  for (const rel of ['4.13.0', '4.14.4', '4.15.2', '4.16.0']) assert.equal(off(rel), 'False', rel);
});

test('pci_* before or after the vif list: 4.16.0 reads them after (a vif error comes first, alone), 4.16.1 before (their warning first)', () => {
  const cfg = (rel: string) => [...pv(rel), 'pci_seize = "x"', 'vif = [ "rate=x" ]'];
  const late = run('4.16.0', cfg('4.16.0'));
  assert.equal(late.rc, 1);
  assert.ok(!late.lines.some((l) => /pci_seize/.test(l)));
  const early = run('4.16.1', cfg('4.16.1'));
  assert.equal(early.rc, 1);
  assert.equal(early.lines[0], "FILE:4: warning: parameter `pci_seize' is not a valid number");
});

test('usbctrl= and usbdev= from 4.7.0, after pci= up to 4.12 (a pci error comes first)', () => {
  assert.ok(!run('4.6.6', [...pv('4.6.6'), 'usbctrl = [ "type=foo" ]']).read.has('usbctrl'));
  const r = run('4.7.0', [...pv('4.7.0'), 'usbctrl = [ "type=foo" ]', 'pci = [ "zz" ]']);
  assert.equal(r.rc, 6);
  assert.equal(r.lines.pop(), "unable to parse PCI BDF `zz' for passthrough");
  const ok = run('4.7.0', [...pv('4.7.0'), 'usbctrl = [ "version=2" ]', 'usbdev = [ "hostbus=1,hostaddr=2" ]']);
  assert.equal(ok.rc, 0);
  assert.deepEqual(at(ok, 'usbctrls'), [{ devid: 0, version: 2 }]);
});

test('the families each release reads: dtdev and rdm from 4.6, p9 from 4.9 (d_config.p9 in 4.9, p9s from 4.10), vdispl 4.10, pvcalls 4.11, vsnd and vkb 4.12, virtio 4.18', () => {
  const reads = (rel: string) => run(rel, [...pv(rel)]).read;
  const since: Array<[string, string, string]> = [
    ['dtdev', '4.5.5', '4.6.0'],
    ['rdm', '4.5.5', '4.6.0'],
    ['vnuma', '4.5.5', '4.6.0'],
    ['usbctrl', '4.6.6', '4.7.0'],
    ['p9', '4.8.5', '4.9.0'],
    ['vdispl', '4.9.4', '4.10.0'],
    ['pvcalls', '4.10.4', '4.11.0'],
    ['vsnd', '4.11.4', '4.12.0'],
    ['vkb', '4.11.4', '4.12.0'],
    ['virtio', '4.17.0', '4.18.0'],
  ];
  for (const [key, before, from] of since) {
    assert.ok(!reads(before).has(key), `${key} read by ${before}`);
    assert.ok(reads(from).has(key), `${key} not read by ${from}`);
  }
  const p9 = (rel: string) => run(rel, [...pv(rel), 'p9 = [ "tag=t,path=/p,security_model=none" ]']).config;
  assert.deepEqual(p9('4.9.0').p9, [{ tag: 't', path: '/p', security_model: 'none' }]);
  assert.equal(p9('4.9.0').p9s, undefined);
  assert.deepEqual(p9('4.10.0').p9s, [{ tag: 't', path: '/p', security_model: 'none' }]);
});

test('the lists in xl order: ioports before disk, p9 before vtpm (4.9+), channel before vif, vif2 warns and goes on', () => {
  const first = (rel: string, lines: string[]) => run(rel, [...pv(rel), ...lines]).lines.pop();
  for (const rel of ['4.5.0', '4.22.0']) assert.equal(first(rel, ['disk = [ "x" ]', 'ioports = [ "x" ]']), 'xl: Invalid argument parsing ioport: x', rel);
  assert.equal(first('4.9.0', ['vtpm = [ "foo=1" ]', 'p9 = [ "foo=1" ]']), "Unknown string `foo' in 9pfs spec");
  assert.equal(first('4.5.0', ['vif = [ "rate=x" ]', 'channel = [ "name=a" ]']), "channel has unknown 'connection'");
  for (const rel of ['4.5.0', '4.22.0']) {
    const r = run(rel, [...pv(rel), 'vif2 = [ "x" ]']);
    assert.equal(r.rc, 0);
    assert.deepEqual(r.lines, ['WARNING: vif2: netchannel2 is deprecated and not supported by xl']);
  }
  const single = run('4.17', [...pv('4.17'), 'disk = "x"']);
  assert.equal(single.rc, 0);
  assert.deepEqual(single.lines, ["FILE:4: warning: parameter `disk' is a single value but should be a list"]);
  assert.deepEqual(single.codes, ['device-not-list']);
});

test('vkb devids follow the vkbs each vfb brought (4.12+)', () => {
  const r = run('4.12.0', [...pv('4.12.0'), 'vfb = [ "vnc=1", "sdl=1" ]', 'vkb = [ "backend-type=linux" ]']);
  assert.equal(r.rc, 0);
  assert.deepEqual((at(r, 'vkbs') as Array<Record<string, unknown>>).map((k) => k.devid), [0, 1, 2]);
  // A PV guest's vnc= without vfb= brings one too (read after the vfb list, before vkb=).
  const vnc = run('4.12.0', [...pv('4.12.0'), 'vnc = 1', 'vkb = [ "backend-type=linux" ]']);
  assert.deepEqual((at(vnc, 'vkbs') as Array<Record<string, unknown>>).map((k) => k.devid), [0, 1]);
  assert.equal(deviceInputs(buildSettings(parse(['name = "g"', ...pv('4.12.0'), 'vnc = 1', 'vfb = "x"'].join('\n') + '\n')), parseXenVersion('4.12.0')!).vkbsBefore, 1);
});

test('channels: devid is the index until 4.18.4, 4.19.1 and 4.20.0; unset from 4.18.5, 4.19.2, 4.20.1 and 4.21.0 (libxl numbers them)', () => {
  const devid = (rel: string) => (at(run(rel, [...pv(rel), 'channel = [ "name=a,connection=pty", "name=b,connection=socket,path=/s" ]']), 'channels') as Array<Record<string, unknown>>).map((c) => c.devid);
  for (const rel of ['4.5.0', '4.18.4', '4.19.0', '4.19.1', '4.20.0']) assert.deepEqual(devid(rel), [0, 1], rel);
  for (const rel of ['4.18.5', '4.19.2', '4.20.1', '4.21.0', '4.22.0']) assert.deepEqual(devid(rel), [undefined, undefined], rel);
  const r = run('4.17', [...pv('4.17'), 'channel = [ "name=b,connection=socket,path=/s" ]']);
  assert.deepEqual(at(r, 'channels'), [{ devid: 0, name: 'b', 'connection.socket': { path: '/s' } }]);
});

test('channels: split_string_into_pair by strtok up to 4.17 (the value ends at a second =, a piece with an empty side stops xl), at the first = from 4.18', () => {
  const path = (rel: string) => (at(run(rel, [...pv(rel), 'channel = [ "name=a,connection=socket,path=/a=b" ]']), 'channels') as Array<Record<string, Record<string, unknown>>>)[0]['connection.socket'].path;
  assert.equal(path('4.17.0'), '/a');
  assert.equal(path('4.18.0'), '/a=b');
  const old = run('4.17.0', [...pv('4.17.0'), 'channel = [ "name=a,=v,connection=pty" ]']);
  assert.equal(old.rc, 1);
  assert.deepEqual(old.lines, ['failed to parse channel configuration: =v']);
  const now = run('4.18.0', [...pv('4.18.0'), 'channel = [ "name=a,=v,connection=pty" ]']);
  assert.equal(now.rc, 0);
  assert.deepEqual(now.lines, ["unknown channel parameter '', ignoring"]);
  // An item with no piece at all: xl copies a missing one and crashes.
  for (const rel of ['4.5.0', '4.22.0']) assert.equal(run(rel, [...pv(rel), 'channel = [ "name=a,connection=pty", ",," ]']).rc, 139, rel);
  // Socket without a path, connection missing.
  assert.deepEqual(run('4.6.0', [...pv('4.6.0'), 'channel = [ "name=a,connection=socket" ]']).lines, ["channel connection 'socket' requires path=.."]);
  assert.deepEqual(run('4.6.0', [...pv('4.6.0'), 'channel = [ "name=a" ]']).lines, ["channel has unknown 'connection'"]);
});

test('cpus= as a string: up to 4.11 it turns NUMA placement off, from 4.12.0 (parse_vcpu_affinity) only cpus_soft= does', () => {
  const placement = (rel: string, key: string) => at(run(rel, [...pv(rel), 'vcpus = 2', `${key} = "1-2"`]), 'b_info/numa_placement');
  assert.equal(placement('4.11.4', 'cpus'), 'False');
  assert.equal(placement('4.12.0', 'cpus'), undefined);
  assert.equal(placement('4.12.0', 'cpus_soft'), 'False');
  // A list always does.
  assert.equal(at(run('4.12.0', [...pv('4.12.0'), 'vcpus = 2', 'cpus = [ "1" ]']), 'b_info/numa_placement'), 'False');
  const r = run('4.12.0', [...pv('4.12.0'), 'vcpus = 2', 'cpus = "1-2,^2"', 'cpus_soft = [ "node:0", "all" ]']);
  assert.deepEqual(at(r, 'b_info/vcpu_hard_affinity'), [[1], [1]]);
  assert.deepEqual(at(r, 'b_info/vcpu_soft_affinity'), [[0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 3, 4, 5, 6, 7]]);
});

test('a hard affinity without a cpu of the host: accepted up to 4.11, refused from 4.12.0 (create_domain applies xl.conf\'s masks)', () => {
  const cfg = (rel: string) => [...pv(rel), 'vcpus = 1', 'cpus = "8-15"'];
  const old = run('4.11.4', cfg('4.11.4'));
  assert.equal(old.rc, 0);
  assert.deepEqual(at(old, 'b_info/vcpu_hard_affinity'), [[]]);
  const now = run('4.12.0', cfg('4.12.0'));
  assert.equal(now.rc, 1);
  assert.deepEqual(now.lines, ['vcpu hard affinity map is empty']);
  // The same with 16 cpus on the host.
  assert.equal(run('4.12.0', cfg('4.12.0'), { nrCpus: 16, nrNodes: 1, memMb: 16384 }).rc, 0);
  // A soft affinity may be empty.
  assert.equal(run('4.12.0', [...pv('4.12.0'), 'vcpus = 1', 'cpus_soft = "8"']).rc, 0);
});

test('cpu lists: "^all" and junk stop xl with the part after the prefixes; numbers wrap as C ints; node:N on a host of several nodes', () => {
  assert.deepEqual(run('4.17', [...pv('4.17'), 'vcpus = 1', 'cpus = "^all"']).lines, ['Can\'t combine "^" and "all".']);
  assert.deepEqual(run('4.17', [...pv('4.17'), 'vcpus = 1', 'cpus = "1,node:x"']).lines, ['Invalid pcpu range: x.']);
  assert.deepEqual(run('4.17', [...pv('4.17'), 'vcpus = 2', 'cpus = [ "1", "3-2" ]']).lines, ['Invalid pcpu range: 3-2.']);
  // Items beyond the vCPUs are not read.
  assert.equal(run('4.17', [...pv('4.17'), 'vcpus = 1', 'cpus = [ "1", "3-2" ]']).rc, 0);
  // 2^32 + 3 is cpu 3; 2^32 - 1 is -1, beyond the (unsigned) map size.
  assert.deepEqual(at(run('4.14', [...pv('4.14'), 'vcpus = 1', 'cpus = "4294967299,4294967295,2"']), 'b_info/vcpu_hard_affinity'), [[2, 3]]);
  // 12 cpus in 3 nodes of 4: node 2 is cpus 8-11, but a node's cpus go through a map sized for 3 nodes (8 bits).
  const host = { nrCpus: 12, nrNodes: 3, memMb: 16384 };
  assert.deepEqual(at(run('4.17', [...pv('4.17'), 'vcpus = 1', 'cpus = "node:1"'], host), 'b_info/vcpu_hard_affinity'), [[4, 5, 6, 7]]);
  assert.equal(run('4.17', [...pv('4.17'), 'vcpus = 1', 'cpus = "node:2"'], host).rc, 1);
  // "all" sets every bit of the map: 16 for 12 cpus.
  assert.deepEqual(at(run('4.17', [...pv('4.17'), 'vcpus = 1', 'cpus = "all,^node:0"'], host), 'b_info/vcpu_hard_affinity'), [[4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]]);
});

test('4.5 reads cpus= before memory=, with max_vcpus as vcpus= or maxvcpus= set it (a negative one fails to allocate); 4.6 checks maxvcpus < vcpus first', () => {
  const old = run('4.5.0', [...pv('4.5.0'), 'maxvcpus = "-1"', 'cpus = "1"', 'memory = "x"']);
  assert.equal(old.rc, 3);
  assert.deepEqual(old.lines, ['xl: Unable to malloc 18446744073709551600 bytes.']);
  const next = run('4.6.0', [...pv('4.6.0'), 'maxvcpus = "-1"', 'cpus = "1"']);
  assert.equal(next.rc, 1);
  assert.deepEqual(next.lines, ['xl: maxvcpus < vcpus']);
  // Without vcpus= the maps of 4.5-4.20 have no vCPU to go to; 4.21 counts one vCPU.
  assert.deepEqual(at(run('4.20', [...pv('4.20'), 'cpus = "1"']), 'b_info/vcpu_hard_affinity'), []);
  assert.deepEqual(at(run('4.21', [...pv('4.21'), 'cpus = "1"']), 'b_info/vcpu_hard_affinity'), [[1]]);
});

test('vnuma (4.6+): nodes, max_vcpus and max_memkb from them, pnode checked against the host, before cpus=', () => {
  const r = run('4.6.0', [...pv('4.6.0'), 'vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1" ], [ "size=0", "vcpus=2" ] ]']);
  assert.equal(r.rc, 0);
  assert.deepEqual(at(r, 'b_info/vnuma_nodes'), [
    { memkb: 524288, distances: [0, 0], vcpus: [0, 1] },
    { memkb: 0, distances: [0, 0], vcpus: [2] },
  ]);
  assert.equal(at(r, 'b_info/max_vcpus'), 3);
  assert.equal(at(r, 'b_info/max_memkb'), 524288);
  assert.equal(at(r, 'b_info/numa_placement'), 'False');
  const two = { nrCpus: 8, nrNodes: 2, memMb: 16384 };
  const node1 = [...pv('4.17'), 'vnuma = [ [ "pnode=1", "vcpus=0" ] ]'];
  assert.deepEqual(run('4.17', node1).lines, ['xl: invalid pnode number: 1']);
  assert.equal(run('4.17', node1, two).rc, 0);
  // A node that is not a list: libxlu's line of the value.
  assert.deepEqual(run('4.6.0', [...pv('4.6.0'), 'vnuma = [ "pnode=0" ]']).lines, ['FILE:3:0: warning: value is not a list', 'xl: cannot get vnode config option list']);
  // vCPU ranges are counted, not looped; a map of more than a million is past the port's limit.
  const many = readDomain(buildSettings(parse(['name = "g"', ...pv('4.17'), 'maxvcpus = 2000001', 'vnuma = [ [ "vcpus=0-2000000" ] ]'].join('\n') + '\n')), parseXenVersion('4.17')!);
  assert.match(many.limit ?? '', /million/);
  const wide = run('4.17', [...pv('4.17'), 'maxvcpus = 2000', 'vnuma = [ [ "vcpus=0-999" ], [ "vcpus=1000-1999" ] ]']);
  assert.equal(wide.rc, 0);
  assert.equal(at(wide, 'b_info/max_vcpus'), 2000);
  assert.equal((at(wide, 'b_info/vnuma_nodes') as Array<{ vcpus: number[] }>)[1].vcpus.length, 1000);
  // vnuma before cpus=.
  assert.deepEqual(run('4.17', [...pv('4.17'), 'vcpus = 1', 'cpus = "x"', 'maxvcpus = 2', 'vnuma = [ [ "vcpus=0" ] ]']).lines, ['xl: vnuma vcpus and maxvcpus= mismatch']);
});

test('the editor reads every device item with what the port has when xl reads its list', () => {
  const doc = (rel: string, lines: string[]) => readDevices(buildSettings(parse(['name = "g"', ...lines].join('\n') + '\n')), parseXenVersion(rel)!);
  const pciOf = (rel: string) => doc(rel, [...pv(rel), 'pci_permissive = 1', 'pci = [ "zz", "03:00.0" ]']).settings.find((s) => s.key === 'pci')!.items[1].spec.device;
  assert.equal(pciOf('4.16.0')!.permissive, undefined);
  assert.equal(pciOf('4.16.1')!.permissive, true);
  const vkbs = doc('4.12.0', [...pv('4.12.0'), 'vkb = [ "backend-type=linux" ]', 'vfb = [ "vnc=1", "bogus" ]']).settings.find((s) => s.key === 'vkb')!;
  assert.equal(vkbs.items[0].spec.device!.devid, 2);
  const inputs = deviceInputs(buildSettings(parse(['name = "g"', ...pv('4.17'), 'vcpus = "x"', 'maxvcpus = 4', 'maxmem = 1024'].join('\n') + '\n')), parseXenVersion('4.17')!);
  assert.deepEqual(inputs.vnuma, { maxVcpus: 4, maxMemkb: 1048576 });
  assert.equal(inputs.domainName, 'g');
});
