/**
 * cpus= and cpus_soft= (parse_vcpu_affinity) and the cpu-range reader under
 * it (vcpupin_parse in 4.5, cpurange_parse 4.6-4.8, parse_cpurange from 4.9:
 * the same update_cpumap_range and parse_range in every release), then what
 * create_domain does with the hard affinity before printing (4.12+: the
 * global affinity masks of xl.conf).
 *
 * The bitmaps are libxl's: a cpu map has the host's cpu count rounded up to
 * whole bytes, a node map the host's node count rounded up the same way; a
 * bit beyond the map is dropped without a word. Bit numbers are C ints: a
 * number from 2^32 on wraps around, and one that lands on a negative int is
 * dropped too (libxl compares it with the map's unsigned size; 4.15 added
 * an explicit test, 4196b1523a, which changes nothing).
 *
 * The host's topology is the oracle shim's: the cpus split into contiguous
 * blocks, one per node.
 */
import { strtoul, ULONG_MAX } from '../../devices/cnum';
import { stringList } from '../../devices/lists';
import type { PortContext } from '../context';
import { ERROR_FAIL, exitStatus } from '../context';
import type { XluList, XluString } from '../types';
import { listItem } from '../xluConfig';
import { PortLimit } from './values';

/** The most per-vCPU maps the port builds for a cpus= string (xl would build one per vCPU up to maxvcpus). */
export const MAX_AFFINITY_VCPUS = 1 << 16;

/** A libxl bitmap: `bits` bits (a whole number of bytes), the set ones. */
export class Bitmap {
  readonly set = new Set<number>();
  constructor(readonly bits: number) {}

  /** The size of a map for n elements: whole bytes. */
  static sizeFor(n: number): number {
    return Math.floor((Math.max(n, 0) + 7) / 8) * 8;
  }

  all(): void {
    for (let i = 0; i < this.bits; i++) this.set.add(i);
  }

  bitsSet(): number[] {
    return [...this.set].sort((a, b) => a - b);
  }
}

/** What went wrong in a range, as xl says it (its line without the newline). */
class CpuRangeError {
  constructor(readonly line: string) {}
}

/** libxl_bitmap_set / _reset on a C int bit (a negative one, unsigned against the size, is beyond it). */
function touch(map: Bitmap, bit: number, on: boolean): void {
  if (bit < 0 || bit >= map.bits) return;
  if (on) map.set.add(bit);
  else map.set.delete(bit);
}

/** The node of a host cpu (the shim's topology: contiguous blocks). */
function nodeOfCpu(c: PortContext, cpu: number): number {
  const per = Math.ceil(c.host.nrCpus / Math.max(c.host.nrNodes, 1));
  return Math.floor(cpu / per);
}

/** The bits in [0, bits) that a range [a, b] of unsigned longs reaches as C ints (wrapping modulo 2^32). */
function intsIn(a: bigint, b: bigint, bits: number): number[] {
  const M = 1n << 32n;
  const hits: number[] = [];
  const full = b - a + 1n >= M;
  for (let t = 0; t < bits; t++) {
    // The first value >= a that is t modulo 2^32.
    const first = a + ((BigInt(t) - (a % M) + M) % M);
    if (full || first <= b) hits.push(t);
  }
  return hits;
}

/** update_cpumap_range: one ','-piece of a cpu list into `cpumap` (throws CpuRangeError where xl fails). */
function updateRange(c: PortContext, piece: string, cpumap: Bitmap): void {
  let s = piece;
  let not = false;
  let nodes = false;
  if (s.startsWith('^')) {
    not = true;
    s = s.slice(1);
  }
  if (s.startsWith('node:')) {
    nodes = true;
    s = s.slice(5);
  } else if (s.startsWith('nodes:')) {
    nodes = true;
    s = s.slice(6);
  }
  if (s === 'all') {
    if (not) throw new CpuRangeError('Can\'t combine "^" and "all".');
    cpumap.all();
    return;
  }
  // parse_range
  const first = strtoul(s, 0, 10);
  const a = first.value;
  let b = a;
  let end = first.end;
  let bad = first.end === 0 || a === ULONG_MAX;
  if (!bad && s.charCodeAt(end) === 0x2d) {
    const second = strtoul(s, end + 1, 10);
    bad = second.end === end + 1 || second.value === ULONG_MAX || second.value < a;
    b = second.value;
    end = second.end;
  }
  if (bad || end !== s.length) throw new CpuRangeError(`Invalid pcpu range: ${s}.`);
  if (!nodes) {
    for (const bit of intsIn(a, b, cpumap.bits)) touch(cpumap, bit, !not);
    return;
  }
  // Whole nodes: libxl_node_to_cpumap, into a map sized like a node map (a host with more cpus than
  // that loses the rest).
  const nodeBits = Bitmap.sizeFor(c.host.nrNodes);
  for (const node of intsIn(a, b, nodeBits)) {
    const nodeCpus = new Bitmap(nodeBits);
    for (let cpu = 0; cpu < c.host.nrCpus; cpu++) if (nodeOfCpu(c, cpu) === node) touch(nodeCpus, cpu, true);
    for (const cpu of nodeCpus.bitsSet()) touch(cpumap, cpu, !not);
  }
}

/** The cpu map of one cpu list string, or the line xl prints when it refuses it (undefined result: unpredictable). */
export function cpuMapOf(c: PortContext, text: string): { map: Bitmap; error?: undefined } | { map?: undefined; error: string } {
  const map = new Bitmap(Bitmap.sizeFor(c.host.nrCpus));
  try {
    for (const p of stringList(text, 0, text.length, ',')) updateRange(c, text.slice(p.from, p.to), map);
  } catch (e) {
    if (e instanceof CpuRangeError) return { error: e.line };
    throw e;
  }
  return { map };
}

const FIELD = { hard: 'vcpu_hard_affinity', soft: 'vcpu_soft_affinity' } as const;

/** The per-vCPU maps of cpus= or cpus_soft=, as xl keeps them for the final checks (the port's object holds their bits). */
const hardMaps = new WeakMap<PortContext, Array<{ map: Bitmap; at: XluString }>>();

/** parse_vcpu_affinity for a list (`list`) or a string (`text`). */
function parseAffinity(c: PortContext, kind: 'hard' | 'soft', key: string, list: XluList | undefined, str: XluString | undefined): void {
  const maxVcpus = (c.out.get(['b_info'], 'max_vcpus') as number | undefined) ?? 0;
  let num = list ? list.items.length : 0;
  if (str || num > maxVcpus) num = maxVcpus;
  if (num < 0) {
    // xmalloc(num * sizeof(libxl_bitmap)): the size as size_t, far too big.
    const bytes = BigInt.asUintN(64, BigInt(num) * 16n);
    c.fail('setting-number-out-of-range', `maxvcpus is ${maxVcpus}: xl cannot make that many ${key} maps and stops ("Unable to malloc").`, [`xl: Unable to malloc ${bytes} bytes.`], c.cfg.find('maxvcpus') ?? c.cfg.find('vcpus'), exitStatus(-ERROR_FAIL));
  }
  const at = str ?? list!;
  const out: number[][] = [];
  const maps: Array<{ map: Bitmap; at: XluString }> = [];
  const parse = (item: XluString, what: string, code: 'setting-invalid-value' | 'setting-bad-list-item'): Bitmap => {
    const r = cpuMapOf(c, item.value);
    if (r.error !== undefined) c.fail(code, `${what} = ${JSON.stringify(item.value)} is not a cpu list xl can read (cpus, ranges N-M, node:N, all, ^ to leave some out, separated by ','): xl stops ("${r.error}").`, [r.error], item.span);
    return r.map;
  };
  if (!str) {
    let j = 0;
    for (; j < num; j++) {
      const item = listItem(list!, j);
      if (!item) break;
      const m = parse(item, `${key} item ${j + 1}`, 'setting-bad-list-item');
      out.push(m.bitsSet());
      maps.push({ map: m, at: item });
    }
    if (j < num) {
      c.warnSilent('setting-bad-list-item', `${key} item ${j + 1} is a list, not a string: xl stops reading ${key} there but keeps room for ${num} vCPUs, so the maps of vCPUs ${j} to ${num - 1} are uninitialised memory (unpredictable).`, list!.items[j].span, 'ignored');
    }
    c.out.set(['b_info'], 'numa_placement', 'False', list!.span);
  } else {
    if (num > MAX_AFFINITY_VCPUS) throw new PortLimit(`${key} copied to ${num} vCPUs`);
    const m = parse(str, key, 'setting-invalid-value');
    const bits = m.bitsSet();
    for (let i = 0; i < num; i++) {
      out.push([...bits]);
      maps.push({ map: m, at: str });
    }
    // 4.12 and later keep NUMA placement for a cpus= string (a hard affinity); before, any affinity turns it off.
    if (!c.since(4, 12) || kind === 'soft') c.out.set(['b_info'], 'numa_placement', 'False', str.span);
  }
  c.out.set(['b_info'], FIELD[kind], out, at.span);
  if (kind === 'hard') hardMaps.set(c, maps);
}

/** cpus= then cpus_soft=: a list (read quietly first), else a string. */
export function readAffinities(c: PortContext): void {
  for (const [key, kind] of [
    ['cpus', 'hard'],
    ['cpus_soft', 'soft'],
  ] as const) {
    const l = c.cfg.getList(key, { dontWarn: true });
    if (l.ok) {
      parseAffinity(c, kind, key, l.value, undefined);
      continue;
    }
    const s = c.cfg.getString(key);
    if (s.ok) parseAffinity(c, kind, key, undefined, s.value);
  }
}

/**
 * create_domain (4.12+): every hard affinity map is cut to xl.conf's masks
 * (with a stock xl.conf they hold every cpu of the host, so nothing is cut),
 * and a map left without a cpu stops xl.
 */
export function applyGlobalAffinityMasks(c: PortContext): void {
  if (!c.since(4, 12)) return;
  const maps = hardMaps.get(c) ?? [];
  maps.forEach(({ map, at }, vcpu) => {
    if (map.set.size === 0)
      c.fail('setting-invalid-value', `vCPU ${vcpu}'s hard affinity (cpus=) holds no cpu of this host (${c.host.nrCpus} cpus, numbered from 0): xl stops ("vcpu hard affinity map is empty").`, ['vcpu hard affinity map is empty'], at.span);
  });
}
