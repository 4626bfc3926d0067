/**
 * libxl's types per Xen release, as its JSON generator sees them
 * (server/data/libxl-idl.json, generated from Xen's libxl_types.idl by
 * scripts/gen-libxl-idl.mjs): the fields of each struct in IDL order with
 * what counts as their default, the values of each enumeration, how each
 * builtin type prints, and per release which JSON library libxl prefers and
 * how xl wraps what it prints.
 *
 * Type names are libxl's (libxl_domain_build_info, libxl_tsc_mode), builtins
 * by the IDL's names (int, uint32, uint64, bool, string, libxl_defbool,
 * libxl_bitmap, ...; MemKB is a uint64 whose default is LIBXL_MEMKB_DEFAULT),
 * arrays as "T[]", anonymous structs by their path: the "hvm" member of
 * libxl_domain_build_info's keyed union "type" is
 * "libxl_domain_build_info.type.hvm", its arch_arm struct
 * "libxl_domain_build_info.arch_arm".
 *
 * Only what libxl's JSON has is here: const fields (u.pv.features) and
 * fields of private types are never printed and are left out.
 */
import data from '../../data/libxl-idl.json';
import type { LibxlValue } from './xl/types';
import { newestPatch, XEN_RELEASES } from './xenReleases';
import type { XenVersion } from './xenVersion';

/** When a field is printed: aggregates always, arrays when they have elements, the rest when they differ from `default`. */
export type LibxlPrint = 'always' | 'nonempty' | 'changed';

export interface LibxlField {
  kind: 'field';
  /** The JSON key. */
  name: string;
  /** A libxl type name, a builtin name, or "T[]". */
  type: string;
  print: LibxlPrint;
  /** For print 'changed': the value libxl leaves out, in the JSON representation (integers beyond 2^53 as bigint). */
  default?: LibxlValue;
}

/** A keyed union: printed as one member, under the key "union.member" (e.g. "type.hvm"). */
export interface LibxlUnion {
  kind: 'union';
  /** The key variable's name ("type", "connection"). */
  name: string;
  /** The key's enumeration. */
  enum: string;
  /** The member printed when the object names none (the key's initial value); null: none is printed. */
  default: string | null;
  /** Member name -> its struct type (null: an empty struct, printed as {}). */
  members: Readonly<Record<string, string | null>>;
}

export type LibxlMember = LibxlField | LibxlUnion;

export interface LibxlStruct {
  kind: 'struct';
  name: string;
  members: readonly LibxlMember[];
}

export interface LibxlEnumValue {
  /** libxl's string for the value (what the JSON has): "hvm", "always_emulate", "128". */
  name: string;
  value: number;
}

export interface LibxlEnum {
  kind: 'enum';
  name: string;
  values: readonly LibxlEnumValue[];
}

export type LibxlType = LibxlStruct | LibxlEnum;

/** How a builtin prints: the generator functions of libxl (yajl, and json-c from 4.21) and, for integers, the C type. */
export interface LibxlBuiltin {
  name: string;
  /** 's32', 'u8', 'u16', 'u32', 'u64' for integers. */
  ctype?: string;
  gen: string;
  jsonc: string | null;
}

export interface LibxlRelease {
  /** The point release whose IDL this is ("4.17.7"). */
  release: string;
  /** The JSON library libxl's configure prefers (json-c when installed, from 4.21). */
  library: 'yajl' | 'json-c';
  /** 'wrapped': xl -N prints {"domid": null, "config": CONFIG} (4.5); 'bare': the config itself. */
  xl: 'bare' | 'wrapped';
  /** The JSON form of libxl_cpuid_policy_list: 'list' (an array of leaves) or 'policy' ({"cpuid": [...], "msr": [...]}). */
  cpuid: 'list' | 'policy';
  types: ReadonlyMap<string, LibxlType>;
  builtins: ReadonlyMap<string, LibxlBuiltin>;
}

/** A config libxl's JSON cannot be made from (an unknown field, a wrong value, a release without libxl JSON). */
export class LibxlJsonError extends Error {
  constructor(
    message: string,
    /** Where in the object, as JSON keys joined with '.' ("b_info.type.hvm.vga.kind"). */
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

/** The oldest release data exists for: xl prints libxl's own JSON from 4.5. */
export const LIBXL_JSON_FIRST = '4.5.0';

type Range = readonly [string, string];
type DataRecord = { ranges: Range[] } & Record<string, unknown>;

const RECORDS = data.records as unknown as DataRecord[];
const RELEASES = XEN_RELEASES.map((r) => r.join('.'));
const NEWEST = RELEASES[RELEASES.length - 1];

function cmp(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

function alive(r: DataRecord, release: string): boolean {
  return r.ranges.some(([a, b]) => cmp(release, a) >= 0 && cmp(release, b || NEWEST) <= 0);
}

/** The point release a version stands for: "4.17" is the newest 4.17.x; seed-2014 reads as 4.5.0 (channels were merged in 4.5). */
export function libxlReleaseOf(xen: XenVersion): string {
  if (xen.kind === 'seed') return LIBXL_JSON_FIRST;
  const patch = xen.patch ?? newestPatch(xen.major, xen.minor);
  if (patch === undefined) throw new LibxlJsonError(`Xen ${xen.major}.${xen.minor} is not a release xlcfg knows`);
  const r = `${xen.major}.${xen.minor}.${patch}`;
  if (cmp(r, LIBXL_JSON_FIRST) < 0) throw new LibxlJsonError(`xl ${r} prints no libxl JSON (xlcfg knows libxl's types from ${LIBXL_JSON_FIRST})`);
  return r;
}

/** Integers beyond 2^53 are decimal strings in the data: bigint here. */
function intValue(type: string, v: unknown): LibxlValue {
  if (typeof v === 'string' && /^-?\d+$/.test(v) && INT_TYPES.has(type)) return BigInt(v);
  return v as LibxlValue;
}
const INT_TYPES = new Set(['int', 'uint8', 'uint16', 'uint32', 'uint64', 'size_t', 'libxl_domid', 'libxl_devid', 'libxl_ev_user']);

const cache = new Map<string, LibxlRelease>();

function build(release: string): LibxlRelease {
  let info: { library: 'yajl' | 'json-c'; xl: 'bare' | 'wrapped'; cpuid: 'list' | 'policy' } | undefined;
  const types = new Map<string, LibxlType>();
  const builtins = new Map<string, LibxlBuiltin>();
  for (const r of RECORDS) {
    if (!alive(r, release)) continue;
    if (r.release) info = r.release as typeof info;
    else if (typeof r.builtin === 'string') builtins.set(r.builtin, { name: r.builtin, ctype: r.ctype as string | undefined, gen: r.gen as string, jsonc: r.jsonc as string | null });
    else if (typeof r.type === 'string' && typeof r.kind === 'string') {
      types.set(r.type, r.kind === 'enum' ? { kind: 'enum', name: r.type, values: [] } : { kind: 'struct', name: r.type, members: [] });
    } else if (typeof r.in === 'string') {
      const t = types.get(r.in);
      if (!t) throw new Error(`libxl-idl.json: ${r.in} has records before its type at ${release}`);
      if (t.kind === 'enum') (t.values as LibxlEnumValue[]).push({ name: r.value as string, value: r.num as number });
      else if (typeof r.union === 'string') {
        (t.members as LibxlMember[]).push({ kind: 'union', name: r.union, enum: r.enum as string, default: r.default as string | null, members: r.members as Record<string, string | null> });
      } else {
        const f: LibxlField = { kind: 'field', name: r.field as string, type: r.type as string, print: r.print as LibxlPrint };
        if (r.print === 'changed') f.default = intValue(f.type, r.default);
        (t.members as LibxlMember[]).push(f);
      }
    }
  }
  if (!info) throw new Error(`libxl-idl.json has nothing for ${release}`);
  return { release, ...info, types, builtins };
}

/** Everything about one release's libxl JSON (throws LibxlJsonError before 4.5). */
export function libxlRelease(xen: XenVersion): LibxlRelease {
  const release = libxlReleaseOf(xen);
  let r = cache.get(release);
  if (!r) {
    r = build(release);
    cache.set(release, r);
  }
  return r;
}

/** A struct or enumeration of a release (undefined: the release has no such type). */
export function libxlType(name: string, xen: XenVersion): LibxlType | undefined {
  return libxlRelease(xen).types.get(name);
}

/** The values of an enumeration at a release, in IDL order (undefined: no such enumeration), e.g. libxlEnumValues('libxl_tsc_mode', xen). */
export function libxlEnumValues(name: string, xen: XenVersion): readonly LibxlEnumValue[] | undefined {
  const t = libxlType(name, xen);
  return t?.kind === 'enum' ? t.values : undefined;
}

/** The printed fields and keyed unions of a struct at a release, in IDL order (undefined: no such struct). */
export function libxlFields(struct: string, xen: XenVersion): readonly LibxlMember[] | undefined {
  const t = libxlType(struct, xen);
  return t?.kind === 'struct' ? t.members : undefined;
}

/**
 * A struct's member for a JSON key: a field ("max_memkb"), or a keyed union
 * by one of its member keys ("type.hvm") or by its key name ("type").
 */
export function libxlMember(struct: string, key: string, xen: XenVersion): LibxlMember | undefined {
  const members = libxlFields(struct, xen);
  if (!members) return undefined;
  const dot = key.indexOf('.');
  for (const m of members) {
    if (m.kind === 'field' && m.name === key) return m;
    if (m.kind === 'union') {
      if (m.name === key) return m;
      if (dot > 0 && key.slice(0, dot) === m.name && Object.prototype.hasOwnProperty.call(m.members, key.slice(dot + 1))) return m;
    }
  }
  return undefined;
}

/** Whether libxl's JSON of a release has the key in the struct ("max_memkb", "type.pvh", "type"). */
export function libxlHasField(struct: string, key: string, xen: XenVersion): boolean {
  return libxlMember(struct, key, xen) !== undefined;
}

/**
 * The value libxl leaves out for a field (LIBXL_MEMKB_DEFAULT's 18446744073709551615n
 * for b_info.max_memkb, "default" for a defbool, null for a string, [] for a
 * bitmap or a string list, the enumeration's name for its initial value).
 * Undefined when the field is always printed (structs), is an array (printed
 * when it has elements), or does not exist at that release.
 */
export function libxlFieldDefault(struct: string, key: string, xen: XenVersion): LibxlValue | undefined {
  const m = libxlMember(struct, key, xen);
  return m?.kind === 'field' && m.print === 'changed' ? m.default : undefined;
}

/**
 * The type reached from libxl_domain_config (or `from`) by JSON keys, array
 * indices skipped: ['b_info', 'type.hvm', 'vnc'] -> 'libxl_vnc_info',
 * ['nics', 'mac'] -> 'libxl_mac'. Undefined when a key does not exist at the release.
 */
export function libxlTypeAt(path: readonly string[], xen: XenVersion, from = 'libxl_domain_config'): string | undefined {
  let type = from;
  for (const key of path) {
    type = type.replace(/(\[\])+$/, '');
    const m = libxlMember(type, key, xen);
    if (!m) return undefined;
    if (m.kind === 'field') type = m.type;
    else {
      const member = key.slice(key.indexOf('.') + 1);
      const t = key === m.name ? m.enum : m.members[member];
      if (!t) return undefined;
      type = t;
    }
  }
  return type.replace(/(\[\])+$/, '');
}
