/**
 * libxl's cpuid policy list as xl fills it from cpuid= (libxl_cpuid.c, per
 * release): libxl_cpuid_parse_config_xend (the list form, one
 * "leaf[,subleaf]:eax=...,ebx=..." item each), libxl_cpuid_parse_config (one
 * "name=value" of the "host,..." string form), the list's C quirks (a leaf
 * numbered 0xffffffff is the list's end marker: it hides itself and is
 * overwritten by the next new leaf; a leaf is made before its value is
 * checked) and the JSON libxl prints for it.
 *
 * The names each release knows are data (server/data/libxl-cpuid.json,
 * scripts/gen-cpuid.mjs): the flags table of libxl_cpuid.c and, from the
 * "policy" releases on (4.14.6, 4.15.5, 4.16.5, 4.17.2, 4.18.0 and later),
 * the feature names of cpufeatureset.h and where each featureset word goes
 * (a CPUID register or an MSR).
 */
import data from '../../../data/libxl-cpuid.json';
import { strtoul } from '../devices/cnum';
import { newestPatch } from '../xenReleases';
import type { XenVersion } from '../xenVersion';
import { PortLimit } from './steps/values';
import type { LibxlValue } from './types';

/** XEN_CPUID_INPUT_UNUSED: no subleaf; as a leaf, the end of the list. */
export const CPUID_UNUSED = 0xffffffff;

const REGS = ['eax', 'ebx', 'ecx', 'edx'] as const;
type Reg = (typeof REGS)[number];

interface Flag {
  name: string;
  leaf: number;
  subleaf: number;
  /** 0..3: eax..edx. */
  reg: number;
  bit: number;
  length: number;
}

type Word = { kind: 'cpuid'; leaf: number; subleaf: number; reg: number } | { kind: 'msr'; index: number; high: boolean };

export interface CpuidTable {
  /** 'list': the JSON is an array of leaves; 'policy': {cpuid, msr}, with feature names and MSRs. */
  form: 'list' | 'policy';
  flags: ReadonlyMap<string, Flag>;
  features?: ReadonlyMap<string, number>;
  words?: readonly Word[];
}

type FlagRecord = [string, number, number | null, string, number, number];
type WordRecord = ['cpuid', number, number | null, string] | ['msr', number, string];
interface TableRecord {
  releases: string[];
  form: string;
  flags: number[];
  features?: number[];
  words?: WordRecord[];
}

const FLAGS = data.flags as unknown as FlagRecord[];
const FEATURES = data.features as unknown as Array<[string, number]>;
const TABLES = data.tables as unknown as TableRecord[];
const regIndex = (r: string): number => REGS.indexOf(r as Reg);

const tableCache = new Map<string, CpuidTable>();

function tableOf(rec: TableRecord): CpuidTable {
  const flags = new Map<string, Flag>();
  for (const id of rec.flags) {
    const [name, leaf, subleaf, reg, bit, length] = FLAGS[id];
    // The C table is searched from the start: the first entry of a name wins.
    if (!flags.has(name)) flags.set(name, { name, leaf, subleaf: subleaf ?? CPUID_UNUSED, reg: regIndex(reg), bit, length });
  }
  if (rec.form !== 'policy') return { form: 'list', flags };
  const features = new Map<string, number>();
  for (const id of rec.features ?? []) features.set(FEATURES[id][0], FEATURES[id][1]);
  const words: Word[] = (rec.words ?? []).map((w) => (w[0] === 'cpuid' ? { kind: 'cpuid', leaf: w[1], subleaf: w[2] ?? CPUID_UNUSED, reg: regIndex(w[3]) } : { kind: 'msr', index: w[1], high: w[2] === 'edx' }));
  return { form: 'policy', flags, features, words };
}

/** The release's table (a branch without a point release: its newest one). */
export function cpuidTable(xen: XenVersion): CpuidTable {
  const release = `${xen.major}.${xen.minor}.${xen.patch ?? newestPatch(xen.major, xen.minor)}`;
  let t = tableCache.get(release);
  if (!t) {
    const rec = TABLES.find((r) => r.releases.includes(release)) ?? TABLES[TABLES.length - 1];
    t = tableOf(rec);
    tableCache.set(release, t);
  }
  return t;
}

/** The names libxl_cpuid_parse_config knows at a release (the flags table, then the feature names). */
export function cpuidNames(xen: XenVersion): string[] {
  const t = cpuidTable(xen);
  return [...new Set([...t.flags.keys(), ...(t.features?.keys() ?? [])])];
}

interface Leaf {
  leaf: number;
  subleaf: number;
  regs: Array<string | null>;
}

interface Msr {
  index: number;
  /** 64 characters, bit 63 first. */
  policy: string[];
}

/** More leaves than any CPU has: the port stops there (each lookup walks the list). */
const MAX_LEAVES = 4096;

/** What strlen() says of a string xl got (its UTF-8 bytes). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export class CpuidPolicy {
  /** The C array up to its end marker (the last slot may itself hold the marker's leaf number). */
  private leaves: Leaf[] = [];
  private msrs?: Msr[];

  constructor(readonly table: CpuidTable) {}

  /** cpuid_find_match: the leaf's entry, made (empty) when missing. */
  private find(leaf: number, subleaf: number): Leaf {
    let i = 0;
    for (; i < this.leaves.length && this.leaves[i].leaf !== CPUID_UNUSED; i++) {
      const e = this.leaves[i];
      if (e.leaf === leaf && e.subleaf === subleaf) return e;
    }
    if (i >= MAX_LEAVES) throw new PortLimit(`a cpuid policy of more than ${MAX_LEAVES} leaves`);
    const e: Leaf = { leaf, subleaf, regs: [null, null, null, null] };
    this.leaves.length = i;
    this.leaves.push(e);
    return e;
  }

  /** The leaves libxl sees (up to the first one numbered like the end marker). */
  private visible(): Leaf[] {
    const i = this.leaves.findIndex((e) => e.leaf === CPUID_UNUSED);
    return i < 0 ? this.leaves : this.leaves.slice(0, i);
  }

  /**
   * libxl_cpuid_parse_config_xend: 0, or 1 (no leaf number), 2 (no subleaf
   * number), 3 (no ':'), 4 (not e[abcd]x=), 5 (a register value not 32 characters).
   */
  parseXend(str: string): number {
    const a = strtoul(str, 0, 0);
    if (a.end === 0) return 1;
    const leaf = Number(BigInt.asUintN(32, a.value));
    let subleaf = CPUID_UNUSED;
    let p = a.end;
    if (str[p] === ',') {
      const b = strtoul(str, p + 1, 0);
      if (b.end === p + 1) return 2;
      subleaf = Number(BigInt.asUintN(32, b.value));
      p = b.end;
    }
    if (str[p] !== ':') return 3;
    const entry = this.find(leaf, subleaf);
    let s = p + 1;
    while (s < str.length) {
      // str[2] may lie past the end (C reads on): 'x' is never there.
      if (str[s] !== 'e' || str[s + 2] !== 'x') return 4;
      const value = s + 1 < str.length ? str.charCodeAt(s + 1) - 0x61 : -0x61;
      const eq = str.indexOf('=', s);
      if (value < 0 || value > 3 || eq < 0) return 4;
      const v = eq + 1;
      const comma = str.indexOf(',', v);
      const end = comma < 0 ? str.length : comma;
      if (byteLength(str.slice(v, end)) !== 32) return 5;
      entry.regs[value] = str.slice(v, end);
      if (end === str.length) break;
      s = end + 1;
      while (str[s] === ' ' || str[s] === '\n') s++;
    }
    return 0;
  }

  /**
   * libxl_cpuid_parse_config: 0, or 1 (no '='), 2 (an unknown name), 3 (a
   * value that is neither a number nor x, k or s; for an MSR bit: not one
   * of 0, 1, x, k, s).
   */
  parseFlag(str: string): number {
    const sep = str.indexOf('=');
    if (sep < 0) return 1;
    const key = str.slice(0, sep);
    const val = str.slice(sep + 1);
    const t = this.table;
    const flag = t.flags.get(key);
    if (flag) return this.add(flag, val, key);
    if (t.form === 'list' || !t.features || !t.words) return 2;
    const bit = t.features.get(key);
    if (bit === undefined) return 2;
    const word = t.words[bit >> 5];
    if (!word) return 2;
    if (word.kind === 'cpuid') return this.add({ name: key, leaf: word.leaf, subleaf: word.subleaf, reg: word.reg, bit: bit % 32, length: 1 }, val, key);
    return this.addMsr(word.index, (bit % 32) + (word.high ? 32 : 0), val);
  }

  /** cpuid_add (the body of libxl_cpuid_parse_config before the policy releases). */
  private add(flag: Flag, val: string, key: string): number {
    const entry = this.find(flag.leaf, flag.subleaf);
    const n = strtoul(val, 0, 0);
    let num = n.value;
    const flags: string[] = new Array<string>(flag.length);
    const list = this.table.form === 'list';
    if (n.end !== 0) {
      for (let i = 0; i < flag.length; i++) {
        // Before the policy releases the bit was tested with (1 << i), an int: bit 31 stands for bits 31-63.
        const set = list && i === 31 ? num >> 31n !== 0n : ((num >> BigInt(i)) & 1n) === 1n;
        flags[flag.length - 1 - i] = set ? '1' : '0';
      }
    } else {
      const c = val[0];
      if (c !== 'x' && c !== 'k' && c !== 's') return 3;
      flags.fill(c);
    }
    const res = (entry.regs[flag.reg] ?? 'x'.repeat(32)).split('');
    const put = (at: number, chars: string[] | string) => {
      for (let i = 0; i < chars.length; i++) res[at + i] = chars[i];
    };
    // Before the policy releases the names were compared as prefixes of what the user wrote.
    const isFamily = list ? 'family'.startsWith(key) : flag.name === 'family';
    const isModel = list ? 'model'.startsWith(key) : flag.name === 'model';
    if (isFamily) {
      if (num < 16n) {
        put(32 - 4 - flag.bit, flags.slice(4, 8));
        put(32 - 8 - 20, '00000000');
      } else {
        num -= 15n;
        put(32 - 4 - flag.bit, '1111');
        for (let i = 0; i < 7; i++) {
          flags[7 - i] = (num & 1n) === 1n ? '1' : '0';
          num >>= 1n;
        }
        put(32 - 8 - 20, flags.slice(0, 8));
      }
    } else if (isModel) {
      put(32 - 4 - 16, flags.slice(0, 4));
      put(32 - 4 - flag.bit, flags.slice(4, 8));
    } else {
      put(32 - flag.length - flag.bit, flags);
    }
    entry.regs[flag.reg] = res.join('');
    return 0;
  }

  /** msr_add: one bit of an MSR's 64-character policy. */
  private addMsr(index: number, bit: number, val: string): number {
    this.msrs ??= [];
    let entry = this.msrs.find((m) => m.index === index);
    if (!entry) {
      entry = { index, policy: new Array<string>(64).fill('x') };
      this.msrs.push(entry);
    }
    if (byteLength(val) !== 1) return 3;
    const c = val[0];
    if (c === '0' || c === '1' || c === 'x' || c === 'k') entry.policy[63 - bit] = c;
    else if (c === 's') entry.policy[63 - bit] = 'k';
    else return 3;
    return 0;
  }

  /** libxl__cpuid_policy_is_empty: libxl leaves the field out of its JSON. */
  isEmpty(): boolean {
    return this.visible().length === 0 && !this.msrs;
  }

  /** The JSON libxl prints for the list (undefined when it prints nothing). */
  json(): LibxlValue | undefined {
    if (this.isEmpty()) return undefined;
    const leaves = this.visible().map((e) => {
      const o: { [k: string]: LibxlValue } = { leaf: e.leaf };
      if (e.subleaf !== CPUID_UNUSED) o.subleaf = e.subleaf;
      e.regs.forEach((r, i) => {
        if (r !== null) o[REGS[i]] = r;
      });
      return o;
    });
    if (this.table.form === 'list') return leaves;
    return { cpuid: leaves, msr: (this.msrs ?? []).map((m) => ({ index: m.index, policy: m.policy.join('') })) };
  }
}
