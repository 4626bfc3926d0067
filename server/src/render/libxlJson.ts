/**
 * What `xl -N create` prints: libxl_domain_config_to_json of the config xl
 * built (model/xl), for the target release, byte for byte.
 *
 * The object is a libxl_domain_config as plain data (LibxlValue, see
 * model/xl/types.ts): struct fields by IDL name, keyed unions as their one
 * "key.member" ("type.hvm": {...}, "connection.pty": {}) and/or their key
 * variable ("type": "hvm", which selects the member and is not printed
 * itself: the C key is no JSON field), enumerations by
 * libxl's lower-case name (a number is taken as the C value: libxl prints
 * its name, or null when it has none), defbools "True"/"False"/"default" (or
 * true/false), bitmaps as arrays of set bits, string lists as arrays,
 * key-value lists as objects (or [key, value] pairs), uuids and macs as
 * their text, libxl_cpuid_policy_list in the release's own JSON form.
 * Integers are numbers, or bigints beyond 2^53; they are stored as the
 * field's C type stores them (-1 in a uint32 is 4294967295).
 *
 * Printing follows libxl's generator (gentypes.py): fields in the release's
 * IDL order; a field equal to its default is left out, as is an absent one;
 * structs are always printed, arrays when they have elements. A field the
 * release does not have, or a value of the wrong kind, throws LibxlJsonError:
 * xl could never print it.
 *
 * Text: yajl's beautified form up to 4.20 (and what 4.21+ print when built
 * without json-c), json-c's pretty form from 4.21 (see jsonGen.ts); 4.5's xl
 * wraps the config as {"domid": null, "config": ...}. Strings are JS strings:
 * xl writes the bytes it has (UTF-8 for a UTF-8 config) without escaping
 * anything from 0x7f on, so the text's UTF-8 encoding is xl's output.
 */
import {
  libxlRelease,
  LibxlJsonError,
  type LibxlBuiltin,
  type LibxlField,
  type LibxlRelease,
  type LibxlStruct,
  type LibxlUnion,
} from '../model/libxlIdl';
import type { LibxlValue } from '../model/xl/types';
import type { XenVersion } from '../model/xenVersion';
import { jsonText, type JsonLibrary, type JsonNode } from './jsonGen';

export {
  LibxlJsonError,
  libxlEnumValues,
  libxlFieldDefault,
  libxlFields,
  libxlHasField,
  libxlMember,
  libxlRelease,
  libxlType,
  libxlTypeAt,
} from '../model/libxlIdl';
export type { JsonLibrary } from './jsonGen';

export interface LibxlJsonOptions {
  /**
   * The JSON library libxl was built with. Default: what the release's
   * configure prefers: json-c (0.17 or later) from 4.21, yajl before.
   */
  library?: JsonLibrary;
}

/**
 * A JSON value as xl prints it: objects with keys in print order, integers
 * as numbers (bigint beyond 2^53). One caveat of JS objects: keys that look
 * like array indices ("0", "12") come first whatever their order; only a
 * key-value list (c_info.xsdata, platformdata) can have such keys, and the
 * text has them in libxl's order.
 */
export type LibxlJson = string | number | bigint | boolean | null | LibxlJson[] | { [key: string]: LibxlJson };

type Obj = { [field: string]: LibxlValue };

/** The text `xl -N create` prints for the config at a release. */
export function libxlJsonText(config: Obj, xen: XenVersion, options: LibxlJsonOptions = {}): string {
  const rel = libxlRelease(xen);
  const library = options.library ?? (rel.library === 'json-c' ? 'json-c' : 'yajl');
  return jsonText(printed(config, rel, library), library);
}

/** The same as libxlJsonText, as a plain ordered value (JSON.parse of the text, integers exact). */
export function libxlJsonValue(config: Obj, xen: XenVersion, options: LibxlJsonOptions = {}): LibxlJson {
  const rel = libxlRelease(xen);
  const library = options.library ?? (rel.library === 'json-c' ? 'json-c' : 'yajl');
  return plain(printed(config, rel, library));
}

/** The node xl prints: the config, wrapped on 4.5. */
function printed(config: Obj, rel: LibxlRelease, library: JsonLibrary): JsonNode {
  const g = new Generator(rel, library !== 'yajl');
  const node = g.struct('libxl_domain_config', config, '');
  if (rel.xl === 'wrapped') return { t: 'map', entries: [['domid', { t: 'null' }], ['config', node]] };
  return node;
}

function plain(n: JsonNode): LibxlJson {
  switch (n.t) {
    case 'map': {
      const o: { [key: string]: LibxlJson } = {};
      for (const [k, v] of n.entries) o[k] = plain(v);
      return o;
    }
    case 'array':
      return n.items.map(plain);
    case 'string':
      return n.s;
    case 'int':
      return n.n >= BigInt(Number.MIN_SAFE_INTEGER) && n.n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n.n) : n.n;
    case 'bool':
      return n.b;
    case 'null':
      return null;
  }
}

const CTYPES: Record<string, [bits: number, signed: boolean]> = {
  s32: [32, true],
  u8: [8, false],
  u16: [16, false],
  u32: [32, false],
  u64: [64, false],
};

/** Every builtin generator function this printer implements (a test checks the data names no other). */
export const LIBXL_GEN_FUNCTIONS: ReadonlySet<string> = new Set([
  'yajl_gen_integer',
  'libxl__uint64_gen_json',
  'yajl_gen_bool',
  'libxl__string_gen_json',
  'libxl_defbool_gen_json',
  'libxl_uuid_gen_json',
  'libxl_mac_gen_json',
  'libxl_bitmap_gen_json',
  'libxl_cpuid_policy_list_gen_json',
  'libxl_string_list_gen_json',
  'libxl_key_value_list_gen_json',
  'libxl_hwcap_gen_json',
  'libxl_ms_vm_genid_gen_json',
  'libxl__int_gen_jso',
  'libxl__uint64_gen_jso',
  'libxl__boolean_gen_jso',
  'libxl__string_gen_jso',
  'libxl_defbool_gen_jso',
  'libxl_uuid_gen_jso',
  'libxl_mac_gen_jso',
  'libxl_bitmap_gen_jso',
  'libxl_cpuid_policy_list_gen_jso',
  'libxl_string_list_gen_jso',
  'libxl_key_value_list_gen_jso',
  'libxl_hwcap_gen_jso',
  'libxl_ms_vm_genid_gen_jso',
]);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (s: string): JsonNode => ({ t: 'string', s });
const int = (n: bigint): JsonNode => ({ t: 'int', n });
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const describe = (v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v));

/** Prints values of one release's types the way its generated *_gen_json functions do. */
class Generator {
  constructor(
    readonly rel: LibxlRelease,
    /** json-c's functions (from 4.21, when libxl was built with json-c). */
    readonly jsonc: boolean,
  ) {}

  fail(path: string, message: string): never {
    throw new LibxlJsonError(message, path);
  }

  /** A struct: its members in IDL order, defaults left out. */
  struct(type: string, value: unknown, path: string): JsonNode {
    const t = this.rel.types.get(type);
    if (!t || t.kind !== 'struct') this.fail(path, `${type} is not a struct of libxl ${this.rel.release}`);
    if (value === undefined) value = {};
    if (!isObj(value)) this.fail(path, `${type} must be an object, not ${describe(value)}`);
    this.checkKeys(t, value, path);
    const entries: Array<[string, JsonNode]> = [];
    for (const m of t.members) {
      if (m.kind === 'union') {
        const u = this.union(m, value, path);
        if (u) entries.push(u);
        continue;
      }
      const v = value[m.name];
      const p = join(path, m.name);
      if (m.print === 'always') entries.push([m.name, this.value(m.type, v, p)]);
      else if (m.print === 'nonempty') {
        if (v === undefined || v === null) continue;
        if (!Array.isArray(v)) this.fail(p, `${m.type} must be an array, not ${describe(v)}`);
        if (v.length) entries.push([m.name, this.value(m.type, v, p)]);
      } else if (v !== undefined && !this.isDefault(m, v, p)) entries.push([m.name, this.value(m.type, v, p)]);
    }
    return { t: 'map', entries };
  }

  /** Every key of the object must be a member of the struct at this release. */
  checkKeys(t: LibxlStruct, value: Obj, path: string): void {
    for (const key of Object.keys(value)) {
      if (value[key] === undefined) continue;
      const ok = t.members.some((m) => {
        if (m.kind === 'field' || m.name === key) return m.name === key;
        const dot = key.indexOf('.');
        return dot > 0 && key.slice(0, dot) === m.name && Object.prototype.hasOwnProperty.call(m.members, key.slice(dot + 1));
      });
      if (!ok) this.fail(join(path, key), `libxl ${this.rel.release} has no ${key} in ${t.name}: xl could not print it`);
    }
  }

  /**
   * A keyed union: the member the object has ("type.hvm") or its key names
   * ("type": "hvm", never printed itself: it is the C key variable), else the
   * key's initial one. None when the key's value has no member.
   */
  union(m: LibxlUnion, value: Obj, path: string): [string, JsonNode] | undefined {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined && k.startsWith(`${m.name}.`));
    if (keys.length > 1) this.fail(path, `a keyed union has one member, not ${keys.join(' and ')}`);
    let member = keys.length ? keys[0].slice(m.name.length + 1) : m.default;
    const selector = value[m.name];
    if (selector !== undefined) {
      const p = join(path, m.name);
      const n = this.enumNumber(m.enum, selector, p);
      const t = this.rel.types.get(m.enum);
      const name = t?.kind === 'enum' ? t.values.find((x) => BigInt(x.value) === n)?.name : undefined;
      const selected = name !== undefined && Object.prototype.hasOwnProperty.call(m.members, name) ? name : null;
      if (keys.length && selected !== member) this.fail(p, `${m.name} is ${describe(selector)} but the object has ${keys[0]}`);
      member = selected;
    }
    if (member === null) return undefined;
    const key = `${m.name}.${member}`;
    const type = m.members[member];
    const v = value[key];
    if (type === null) {
      if (v !== undefined && !(isObj(v) && Object.keys(v).every((k) => v[k] === undefined))) this.fail(join(path, key), `${key} has no fields: it must be {}`);
      return [key, { t: 'map', entries: [] }];
    }
    return [key, this.struct(type, v, join(path, key))];
  }

  builtin(type: string, path: string): LibxlBuiltin {
    const b = this.rel.builtins.get(type);
    if (!b) this.fail(path, `libxl ${this.rel.release} has no type ${type}`);
    return b;
  }

  /** The builtin's generator function in the library used. */
  genOf(b: LibxlBuiltin): string {
    const fn = this.jsonc ? b.jsonc : b.gen;
    if (!fn) throw new LibxlJsonError(`libxl ${this.rel.release} has no json-c generator: it is built with yajl`);
    return fn;
  }

  /** An integer as the C type stores it. */
  cint(b: LibxlBuiltin, v: unknown, path: string): bigint {
    const ct = b.ctype ? CTYPES[b.ctype] : undefined;
    if (!ct) this.fail(path, `${b.name} is not an integer type`);
    return store(toBig(v, path, b.name), ct);
  }

  /** Whether a 'changed' field's value is the one libxl leaves out (compared as C compares them). */
  isDefault(f: LibxlField, v: LibxlValue, path: string): boolean {
    return this.key(f.type, v, path) === this.key(f.type, f.default ?? null, path);
  }

  /** A value's identity for the default comparison: integers and enumerations by number, the rest by their JSON. */
  key(type: string, v: unknown, path: string): string {
    const t = this.rel.types.get(type);
    if (t?.kind === 'enum') return `e${this.enumNumber(type, v, path)}`;
    if (!t) {
      const b = this.builtin(type, path);
      if (b.ctype) return `i${this.cint(b, v, path)}`;
      if (type === 'string' && (v === null || v === undefined)) return 'null';
    }
    return jsonText(this.value(type, v, path), 'yajl');
  }

  enumNumber(type: string, v: unknown, path: string): bigint {
    const t = this.rel.types.get(type);
    if (t?.kind !== 'enum') this.fail(path, `${type} is not an enumeration`);
    if (typeof v === 'string') {
      const e = t.values.find((x) => x.name === v);
      if (!e) this.fail(path, `${describe(v)} is not a value of ${type} in libxl ${this.rel.release} (${t.values.map((x) => x.name).join(', ')})`);
      return BigInt(e.value);
    }
    return store(toBig(v, path, type), [32, true]);
  }

  /** Any value of a type, printed whatever it is (array elements, struct fields that differ from their default). */
  value(type: string, v: unknown, path: string): JsonNode {
    if (type.endsWith('[]')) {
      const elem = type.slice(0, -2);
      if (!Array.isArray(v)) this.fail(path, `${type} must be an array, not ${describe(v)}`);
      return { t: 'array', items: v.map((x, i) => this.value(elem, x, `${path}[${i}]`)) };
    }
    const t = this.rel.types.get(type);
    if (t?.kind === 'struct') return this.struct(type, v, path);
    if (t?.kind === 'enum') {
      const n = this.enumNumber(type, v, path);
      const e = t.values.find((x) => BigInt(x.value) === n);
      return e ? str(e.name) : { t: 'null' };
    }
    return this.builtinValue(this.builtin(type, path), v, path);
  }

  builtinValue(b: LibxlBuiltin, v: unknown, path: string): JsonNode {
    const fn = this.genOf(b);
    switch (fn) {
      case 'yajl_gen_integer':
        return int(BigInt.asIntN(64, this.cint(b, v, path)));
      case 'libxl__int_gen_jso':
        return int(BigInt.asIntN(32, this.cint(b, v, path)));
      case 'libxl__uint64_gen_json':
      case 'libxl__uint64_gen_jso':
        return int(BigInt.asUintN(64, this.cint(b, v, path)));
      case 'yajl_gen_bool':
      case 'libxl__boolean_gen_jso':
        if (typeof v !== 'boolean') this.fail(path, `bool must be true or false, not ${describe(v)}`);
        return { t: 'bool', b: v };
      case 'libxl__string_gen_json':
      case 'libxl__string_gen_jso':
        if (v === null || v === undefined) return { t: 'null' };
        if (typeof v !== 'string') this.fail(path, `string must be a string, not ${describe(v)}`);
        return str(v);
      case 'libxl_defbool_gen_json':
      case 'libxl_defbool_gen_jso':
        if (v === true || v === 'True') return str('True');
        if (v === false || v === 'False') return str('False');
        if (v === 'default' || v === undefined || v === null) return str('<default>');
        return this.fail(path, `a defbool is "True", "False" or "default", not ${describe(v)}`);
      case 'libxl_uuid_gen_json':
      case 'libxl_uuid_gen_jso':
        if (v === undefined || v === null) return str('00000000-0000-0000-0000-000000000000');
        if (typeof v !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) this.fail(path, `a uuid is xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, not ${describe(v)}`);
        return str(v.toLowerCase());
      case 'libxl_mac_gen_json':
      case 'libxl_mac_gen_jso':
        if (v === undefined || v === null) return str('00:00:00:00:00:00');
        if (typeof v !== 'string' || !/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(v)) this.fail(path, `a mac is xx:xx:xx:xx:xx:xx, not ${describe(v)}`);
        return str(v.toLowerCase());
      case 'libxl_bitmap_gen_json':
      case 'libxl_bitmap_gen_jso':
        return { t: 'array', items: bits(v, path).map((n) => int(BigInt(n))) };
      case 'libxl_string_list_gen_json':
      case 'libxl_string_list_gen_jso':
        if (v === undefined || v === null) return { t: 'array', items: [] };
        if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) this.fail(path, `a string list is an array of strings, not ${describe(v)}`);
        return { t: 'array', items: v.map(str) };
      case 'libxl_key_value_list_gen_json':
      case 'libxl_key_value_list_gen_jso':
        return { t: 'map', entries: pairs(v, path).map(([k, x]): [string, JsonNode] => [k, x === null ? { t: 'null' } : str(x)]) };
      case 'libxl_hwcap_gen_json':
      case 'libxl_hwcap_gen_jso': {
        const a = v === undefined || v === null ? [0, 0, 0, 0] : v;
        if (!Array.isArray(a) || a.length !== 4) this.fail(path, `a hwcap is 4 integers, not ${describe(v)}`);
        return { t: 'array', items: a.map((x, i) => int(this.jsonc ? BigInt.asIntN(32, store(toBig(x, `${path}[${i}]`, 'uint32'), [32, false])) : store(toBig(x, `${path}[${i}]`, 'uint32'), [32, false]))) };
      }
      case 'libxl_ms_vm_genid_gen_json':
      case 'libxl_ms_vm_genid_gen_jso': {
        const a = v === undefined || v === null ? new Array(16).fill(0) : v;
        if (!Array.isArray(a) || a.length !== 16) this.fail(path, `a VM generation id is 16 bytes, not ${describe(v)}`);
        return { t: 'array', items: a.map((x, i) => int(store(toBig(x, `${path}[${i}]`, 'uint8'), [8, false]))) };
      }
      case 'libxl_cpuid_policy_list_gen_json':
      case 'libxl_cpuid_policy_list_gen_jso':
        return this.cpuid(v, path);
      default:
        return this.fail(path, `no printer for libxl's ${fn}`);
    }
  }

  /** libxl_cpuid_policy_list: a list of leaves (up to 4.17.1), {"cpuid": [...], "msr": [...]} after. */
  cpuid(v: unknown, path: string): JsonNode {
    const u32 = (x: unknown, p: string) => {
      const n = store(toBig(x, p, 'uint32'), [32, false]);
      return int(this.jsonc ? BigInt.asIntN(32, n) : n);
    };
    const leaves = (list: unknown, p: string): JsonNode => {
      if (list === undefined || list === null) return { t: 'array', items: [] };
      if (!Array.isArray(list)) this.fail(p, `cpuid leaves are an array, not ${describe(list)}`);
      return {
        t: 'array',
        items: list.map((leaf, i) => {
          const q = `${p}[${i}]`;
          if (!isObj(leaf)) this.fail(q, `a cpuid leaf is an object, not ${describe(leaf)}`);
          for (const k of Object.keys(leaf)) if (leaf[k] !== undefined && !CPUID_KEYS.includes(k)) this.fail(`${q}.${k}`, `a cpuid leaf has ${CPUID_KEYS.join(', ')}`);
          const entries: Array<[string, JsonNode]> = [];
          for (const k of CPUID_KEYS) {
            const x = leaf[k];
            if (x === undefined || x === null) continue;
            if (k === 'leaf' || k === 'subleaf') entries.push([k, u32(x, `${q}.${k}`)]);
            else {
              if (typeof x !== 'string' || x.length !== 32) this.fail(`${q}.${k}`, `a cpuid register policy is 32 characters, not ${describe(x)}`);
              entries.push([k, str(x)]);
            }
          }
          return { t: 'map', entries };
        }),
      };
    };
    if (this.rel.cpuid === 'list') return leaves(v, path);
    if (v === undefined || v === null) v = {};
    if (!isObj(v)) this.fail(path, `libxl ${this.rel.release}'s cpuid policy is {"cpuid": [...], "msr": [...]}, not ${describe(v)}`);
    for (const k of Object.keys(v)) if (v[k] !== undefined && k !== 'cpuid' && k !== 'msr') this.fail(`${path}.${k}`, 'a cpuid policy has cpuid and msr');
    const msr = v.msr ?? [];
    if (!Array.isArray(msr)) this.fail(`${path}.msr`, `msr is an array, not ${describe(msr)}`);
    const msrs: JsonNode = {
      t: 'array',
      items: msr.map((m, i) => {
        const q = `${path}.msr[${i}]`;
        if (!isObj(m) || Object.keys(m).some((k) => k !== 'index' && k !== 'policy')) this.fail(q, 'an msr is {"index": N, "policy": "..."}');
        if (typeof m.policy !== 'string' || m.policy.length !== 64) this.fail(`${q}.policy`, `an msr policy is 64 characters, not ${describe(m.policy)}`);
        return { t: 'map', entries: [['index', u32(m.index, `${q}.index`)], ['policy', str(m.policy)]] };
      }),
    };
    return { t: 'map', entries: [['cpuid', leaves(v.cpuid, `${path}.cpuid`)], ['msr', msrs]] };
  }
}

const CPUID_KEYS = ['leaf', 'subleaf', 'eax', 'ebx', 'ecx', 'edx'];

function toBig(v: unknown, path: string, type: string): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new LibxlJsonError(`${type} needs an exact integer, not ${v} (use a bigint beyond 2^53)`, path);
    return BigInt(v);
  }
  throw new LibxlJsonError(`${type} must be an integer, not ${describe(v)}`, path);
}

/** The value a C integer type stores (assignment wraps). */
function store(v: bigint, [bits, signed]: [number, boolean]): bigint {
  return signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
}

/** A bitmap's set bits, ascending, each once (libxl_for_each_bit). */
function bits(v: unknown, path: string): number[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new LibxlJsonError(`a bitmap is an array of bit numbers, not ${describe(v)}`, path);
  const set = new Set<number>();
  v.forEach((b, i) => {
    const n = typeof b === 'bigint' ? Number(b) : b;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff) throw new LibxlJsonError(`a bit number is an integer from 0, not ${describe(b)}`, `${path}[${i}]`);
    set.add(n);
  });
  return [...set].sort((a, b) => a - b);
}

/** A key-value list as pairs, in order (an object, or an array of [key, value] when keys look like numbers). */
function pairs(v: unknown, path: string): Array<[string, string | null]> {
  if (v === undefined || v === null) return [];
  const list: unknown[] = Array.isArray(v) ? v : isObj(v) ? Object.entries(v).filter(([, x]) => x !== undefined) : [v];
  return list.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string' || (p[1] !== null && typeof p[1] !== 'string')) {
      throw new LibxlJsonError(`a key-value list has string keys and string (or null) values, not ${describe(p)}`, `${path}[${i}]`);
    }
    return [p[0], p[1]];
  });
}
