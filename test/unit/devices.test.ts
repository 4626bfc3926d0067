/**
 * The device readers (model/devices) on their own: the release decisions
 * the real-xl oracles (4.14, 4.17, 4.20) cannot see, exact document ranges
 * through escapes, every event code in the rule table, and long specs read
 * whole (their cost per length is measured by `npm run bench`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRuleCode } from '../../server/src/check/rules';
import { checkText } from '../../server/src/check';
import { readDevices } from '../../server/src/model/devices/document';
import { parseDisk } from '../../server/src/model/devices/disk';
import { parseIrqs } from '../../server/src/model/devices/irqs';
import { readList } from '../../server/src/model/devices/list';
import { P9Carry, parseP9 } from '../../server/src/model/devices/p9';
import { parsePci } from '../../server/src/model/devices/pci';
import { parseRdm } from '../../server/src/model/devices/rdm';
import { attempt, Recorder } from '../../server/src/model/devices/recorder';
import { diskDevNumber } from '../../server/src/model/devices/vdev';
import { parseVdispl } from '../../server/src/model/devices/vdispl';
import { parseVif } from '../../server/src/model/devices/vif';
import { parseVnuma } from '../../server/src/model/devices/vnuma';
import { plainList, plainString } from '../../server/src/model/devices/xlu';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import type { XlReader } from '../../server/src/model/xl/types';
import { diskItems, gen, Item, p9Items, pciItems, quoteValue, vifItems, vnumaNodes, vsndCards } from '../oracle/devicesXlConfigs';

const xen = (v: string) => parseXenVersion(v)!;

/** Runs a reader at a release: what it gives, what xl prints, how it ends. */
function run<T>(release: string, read: (r: XlReader) => T) {
  const r = new Recorder(xen(release));
  const res = attempt(() => read(r));
  return { value: res.value, rc: res.exit?.rc ?? 0, lines: r.stderr(), codes: r.events.map((e) => e.code) };
}

const disk = (release: string, spec: string) => run(release, (r) => parseDisk(plainString(spec), r, { configSource: 'F' }));
const vif = (release: string, spec: string) => run(release, (r) => parseVif(plainString(spec), r, { configSource: 'F', index: 0 }));
const pci = (release: string, spec: string) => run(release, (r) => parsePci(plainString(spec), r, { defaults: { rdm_policy: 'strict' } }));

test('disk: trusted is a flag from 4.19 only (the 4.17 and 4.18 scanners predate it), colo keys from 4.8, qed from 4.9', () => {
  assert.deepEqual(disk('4.19', 'trusted,vdev=xvda,target=/x').value, { pdev_path: '/x', vdev: 'xvda', format: 'raw', readwrite: 1, trusted: 'True' });
  // 4.18: "trusted" is the first positional piece (the target), so target= repeats it.
  assert.deepEqual(disk('4.18', 'trusted,vdev=xvda,target=/x').lines, ["F: config parsing error in disk specification: target respecified: near `/x' in `trusted,vdev=xvda,target=/x'"]);
  assert.equal(disk('4.7', 'colo,vdev=xvda,target=/x').rc, 1);
  assert.equal(disk('4.8', 'colo,vdev=xvda,target=/x').rc, 0);
  assert.deepEqual(disk('4.8', 'format=qed,vdev=xvda,target=/x').codes, ['device-bad-value']);
  assert.equal(disk('4.9', 'format=qed,vdev=xvda,target=/x').rc, 0);
  assert.equal(disk('4.16', 'specification=virtio,vdev=xvda,target=/x').rc, 1);
  assert.equal(disk('4.17', 'specification=virtio,vdev=xvda,target=/x').rc, 0);
});

test('disk: xl exits with 255 for a bad spec up to 4.6, 1 from 4.7; an "=" before a line break jams the scanner (exit 2)', () => {
  assert.equal(disk('4.6', 'vdev=xvda').rc, 255);
  assert.equal(disk('4.7', 'vdev=xvda').rc, 1);
  const jam = disk('4.20', 'foo=bar,=\n');
  assert.equal(jam.rc, 2);
  assert.deepEqual(jam.lines.slice(-1), ['flex scanner jammed']);
});

test('vif 4.5: a piece without "=" ends the item, unknown keys are silent, any type but ioemu is vif', () => {
  assert.deepEqual(vif('4.5', 'bridge=br0,oops,ip=1.2.3.4').value, { devid: 0, bridge: 'br0' });
  assert.deepEqual(vif('4.5', 'brige=br0,type=foo').value, { devid: 0, nictype: 'vif' });
  assert.deepEqual(vif('4.5', 'brige=br0').lines, []);
  assert.deepEqual(vif('4.6', 'brige=br0').lines, ["unrecognized argument `brige=br0'"]);
});

test('vif 4.5: the mac is read two characters at a time, and a short one garbles the pieces after it', () => {
  assert.equal(vif('4.5', 'mac=00:16:3e:01:02:03').value!.mac, '00:16:3e:01:02:03');
  // "00:11" is short: the reader cuts "bridge=br0" at fixed places, reading 0b and 0d from it, and strtok then ends the item.
  const short = vif('4.5', 'mac=00:11,bridge=br0,ip=192.0.2.1');
  assert.deepEqual(short.value, { devid: 0, mac: '00:11:0b:0d:00:00' });
  assert.ok(short.codes.includes('vif-bad-mac'));
});

test('vif keys per release: mtu from 4.15, trusted from 4.17, vlan from 4.19, devid and colo from 4.9, forwarddev from 4.7', () => {
  assert.deepEqual(vif('4.14', 'mtu=9000').lines, ["unrecognized argument `mtu=9000'"]);
  assert.deepEqual(vif('4.15', 'mtu=9000').value, { devid: 0, mtu: 9000 });
  assert.deepEqual(vif('4.16', 'trusted').lines, ["unrecognized argument `trusted'"]);
  assert.deepEqual(vif('4.17', 'trusted').value, { devid: 0, trusted: 'True' });
  assert.deepEqual(vif('4.18', 'vlan=10').lines, ["unrecognized argument `vlan=10'"]);
  assert.deepEqual(vif('4.19', 'vlan=10').value, { devid: 0, vlan: '10' });
  assert.deepEqual(vif('4.8', 'devid=3').lines, ["unrecognized argument `devid=3'"]);
  assert.deepEqual(vif('4.9', 'devid=3,colo_checkpoint_port=9').value, { devid: 3, colo_checkpoint_port: '9' });
  assert.deepEqual(vif('4.6', 'forwarddev=eth1').lines, ["unrecognized argument `forwarddev=eth1'"]);
  assert.deepEqual(vif('4.7', 'forwarddev=eth1').value, { devid: 0, coloft_forwarddev: 'eth1' });
});

test('vif: a bad rate exits with 255 up to 4.6, 1 from 4.7; a leading 0 is octal', () => {
  assert.equal(vif('4.6', 'rate=08Mb/s').rc, 255);
  assert.equal(vif('4.7', 'rate=08Mb/s').rc, 1);
  assert.deepEqual(vif('4.20', 'rate=010Mb/s').value, { devid: 0, rate_bytes_per_interval: 50000, rate_interval_usecs: 50000 });
});

test('pci 4.5: an entry it cannot read is dropped without a word; 4.6-4.14 exit 6 "PCI BDF"; 4.15+ "PCI_SPEC_STRING"', () => {
  assert.equal(pci('4.5', '03:00.9').value, null);
  assert.deepEqual(pci('4.5', '03:00.9').lines, []);
  assert.deepEqual(pci('4.6', '03:00.9'), { value: undefined, rc: 6, lines: ["unable to parse PCI BDF `03:00.9' for passthrough"], codes: ['pci-bad-bdf'] });
  assert.deepEqual(pci('4.15', '03:00.9').lines, ["unable to parse PCI_SPEC_STRING `03:00.9' for passthrough"]);
  // The old machine takes devices up to ff, the new one up to 1f; the old one no rdm_policy= before 4.6.
  assert.equal(pci('4.14', '03:20.0').rc, 0);
  assert.equal(pci('4.15', '03:20.0').rc, 6);
  assert.deepEqual(pci('4.5', '03:00.0,rdm_policy=strict').lines, ['Unknown PCI BDF option: rdm_policy']);
});

test('pci "*": garbage function before 4.13.3 and in 4.14.0, an assertion failure in 4.13.3+ and 4.14.1+, all functions from 4.15', () => {
  for (const v of ['4.12', '4.13.2', '4.14.0']) assert.ok(pci(v, '03:00.*').codes.includes('device-undefined'), v);
  for (const v of ['4.13.3', '4.13', '4.14.1', '4.14']) assert.equal(pci(v, '03:00.*').rc, 134, v);
  assert.deepEqual(pci('4.15', '03:00.*').value, { bus: 3, vfunc_mask: 0xffffffff, rdm_policy: 'strict' });
});

test('rdm: 4.5 has none; 4.6-4.13 need strategy=host,policy=X in that order; 4.14 any order; 4.15+ refuse any valid policy', () => {
  const rdm = (v: string, s: string) => run(v, (r) => parseRdm(plainString(s), r));
  assert.equal(rdm('4.5', 'strategy=host').value, undefined);
  assert.deepEqual(rdm('4.13', 'strategy=host').value, { used: false, rdm: {} });
  assert.deepEqual(rdm('4.13', 'strategy=host,policy=relaxed').value, { used: true, rdm: { strategy: 'host', policy: 'relaxed' } });
  assert.deepEqual(rdm('4.14', 'policy=relaxed,strategy=host').value, { used: true, rdm: { strategy: 'host', policy: 'relaxed' } });
  assert.deepEqual(rdm('4.15', 'strategy=host,policy=relaxed').value, { used: false, rdm: {} });
  assert.deepEqual(rdm('4.15', 'strategy=host,policy=foo').lines, ['Unknown RDM policy: foo']);
});

test('p9 4.9-4.17: the values carry over from the item before; 4.18 reads pairs; 4.19 defaults a xen_9pfsd path', () => {
  const carry: P9Carry = {};
  const list = plainList(['tag=a,path=/a,security_model=none', 'tag=b']);
  const old = run('4.17', (r) => readList(list, (item) => parseP9(item, r, { carry })));
  assert.deepEqual(old.value, [
    { tag: 'a', path: '/a', security_model: 'none' },
    { tag: 'b', path: '/a', security_model: 'none' },
  ]);
  assert.equal(run('4.18', (r) => readList(list, (item) => parseP9(item, r, {}))).rc, 1);
  assert.deepEqual(run('4.19', (r) => parseP9(plainString('type=xen_9pfsd,tag=t'), r, { domainName: 'g' })).value, { tag: 't', path: '/var/log/xen/guests/g', type: 'xen_9pfsd' });
  assert.deepEqual(run('4.18', (r) => parseP9(plainString('type=qemu,tag=t'), r, {})).lines, ["Unknown 9pfs parameter 'type'"]);
});

test('vdispl: the connector id is "id" in 4.10 and 4.11, "unique_id" from 4.12', () => {
  const v = (rel: string) => run(rel, (r) => parseVdispl(plainString('connectors=c0:800x600'), r, { index: 0 })).value;
  assert.deepEqual(v('4.11'), { devid: 0, connectors: [{ id: 'c0', width: 800, height: 600 }] });
  assert.deepEqual(v('4.12'), { devid: 0, connectors: [{ unique_id: 'c0', width: 800, height: 600 }] });
});

test('irqs: junk after the number is dropped up to 4.6, refused from 4.7', () => {
  const irqs = (rel: string) => run(rel, (r) => parseIrqs(plainList(['5x']), r));
  assert.deepEqual(irqs('4.6').value, [5]);
  assert.equal(irqs('4.7').rc, 1);
});

test('vnuma: "size==1" is 1 up to 4.17 (the first two tokens) and "=1" from 4.18 (not a number)', () => {
  const nodes = plainList([['size==1', 'vcpus=0']]);
  const host = { nrNodes: 1, onlineCpus: 8, maxCpus: 8 };
  const v = (rel: string) => run(rel, (r) => parseVnuma(nodes, r, { host, maxVcpus: 0, configSource: 'F' }));
  assert.equal((v('4.17').value!.nodes[0] as { memkb: number }).memkb, 1024);
  assert.equal(v('4.18').rc, 1);
  assert.deepEqual(v('4.18').lines, ['xl: failed to convert "=1" to number']);
});

test('libxl device numbers of vdevs', () => {
  assert.equal(diskDevNumber('xvda'), 51712);
  assert.equal(diskDevNumber('xvdb1'), 51729);
  assert.equal(diskDevNumber('hda'), 768);
  assert.equal(diskDevNumber('hdc'), 5632);
  assert.equal(diskDevNumber('sdb'), 2064);
  assert.equal(diskDevNumber('xvdq'), (1 << 28) | (16 << 8));
  assert.equal(diskDevNumber('d0p1'), 51713);
  assert.equal(diskDevNumber('51712'), 51712);
  for (const bad of ['vda', 'hde', 'sdq', 'xvda0', 'xvdA', 'hda64']) assert.equal(diskDevNumber(bad), -1, bad);
});

test('pieces have the exact document ranges of their text, through escapes', () => {
  const text = 'name = "g"\ndisk = [ "vdev=xvda,acc\\x=1,target=/a\\\\b" ]\nvif = [ \'mac=00:16:3e:00:00:01,bri\\"ge=x\' ]\n';
  const doc = checkText(text);
  const devices = readDevices(doc.model, doc.options.xen);
  const pieces = devices.settings.flatMap((s) => s.items.flatMap((it) => it.spec.pieces));
  const raw = pieces.map((p) => text.slice(p.span.start, p.span.end));
  // The disk string stops at libxlu's first bad escape (\x): only vdev=xvda,acc is read.
  assert.deepEqual(raw, ['vdev=xvda', 'acc', 'mac=00:16:3e:00:00:01', 'bri\\"ge=x']);
  const keyed = pieces.filter((p) => p.key).map((p) => [text.slice(p.key!.span.start, p.key!.span.end), text.slice(p.value!.span.start, p.value!.span.end)]);
  assert.deepEqual(keyed, [['vdev', 'xvda'], ['mac', '00:16:3e:00:00:01'], ['bri\\"ge', 'x']]);
});

test('a target with an escaped quote keeps its range; the bytes of a non-ASCII piece map back to whole characters', () => {
  const text = 'disk = [ "vdev=xvda,x=é,target=/a\\"b" ]\n';
  const doc = checkText(text);
  const it = readDevices(doc.model, doc.options.xen).settings[0].items[0];
  const bad = doc.diagnostics.find((d) => d.code === 'device-unknown-key')!;
  assert.equal(text.slice(bad.start, bad.end), 'x');
  // xl's scanner takes one byte after "x=": the unknown key ends inside é, and its second byte is read as a positional piece (ignored after the error).
  assert.deepEqual(
    it.spec.pieces.map((p) => [text.slice(p.span.start, p.span.end), p.status]),
    [
      ['vdev=xvda', 'used'],
      ['x=é', 'refused'],
      ['é', 'ignored'],
      ['target=/a\\"b', 'used'],
    ],
  );
});

test('every event a reader emits, at every release, has a rule in the table', () => {
  const releases = ['4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12', '4.13.2', '4.13', '4.14.0', '4.14', '4.15', '4.16', '4.17', '4.18', '4.19', '4.20', '4.21', '4.22'];
  const seen = new Set<string>();
  for (const rel of releases) {
    for (let i = 0; i < 150; i++) {
      const g = gen(11, i);
      const lists: Record<string, unknown[]> = { disk: diskItems(g, 11, i), vif: vifItems(g), pci: pciItems(g), p9: p9Items(g), vsnd: vsndCards(g), vnuma: vnumaNodes(g) };
      const text = 'name = "g"\n' + Object.entries(lists).map(([k, v]) => `${k} = [ ${(v as Item[]).map(quoteValue).join(', ')} ]`).join('\n') + '\n';
      const doc = checkText(text, { xen: xen(rel) });
      for (const s of readDevices(doc.model, xen(rel)).settings) {
        for (const e of [...s.events, ...s.items.flatMap((it) => it.events)]) {
          assert.ok(isRuleCode(e.code), `${rel}: ${s.key} emits ${e.code}, which the rule table lacks`);
          seen.add(e.code);
        }
      }
    }
  }
  assert.ok(seen.size > 15, `only ${seen.size} codes seen: the lists exercise too little`);
});

/**
 * Long specs (200,000 characters of one piece repeated) are read to the end
 * and give what xl gives. How their cost grows with their length is measured
 * by `npm run bench` (readers row), never timed here.
 */
test('the readers read a 200,000-character spec of one repeated piece and say what xl says', () => {
  const long = (piece: string) => Array.from({ length: Math.ceil(200000 / (piece.length + 1)) }, () => piece).join(',');
  const read = (name: string, spec: string) => (name === 'disk' ? disk('4.20', spec) : name === 'vif' ? vif('4.20', spec) : pci('4.20', spec));
  const counts = (codes: string[]) => codes.reduce<Record<string, number>>((o, c) => ((o[c] = (o[c] ?? 0) + 1), o), {});
  // [reader, piece, rc, value, messages by code]
  const cases: Array<[string, string, number, unknown, Record<string, number>]> = [
    // disk: every message quotes the whole spec, so past 100 they are counted, not kept.
    ['disk', 'discard', 1, undefined, { 'disk-no-vdev': 1 }],
    ['disk', 'a=b', 1, undefined, { 'device-unknown-key': 100 }],
    ['disk', '=', 1, undefined, { 'disk-bad-syntax': 1 }],
    ['disk', 'x:y', 1, undefined, { 'device-bad-value': 1 }],
    ['disk', ' ', 1, undefined, { 'disk-too-many-positional': 1 }],
    ['disk', 'backend=0', 1, undefined, { 'disk-respecified': 100 }],
    // vif: one "unrecognized argument" per piece, and the vif is made.
    ['vif', 'discard', 0, { devid: 0 }, { 'device-unknown-key': 25000 }],
    ['vif', 'a=b', 0, { devid: 0 }, { 'device-unknown-key': 50000 }],
    ['vif', '=', 0, { devid: 0 }, { 'device-unknown-key': 100000 }],
    ['vif', 'x:y', 0, { devid: 0 }, { 'device-unknown-key': 50000 }],
    ['vif', ' ', 0, { devid: 0 }, { 'device-unknown-key': 100000 }],
    ['vif', 'backend=0', 0, { backend_domname: '0', devid: 0 }, {}],
    // pci: the first piece that is not an address or a known option ends it.
    ['pci', 'discard', 6, undefined, { 'pci-bad-bdf': 1 }],
    ['pci', 'a=b', 6, undefined, { 'device-unknown-key': 1 }],
    ['pci', '=', 6, undefined, { 'device-unknown-key': 1 }],
    ['pci', 'x:y', 6, undefined, { 'pci-bad-bdf': 1 }],
    ['pci', ' ', 6, undefined, { 'pci-bad-bdf': 1 }],
    ['pci', 'backend=0', 6, undefined, { 'device-unknown-key': 1 }],
  ];
  for (const [name, piece, rc, value, codes] of cases) {
    const spec = long(piece);
    assert.ok(spec.length >= 199999, `${spec.length}`);
    const r = read(name, spec);
    assert.equal(r.rc, rc, `${name} on ${JSON.stringify(piece)}: rc`);
    assert.deepEqual(r.value, value, `${name} on ${JSON.stringify(piece)}: value`);
    assert.deepEqual(counts(r.codes), codes, `${name} on ${JSON.stringify(piece)}: messages`);
  }
  // The line quoting the spec quotes all of it.
  const line = disk('4.20', long('x:y')).lines[0];
  assert.ok(line.startsWith('F: config parsing error in disk specification: unknown value for format: near `x:y\' in `x:y,x:y,') && line.length > 200000, line.slice(0, 100));
});

test("a quoted spec with a line break: stderr shows xl's message as two lines; the event keeps it as printed (split only when shown)", () => {
  const spec = 'vdev=xvda,target=/x,\nbogus';
  const r = new Recorder(xen('4.20'));
  attempt(() => parseDisk(plainString(spec), r, { configSource: 'F' }));
  const printed = "F: config parsing error in disk specification: unknown value for format: near `bogus' in `vdev=xvda,target=/x,\nbogus'";
  assert.deepEqual(r.stderr(), printed.split('\n'));
  // (Splitting as the event is made copied a hostile spec's quote into every kept message, shown or not.)
  assert.deepEqual(r.events.map((e) => e.xl), [[printed]]);
  const rate = vif('4.20', 'rate=1\nGb/s');
  assert.deepEqual(rate.lines, ['F: config parsing error in vif: invalid rate in `1', "Gb/s'"]);
});

test('vif-duplicate-mac in a group: each vif lists at most 3 of the others', () => {
  for (const n of [2, 6]) {
    const vifs = Array.from({ length: n }, (_, i) => `'mac=00:16:3e:00:00:01,bridge=br${i}'`).join(', ');
    const ds = checkText(`name = "g"\nkernel = "/k"\nvif = [ ${vifs} ]\n`, { xen: xen('4.17') }).diagnostics.filter((d) => d.code === 'vif-duplicate-mac');
    assert.equal(ds.length, n);
    for (const d of ds) assert.equal(d.related?.length, Math.min(n - 1, 3));
  }
});
