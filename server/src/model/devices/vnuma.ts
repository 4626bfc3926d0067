/**
 * `vnuma = [ [ "pnode=0", "size=512", "vcpus=0-1", "vdistances=10,20" ], ... ]`
 * (4.6 and later): one list of "key=value" strings per virtual NUMA node.
 * xl sums the nodes' sizes and vCPUs into the domain's maxmem and
 * maxvcpus (and checks them against maxmem= and maxvcpus=), and checks pnode
 * against the host's NUMA nodes and the vCPU count against the host's CPUs.
 * Unknown keys and items that are not strings are silently ignored.
 *
 * Release decisions: up to 4.17 a "key=value" string is split into its
 * first two '='-separated tokens and both trimmed; from 4.18 at the first
 * '=', both sides trimmed (lists.ts).
 * vcpus= ranges are read by parse_range, whose failure xl ignores: what it
 * read up to the failure is used (so "x" is vCPU 0 and "2x" vCPU 2).
 * vdistances= with more entries than nodes writes past xl's array.
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { strtoul, toUnsigned, ULONG_MAX } from './cnum';
import { splitPair, stringList } from './lists';
import { DeviceSpec, ItemContext } from './spec';

export const VNUMA_KEYS = ['pnode', 'size', 'vcpus', 'vdistances'] as const;

/** The most vCPUs the reader puts in one node's map. */
export const MAX_VCPU_BITS = 1 << 20;

export function vnumaSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 6);
}

export interface VnumaHost {
  /** The host's NUMA nodes (physinfo). */
  nrNodes: number;
  /** The host's online CPUs. */
  onlineCpus: number;
  /** The host's CPU count (the vCPU bitmap's size when maxvcpus= is not set). */
  maxCpus: number;
}

export interface VnumaOptions {
  host: VnumaHost;
  /** b_info's max_vcpus when vnuma is read (maxvcpus=, or 0). */
  maxVcpus: number;
  /** maxmem= in KiB (b_info's max_memkb), when given. */
  maxMemkb?: number | bigint;
  configSource: string;
  /** libxlu's line of a value (the message for a node that is not a list quotes it). */
  lineOf?: (v: XluValue) => number;
}

export interface VnumaResult {
  nodes: Array<{ [field: string]: LibxlValue }>;
  /** What xl sets b_info's max_vcpus and max_memkb to (max_memkb a bigint beyond 2^53). */
  maxVcpus: number;
  maxMemkb: LibxlValue;
  /** A pnode= was given: xl turns NUMA placement off. */
  placementOff: boolean;
  /** A node has more vCPUs in its map than the reader keeps (MAX_VCPU_BITS): its map is incomplete. */
  truncated: boolean;
}

/** parse_range: start and end, and whether it fails (xl uses what it read anyway). */
function parseRange(s: string): { a: bigint; b: bigint } {
  const first = strtoul(s, 0, 10);
  const a = first.value;
  let b = a;
  if (first.end === 0 || a === ULONG_MAX) return { a, b };
  if (s.charCodeAt(first.end) === 0x2d) {
    const second = strtoul(s, first.end + 1, 10);
    b = second.value;
  }
  return { a, b };
}

export function parseVnuma(value: XluValue, r: XlReader, opts: VnumaOptions, into?: DeviceSpec[]): VnumaResult | undefined {
  if (value.kind !== 'list' || value.items.length === 0) return undefined;
  const n = value.items.length;
  if (opts.maxVcpus < 0) r.fail({ code: 'device-bad-number', message: 'maxvcpus= is negative: xl cannot size the vnuma vCPU maps ("libxl_node_bitmap_alloc failed.").', xl: ['libxl_node_bitmap_alloc failed.'], span: value.span });
  const bits = (Math.floor(((opts.maxVcpus || opts.host.maxCpus) + 7) / 8)) * 8;
  // unsigned long, as xl's (counted, not looped: a range of a billion vCPUs is one addition)
  let maxVcpus = 0n;
  // unsigned long sums, as xl's
  let maxMemkb = 0n;
  let placementOff = false;
  let truncated = false;
  // memkb: undefined while no size= was read (libxl's default, left out of the JSON).
  const nodes: Array<{ memkb?: bigint; distances: number[]; pnode: number; vcpus: Set<number> }> = [];
  for (let i = 0; i < n; i++) nodes.push({ memkb: undefined, distances: new Array(n).fill(0), pnode: 0, vcpus: new Set() });
  value.items.forEach((spec, i) => {
    const node = nodes[i];
    if (spec.kind !== 'list') {
      const line = opts.lineOf?.(spec) ?? 0;
      r.fail({ code: 'device-item-not-list', message: 'Each vnuma item is one node, a list of "key=value" strings: xl stops with "cannot get vnode config option list".', xl: [`${opts.configSource}:${line}:0: warning: value is not a list`, 'xl: cannot get vnode config option list'], span: spec.span });
    }
    for (const opt of spec.items) {
      if (opt.kind !== 'string') continue;
      const c: ItemContext = new ItemContext(opt, r);
      if (into) into.push({ family: 'vnuma', item: opt, pieces: c.pieces });
      const t = c.text;
      const pair = splitPair(r.xen, t, 0, t.length, '=', true);
      if (!pair.ok) c.fail('device-piece-without-equals', c.whole, `${JSON.stringify(t)} is not key=value: xl stops with "failed to split into pair".`, [`xl: failed to split "${t}" into pair`]);
      const key = t.slice(pair.a.from, pair.a.to);
      const val = t.slice(pair.b.from, pair.b.to);
      const eq = t.indexOf('=');
      const known = (VNUMA_KEYS as readonly string[]).includes(key);
      const p = c.keyPiece(0, eq < 0 ? pair.a.to : eq, t.length, known ? key : undefined, known ? 'used' : 'ignored');
      p.key = c.part(pair.a.from, pair.a.to);
      p.value = c.part(pair.b.from, pair.b.to);
      const ulong = (s: string, from: number, to: number): bigint => {
        const u = strtoul(s, 0, 10);
        if (u.end === 0 || u.value === ULONG_MAX) c.fail('device-bad-number', c.span(from, to), `${JSON.stringify(s)} is not a number: xl stops with "failed to convert".`, [`xl: failed to convert "${s}" to number`]);
        return u.value;
      };
      if (key === 'pnode') {
        const v = ulong(val, pair.b.from, pair.b.to);
        if (v >= BigInt(opts.host.nrNodes)) c.fail('vnuma-bad-pnode', p.value.span, `This host has ${opts.host.nrNodes} NUMA node${opts.host.nrNodes > 1 ? 's' : ''} (numbered from 0): xl stops with "invalid pnode number".`, [`xl: invalid pnode number: ${v}`]);
        node.pnode = Number(v);
        placementOff = true;
      } else if (key === 'size') {
        node.memkb = toUnsigned(ulong(val, pair.b.from, pair.b.to) << 10n, 64);
        maxMemkb = toUnsigned(maxMemkb + node.memkb, 64);
      } else if (key === 'vcpus') {
        for (const it of stringList(val, 0, val.length, ',')) {
          const { a, b } = parseRange(val.slice(it.from, it.to));
          if (a > b) continue;
          maxVcpus = toUnsigned(maxVcpus + (b - a + 1n), 64);
          // The bits of the map (a vCPU past it is dropped); more than MAX_VCPU_BITS per node are not kept.
          for (let s = a; s <= b && s < BigInt(bits); s++) {
            if (node.vcpus.size >= MAX_VCPU_BITS) {
              truncated = true;
              break;
            }
            node.vcpus.add(Number(s));
          }
        }
      } else if (key === 'vdistances') {
        const items = stringList(val, 0, val.length, ',');
        if (items.length > n) c.warn('device-undefined', p.value.span, `${items.length} distances for ${n} node${n > 1 ? 's' : ''}: xl writes the extra ones past the end of its array (undefined behaviour).`);
        items.forEach((it, j) => {
          const d = ulong(val.slice(it.from, it.to), pair.b.from + it.from, pair.b.from + it.to);
          if (j < n) node.distances[j] = Number(toUnsigned(d, 32));
        });
      } else c.warn('device-unknown-key', p.key.span.start === p.key.span.end ? p.span : p.key.span, `${JSON.stringify(key)} is not a vnuma node setting (pnode, size, vcpus, vdistances): xl silently ignores it.`);
    }
  });
  if (opts.maxVcpus !== 0) {
    if (BigInt(opts.maxVcpus) !== maxVcpus) r.fail({ code: 'vnuma-mismatch', message: `The vnuma nodes have ${maxVcpus} vCPUs and maxvcpus= is ${opts.maxVcpus}: xl stops with "vnuma vcpus and maxvcpus= mismatch".`, xl: ['xl: vnuma vcpus and maxvcpus= mismatch'], span: value.span });
  } else if (BigInt(opts.host.onlineCpus) < maxVcpus) {
    r.fail({ code: 'vnuma-mismatch', message: `The vnuma nodes have ${maxVcpus} vCPUs, more than this host's ${opts.host.onlineCpus} CPUs: xl stops ("use maxvcpus= to override this check").`, xl: ['xl: vnuma specifies more vcpus than pcpus, use maxvcpus= to override this check.'], span: value.span });
  }
  if (opts.maxMemkb !== undefined && BigInt(opts.maxMemkb) !== maxMemkb)
    r.fail({ code: 'vnuma-mismatch', message: `The vnuma nodes add up to ${maxMemkb / 1024n} MiB and maxmem= is ${BigInt(opts.maxMemkb) / 1024n}: xl stops with "maxmem and vnuma memory size mismatch".`, xl: ['xl: maxmem and vnuma memory size mismatch'], span: value.span });
  const out = nodes.map((nd) => {
    const o: { [field: string]: LibxlValue } = {};
    if (nd.memkb !== undefined) o.memkb = exact(nd.memkb);
    o.distances = nd.distances;
    if (nd.pnode) o.pnode = nd.pnode;
    if (nd.vcpus.size) o.vcpus = [...nd.vcpus].sort((x, y) => x - y);
    return o;
  });
  // (b_info's max_vcpus is an int.)
  return { nodes: out, maxVcpus: opts.maxVcpus !== 0 ? opts.maxVcpus : Number(BigInt.asIntN(32, maxVcpus)), maxMemkb: exact(maxMemkb), placementOff, truncated };
}

/** A uint64 as the libxl object holds it: a number while exact, a bigint beyond. */
function exact(v: bigint): LibxlValue {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : (v as unknown as LibxlValue);
}
