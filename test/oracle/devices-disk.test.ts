/**
 * libxlutil's own xlu_disk_parse (Xen 4.17, Debian's libxen-dev) as the
 * judge of model/devices/disk.ts: on generated disk specs (and a fixed list
 * of hard cases) the two agree on
 *   - accept or reject (and the exit status when the scanner exits xl),
 *   - every line libxlutil prints,
 *   - every libxl_device_disk field of an accepted spec (defaults as absent).
 * Failures are shrunk to the smallest spec that still disagrees.
 *
 * Environment: XLCFG_DISK_SEED (default fixed), XLCFG_DISK_COUNT (default 20000).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDisk } from '../../server/src/model/devices/disk';
import { attempt, Recorder } from '../../server/src/model/devices/recorder';
import { plainString } from '../../server/src/model/devices/xlu';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { runXlu, XluAnswer } from './xlu-disk';
import { diskSpec } from './xlu-diskSpecs';

const SEED = Number(process.env.XLCFG_DISK_SEED ?? 20261203);
const COUNT = Number(process.env.XLCFG_DISK_COUNT ?? 20000);
const XEN = parseXenVersion('4.17')!;

const HARD = [
  '',
  ',',
  '=',
  '=\n',
  '=\nx',
  'a=',
  'foo=bar',
  'foo:',
  'foo:,',
  'foo:/x',
  'raw:abc,xvda',
  ' a\nb,raw,xvda',
  ',,xvda:cdrom',
  ',raw,hdc:cdrom',
  'vdev=xvda,,cdrom',
  'target=/x,vdev=xvda',
  'vdev=xvda,target=/x,,',
  'phy:/dev/sda,xvda,w',
  'nbd:nbd:x,xvda',
  'tap:aio:/x,xvda',
  'x=é,vdev=xvda',
  'é=x,vdev=xvda',
  '/x,raw,xvda,rw,ro',
  'devtype=cdromx,vdev=hdc',
  'colo-port=12x,vdev=xvda,target=/x',
  'format=raw,format=raw,vdev=xvda,target=/x',
  'format=raw,format=qcow2',
  'backend=,backend=b,vdev=xvda,target=/x',
  'ab::x,xvda',
  ' ,xvda',
  '\t\n/x,raw,xvda',
];

interface Ours {
  exit?: number;
  lines: string[];
  device?: Record<string, unknown>;
}

function ours(spec: string): Ours {
  const r = new Recorder(XEN);
  const res = attempt(() => parseDisk(plainString(spec), r, { configSource: 'FILE' }));
  return { exit: res.exit?.rc, lines: r.stderr(), device: res.value as Record<string, unknown> | undefined };
}

/** The oracle's accepted fields, defaults dropped (as xl's JSON leaves them out). */
function theirDevice(a: XluAnswer): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a.out!)) {
    if (k === 'rc' || v === null || v === 0 || v === false || v === 'unknown' || v === 'default') continue;
    o[k] = v;
  }
  return o;
}

function differences(spec: string, a: XluAnswer): string[] {
  const o = ours(spec);
  const out: string[] = [];
  const theirLines = a.stderr.split('\n').filter((l, i, all) => l.length || i < all.length - 1);
  if (JSON.stringify(o.lines) !== JSON.stringify(theirLines)) out.push(`messages differ:\n    xlcfg: ${JSON.stringify(o.lines)}\n    xlu:   ${JSON.stringify(theirLines)}`);
  if (a.exit !== 0) {
    if (o.exit !== a.exit) out.push(`libxlutil exits the process with ${a.exit}; xlcfg ${o.exit === undefined ? 'accepts the spec' : `exits with ${o.exit}`}`);
    return out;
  }
  const accepted = a.out!.rc === 0;
  if (accepted !== (o.exit === undefined)) {
    out.push(accepted ? 'libxlutil accepts the spec, xlcfg rejects it' : `libxlutil rejects the spec (rc ${a.out!.rc}), xlcfg accepts it`);
    return out;
  }
  if (accepted) {
    const t = JSON.stringify(theirDevice(a));
    const u = JSON.stringify(o.device);
    if (t !== u) out.push(`fields differ:\n    xlcfg: ${u}\n    xlu:   ${t}`);
  }
  return out;
}

function* smaller(spec: string): Generator<string> {
  const pieces = spec.split(',');
  if (pieces.length > 1) for (let i = 0; i < pieces.length; i++) yield pieces.filter((_, j) => j !== i).join(',');
  for (let i = 0; i < spec.length; i++) yield spec.slice(0, i) + spec.slice(i + 1);
}

function shrink(spec: string): string {
  let best = spec;
  for (let round = 0; round < 60; round++) {
    const candidates = [...smaller(best)];
    if (!candidates.length) break;
    const answers = runXlu('disk', candidates);
    const k = candidates.findIndex((c, i) => differences(c, answers[i]).length > 0);
    if (k < 0) break;
    best = candidates[k];
  }
  return best;
}

function judge(specs: string[], label: (i: number) => string): { failures: string[]; accepted: number; jammed: number } {
  const answers = runXlu('disk', specs);
  const failures: string[] = [];
  let accepted = 0;
  let jammed = 0;
  for (let i = 0; i < specs.length; i++) {
    if (answers[i].exit !== 0) jammed++;
    else if (answers[i].out!.rc === 0) accepted++;
    if (failures.length >= 3) continue;
    const diffs = differences(specs[i], answers[i]);
    if (!diffs.length) continue;
    const small = shrink(specs[i]);
    failures.push(`${label(i)}: ${JSON.stringify(specs[i])}\n  smallest disagreeing spec: ${JSON.stringify(small)}\n  ${differences(small, runXlu('disk', [small])[0]).join('\n  ')}`);
  }
  return { failures, accepted, jammed };
}

test('xlu_disk_parse and xlcfg agree on the hard cases', () => {
  const { failures } = judge(HARD, (i) => `hard case #${i}`);
  assert.equal(failures.length, 0, failures.join('\n\n'));
});

test(`xlu_disk_parse and xlcfg agree on ${COUNT} generated disk specs (seed ${SEED}; XLCFG_DISK_SEED reproduces them)`, () => {
  const specs = Array.from({ length: COUNT }, (_, i) => diskSpec(SEED, i));
  const { failures, accepted, jammed } = judge(specs, (i) => `generated spec #${i} (seed ${SEED})`);
  // The generator must exercise both outcomes, or the agreement says little.
  assert.ok(accepted > COUNT / 20 && accepted < COUNT - COUNT / 20, `only ${accepted} of ${COUNT} specs accepted: the generator is off`);
  assert.ok(jammed > 0, 'no spec made the scanner jam: the generator misses that case');
  assert.equal(failures.length, 0, failures.join('\n\n'));
  console.log(`disk oracle: ${COUNT} specs (seed ${SEED}), ${accepted} accepted, ${jammed} jammed, all agree`);
});
