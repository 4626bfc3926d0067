// Regenerates server/data/libxl-idl.json: libxl's types as its JSON
// generator prints them (what `xl -N create` prints), for every Xen release
// from 4.5.0 on, from a clone of xen-project/xen (reading only; nothing is
// built). Needs node and python3 (Xen's IDL is Python: each release's own
// idl.py and libxl_types.idl are loaded by scripts/libxl-idl-dump.py).
//
//   node scripts/gen-libxl-idl.mjs XEN_GIT_DIR           write the file
//   node scripts/gen-libxl-idl.mjs XEN_GIT_DIR --check   exit 1 if it is stale
//
// What is read at each RELEASE-x.y.z tag (point releases included: backports
// change the IDL too):
//   libxl_types.idl + idl.py   (tools/libxl before 4.14, tools/libs/light from 4.14)
//   libxl.h, libxl_internal.h  the C macros the IDL's init values name
//   libxl_cpuid.c              which JSON form the cpuid policy has (a list of
//                              leaves up to 4.17; {"cpuid": [...], "msr": [...]} from 4.18)
//   tools/configure.ac         which JSON library libxl prefers (json-c from 4.21)
//   xl's create_domain         whether `xl -N` prints the bare libxl_domain_config
//                              (4.6 on) or {"domid": null, "config": ...} (4.5)
//
// What libxl's generator (gentypes.py: libxl_C_type_gen_json and
// get_default_expr) does with a struct field, written down per field as
// "print":
//   "always"    aggregates (structs, keyed unions) and types whose default
//               check is constant false (libxl_hwcap)
//   "nonempty"  arrays: printed when they have elements
//   "changed"   everything else: printed when the value differs from
//               "default" (the field's init_val, else its type's, else what
//               the type's check_default_fn accepts, else zero / NULL),
//               in the JSON representation (see render/libxlJson.ts)
// const fields and fields of private types are never printed: they are left out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cloneArgs, releaseTags, writeGenerated } from './xenClone.mjs';

const root = new URL('..', import.meta.url).pathname;
const { repo, git, check } = cloneArgs('gen-libxl-idl.mjs');
const OUT = join(root, 'server/data/libxl-idl.json');

/**
 * The files the generator reads at every tag, fetched with two git processes
 * (cat-file --batch-check for the blob ids, --batch for the distinct blobs):
 * one git call per file and tag is minutes on a busy machine.
 */
const FILES = [
  'tools/libs/light/idl.py',
  'tools/libs/light/libxl_types.idl',
  'tools/libs/light/libxl_internal.h',
  'tools/libs/light/libxl_cpuid.c',
  'tools/libxl/idl.py',
  'tools/libxl/libxl_types.idl',
  'tools/libxl/libxl.h',
  'tools/libxl/libxl_internal.h',
  'tools/libxl/libxl_cpuid.c',
  'tools/include/libxl.h',
  'tools/configure.ac',
  'tools/xl/xl_vmcontrol.c',
  'tools/libxl/xl_cmdimpl.c',
];
function readTree(tags) {
  const specs = tags.flatMap((t) => FILES.map((f) => `${t}:${f}`));
  const check = execFileSync('git', ['-C', repo, 'cat-file', '--batch-check'], { input: specs.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  const blobOf = new Map();
  specs.forEach((spec, i) => {
    const m = /^([0-9a-f]{40,64}) blob \d+$/.exec(check[i]);
    if (m) blobOf.set(spec, m[1]);
  });
  const ids = [...new Set(blobOf.values())];
  const out = execFileSync('git', ['-C', repo, 'cat-file', '--batch'], { input: ids.join('\n') + '\n', maxBuffer: 1 << 30 });
  const text = new Map();
  let at = 0;
  for (const id of ids) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString('latin1').split(' ');
    if (header[0] !== id) throw new Error(`git cat-file answered ${header.join(' ')} for ${id}`);
    const size = Number(header[2]);
    text.set(id, out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return { blob: (tag, f) => blobOf.get(`${tag}:${f}`), show: (tag, f) => text.get(blobOf.get(`${tag}:${f}`)) };
}

const releases = releaseTags(git, '4.5.0');
const tree = readTree(releases.map((r) => `RELEASE-${r}`));

// ---------------------------------------------------------------- C values

/** C integer types by what the IDL calls them: bits and signedness. */
const CTYPES = {
  int: [32, true],
  uint8: [8, false],
  uint16: [16, false],
  uint32: [32, false],
  uint64: [64, false],
  size_t: [64, false],
  enum: [32, true],
  libxl_domid: [32, false],
  libxl_devid: [32, true],
};
const conv = (v, [bits, signed]) => (signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
/** The usual arithmetic conversions of C for two operand types (after integer promotion). */
function common(a, b) {
  const promote = ([bits, signed]) => (bits < 32 ? [32, true] : [bits, signed]);
  const [x, y] = [promote(a), promote(b)];
  if (x[0] !== y[0]) return x[0] > y[0] ? x : y;
  return [x[0], x[1] && y[1]];
}

/** Evaluates a C constant expression of the few forms libxl's macros have: -1, ~0ULL, (~(uint32_t)0), 2048 * 1024. */
function evalC(text, lookup) {
  const toks = text.replace(/\/\*.*?\*\//g, ' ').match(/0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|[()~\-*+]/g) ?? [];
  let i = 0;
  const literal = (t) => {
    const m = /^(0[xX][0-9a-fA-F]+|\d+)([uUlL]*)$/.exec(t);
    const v = BigInt(m[1]);
    const suf = m[2].toLowerCase();
    const unsigned = suf.includes('u');
    const long = suf.includes('l');
    if (long || v > 0xffffffffn) return { v, t: [64, !unsigned] };
    if (unsigned || v > 0x7fffffffn) return { v, t: [32, !unsigned && v <= 0x7fffffffn] };
    return { v, t: [32, true] };
  };
  const CASTS = { uint32_t: [32, false], uint64_t: [64, false], int: [32, true], uint8_t: [8, false], uint16_t: [16, false] };
  const unary = () => {
    const t = toks[i++];
    if (t === '~') {
      const x = unary();
      return { v: conv(~x.v, x.t), t: x.t };
    }
    if (t === '-') {
      const x = unary();
      return { v: conv(-x.v, x.t), t: x.t };
    }
    if (t === '(') {
      if (CASTS[toks[i]] && toks[i + 1] === ')') {
        const to = CASTS[toks[i]];
        i += 2;
        const x = unary();
        return { v: conv(x.v, to), t: to };
      }
      const x = binary();
      if (toks[i++] !== ')') throw new Error(`cannot evaluate ${text}`);
      return x;
    }
    if (/^\d/.test(t)) return literal(t);
    if (/^[A-Za-z_]/.test(t)) return lookup(t);
    throw new Error(`cannot evaluate ${text}`);
  };
  const binary = () => {
    let x = unary();
    while (toks[i] === '*' || toks[i] === '+' || toks[i] === '-') {
      const op = toks[i++];
      const y = unary();
      const t = common(x.t, y.t);
      const a = conv(x.v, t);
      const b = conv(y.v, t);
      x = { v: conv(op === '*' ? a * b : op === '+' ? a + b : a - b, t), t };
    }
    return x;
  };
  const r = binary();
  if (i !== toks.length) throw new Error(`cannot evaluate ${text}`);
  return r;
}

// ---------------------------------------------------------------- one release

/**
 * The types of every distinct (idl.py, libxl_types.idl) pair, by one run of
 * the Python dumper (Python starts slowly).
 */
function dumpAll(tags) {
  const pairs = new Map();
  for (const tag of tags) {
    const dir = idlDir(tag);
    const key = `${tree.blob(tag, `${dir}/idl.py`)} ${tree.blob(tag, `${dir}/libxl_types.idl`)}`;
    if (!pairs.has(key)) pairs.set(key, { tag, dir });
  }
  const tmp = mkdtempSync(join(tmpdir(), 'libxl-idl-'));
  try {
    const args = [];
    [...pairs.values()].forEach(({ tag, dir }, i) => {
      writeFileSync(join(tmp, `idl${i}.py`), tree.show(tag, `${dir}/idl.py`));
      writeFileSync(join(tmp, `types${i}.idl`), tree.show(tag, `${dir}/libxl_types.idl`));
      args.push(join(tmp, `idl${i}.py`), join(tmp, `types${i}.idl`));
    });
    const out = JSON.parse(execFileSync('python3', [join(root, 'scripts/libxl-idl-dump.py'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }));
    const byKey = new Map([...pairs.keys()].map((k, i) => [k, out[i]]));
    return (tag) => {
      const dir = idlDir(tag);
      return byKey.get(`${tree.blob(tag, `${dir}/idl.py`)} ${tree.blob(tag, `${dir}/libxl_types.idl`)}`);
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const idlDir = (tag) => (tree.blob(tag, 'tools/libs/light/libxl_types.idl') ? 'tools/libs/light' : 'tools/libxl');
const dump = dumpAll(releases.map((r) => `RELEASE-${r}`));

/** `#define NAME value` of libxl's headers at a tag. */
function macros(tag, dir) {
  const out = new Map();
  for (const f of [`${dir}/libxl.h`, 'tools/include/libxl.h', `${dir}/libxl_internal.h`]) {
    const src = tree.show(tag, f);
    if (!src) continue;
    for (const m of src.matchAll(/^#\s*define\s+(LIBXL_\w+)[ \t]+([^\n]*?)\s*$/gm)) if (!out.has(m[1])) out.set(m[1], m[2]);
  }
  return out;
}

/** How each builtin prints: the gen functions gentypes.py calls (yajl; json-c from 4.21). */
const EXPECTED_GEN = {
  int: ['yajl_gen_integer', 'libxl__int_gen_jso'],
  uint8: ['yajl_gen_integer', 'libxl__int_gen_jso'],
  uint16: ['yajl_gen_integer', 'libxl__int_gen_jso'],
  uint32: ['yajl_gen_integer', 'libxl__int_gen_jso'],
  uint64: ['libxl__uint64_gen_json', 'libxl__uint64_gen_jso'],
  size_t: ['yajl_gen_integer', 'libxl__int_gen_jso'],
  bool: ['yajl_gen_bool', 'libxl__boolean_gen_jso'],
  string: ['libxl__string_gen_json', 'libxl__string_gen_jso'],
  libxl_domid: ['yajl_gen_integer', 'libxl__uint64_gen_jso'],
  libxl_devid: ['yajl_gen_integer', 'libxl__int_gen_jso'],
};
const NUMBER_NAMES = { int: 'int', uint8_t: 'uint8', uint16_t: 'uint16', uint32_t: 'uint32', uint64_t: 'uint64', size_t: 'size_t' };

/** What a type's check_default_fn accepts as the default, in the JSON representation ("always": it accepts nothing). */
function checkDefault(fn, release) {
  switch (fn) {
    case 'libxl__defbool_is_default':
      return 'default';
    case 'libxl_uuid_is_nil':
      return '00000000-0000-0000-0000-000000000000';
    case 'libxl__mac_is_default':
      return '00:00:00:00:00:00';
    case 'libxl_bitmap_is_empty':
    case 'libxl__string_list_is_empty':
      return [];
    case 'libxl__cpuid_policy_is_empty':
      return release.cpuid === 'policy' ? { cpuid: [], msr: [] } : [];
    case 'libxl__key_value_list_is_empty':
      return {};
    case 'libxl_ms_vm_genid_is_zero':
      return new Array(16).fill(0);
    case 'libxl__string_is_default':
      return null;
    case 'libxl__hwcap_is_default':
      return 'always';
    default:
      throw new Error(`unknown check_default_fn ${fn}`);
  }
}

/** One release: its types as the JSON generator sees them. */
function releaseView(release) {
  const tag = `RELEASE-${release}`;
  const dir = idlDir(tag);
  const d = dump(tag);
  const defs = macros(tag, dir);
  const cpuidSrc = tree.show(tag, `${dir}/libxl_cpuid.c`);
  const gen = /_gen_json\(yajl_gen hand,[\s\S]*?\n}/.exec(cpuidSrc)?.[0] ?? '';
  const configure = tree.show(tag, 'tools/configure.ac') ?? '';
  const xlFile = ['tools/xl/xl_vmcontrol.c', 'tools/libxl/xl_cmdimpl.c'].find((f) => tree.blob(tag, f));
  const xlSrc = tree.show(tag, xlFile);
  const create = /create_domain\(struct domain_create \*dom_info\)\n\{[\s\S]*?\n\}\n/.exec(xlSrc)?.[0];
  if (!create) throw new Error(`${release}: no create_domain in ${xlFile}`);
  const info = {
    library: /PKG_CHECK_MODULES\(\[libjsonc\]/.test(configure) ? 'json-c' : 'yajl',
    xl: create.includes('libxl_domain_config_to_json') ? 'bare' : 'wrapped',
    cpuid: gen.includes('"msr"') ? 'policy' : 'list',
  };

  const builtins = new Map(d.builtins.map((b) => [b.name, b]));
  const enums = new Map(d.types.filter((t) => t.kind === 'enum').map((t) => [t.typename, t]));
  const enumConst = new Map();
  for (const e of enums.values()) for (const v of e.values) enumConst.set(v.cname, BigInt(v.num));
  const lookup = (name) => {
    if (enumConst.has(name)) return { v: enumConst.get(name), t: CTYPES.enum };
    if (defs.has(name)) return evalC(defs.get(name), lookup);
    throw new Error(`${release}: unknown constant ${name}`);
  };

  /**
   * The JSON type name of a builtin: numbers by their C type when they print
   * the way that C type does (MemKB is a uint64 with an init value), by their
   * own name otherwise (libxl_ev_user: a uint64 printed as a long long).
   */
  const usedBuiltins = new Map();
  const noteBuiltin = (b) => {
    const rec = { gen: b.json_gen_fn, jsonc: b.jsonc_json_gen_fn ?? null };
    let name = b.name;
    if (b.number) {
      const base = NUMBER_NAMES[b.ctype];
      const [y, j] = EXPECTED_GEN[base];
      if (rec.gen === y && (rec.jsonc === null || rec.jsonc === j)) name = base;
      else CTYPES[name] = CTYPES[base];
      rec.ctype = `${CTYPES[base][1] ? 's' : 'u'}${CTYPES[base][0]}`;
    } else if (CTYPES[name]) rec.ctype = `${CTYPES[name][1] ? 's' : 'u'}${CTYPES[name][0]}`;
    if (EXPECTED_GEN[name]) {
      const [y, j] = EXPECTED_GEN[name];
      if (rec.gen !== y || (rec.jsonc !== null && rec.jsonc !== j)) throw new Error(`${release}: ${b.name} prints with ${rec.gen}/${rec.jsonc}, not ${y}/${j}`);
    }
    const old = usedBuiltins.get(name);
    if (old && (old.gen !== rec.gen || old.jsonc !== rec.jsonc || old.ctype !== rec.ctype)) throw new Error(`${release}: two builtins named ${name} print differently`);
    usedBuiltins.set(name, rec);
    return name;
  };

  /** The value of an init_val in the field's C type (undefined: no value of the type compares equal). */
  const initValue = (text, ctype) => {
    const x = evalC(text, lookup);
    const v = conv(x.v, ctype);
    const c = common(ctype, x.t);
    return conv(v, c) === conv(x.v, c) ? v : undefined;
  };
  const intJson = (v) => (v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : String(v));
  const enumJson = (e, num) => e.values.find((v) => BigInt(v.num) === num)?.name ?? intJson(num);

  const types = new Map();
  /** Adds one struct (named or anonymous) and the anonymous types inside it. */
  const addStruct = (name, fields) => {
    const items = [];
    types.set(name, { kind: 'struct', items });
    for (const f of fields) {
      if (f.const || f.private) continue;
      const t = f.type;
      if (t.keyed_union) {
        const ku = t.keyed_union;
        const e = enums.get(ku.keyvar.type.ref);
        if (!e) throw new Error(`${release}: ${name}.${f.name}: key ${ku.keyvar.name} is not an enumeration`);
        const init = ku.keyvar.init_val ?? e.init_val;
        const key = init === null || init === undefined ? 0n : initValue(init, CTYPES.enum);
        const members = {};
        let def = null;
        for (const m of ku.members) {
          const num = enumConst.get(m.enumname);
          let mt = null;
          if (m.type) mt = typeName(`${name}.${ku.keyvar.name}.${m.name}`, m.type);
          members[m.name] = mt;
          if (num === key && def === null) def = m.name;
        }
        items.push({ in: name, union: ku.keyvar.name, enum: e.typename, default: def, members });
        continue;
      }
      const rec = { in: name, field: f.name, type: typeName(`${name}.${f.name}`, t) };
      if (t.array) rec.print = 'nonempty';
      else if (t.struct || (t.ref && !enums.has(t.ref))) rec.print = 'always';
      else if (t.ref) {
        const e = enums.get(t.ref);
        const init = f.init_val ?? e.init_val;
        rec.print = 'changed';
        if (init !== null && init !== undefined) {
          const v = initValue(init, CTYPES.enum);
          rec.default = v === undefined ? undefined : enumJson(e, v);
          if (v === undefined) rec.print = 'always';
        } else rec.default = enumJson(e, 0n);
      } else {
        const b = builtins.get(t.builtin);
        const bname = rec.type;
        const init = f.init_val ?? b.init_val;
        if (init !== null && init !== undefined) {
          const ctype = CTYPES[bname];
          if (!ctype) throw new Error(`${release}: ${name}.${f.name}: init value on ${bname}`);
          const v = initValue(init, ctype);
          if (v === undefined) rec.print = 'always';
          else {
            rec.print = 'changed';
            rec.default = intJson(v);
          }
        } else if (b.check_default_fn) {
          const dv = checkDefault(b.check_default_fn, info);
          if (dv === 'always') rec.print = 'always';
          else {
            rec.print = 'changed';
            rec.default = dv;
          }
        } else if (CTYPES[bname]) {
          rec.print = 'changed';
          rec.default = 0;
        } else if (bname === 'bool') {
          rec.print = 'changed';
          rec.default = false;
        } else if (bname === 'string') {
          rec.print = 'changed';
          rec.default = null;
        } else throw new Error(`${release}: ${name}.${f.name}: no way to tell ${bname}'s default`);
      }
      items.push(rec);
    }
  };
  /** The JSON type name of a field's type (anonymous structs get the field's path as their name). */
  function typeName(path, t) {
    if (t.builtin) {
      const b = builtins.get(t.builtin);
      if (b.private) throw new Error(`${release}: private builtin ${b.name} in ${path}`);
      return noteBuiltin(b);
    }
    if (t.array) return `${typeName(path, t.array)}[]`;
    if (t.ref) return t.ref;
    if (t.struct) {
      addStruct(path, t.struct);
      return path;
    }
    throw new Error(`${release}: ${path}: unsupported type ${JSON.stringify(t)}`);
  }

  for (const t of d.types) {
    if (t.private) continue;
    if (t.kind === 'enum') {
      types.set(t.typename, { kind: 'enum', items: t.values.map((v) => ({ in: t.typename, value: v.name, num: v.num })) });
    } else if (t.kind === 'struct') {
      addStruct(t.typename, t.fields);
    }
    // Plain (unkeyed) unions are never printed to JSON by xl; none is reachable from libxl_domain_config.
  }
  // Anonymous structs were added while their parent was being added: order types as the IDL has them, each anonymous one after its parent.
  const ordered = new Map();
  const named = d.types.filter((t) => !t.private && (t.kind === 'enum' || t.kind === 'struct')).map((t) => t.typename);
  for (const n of named) {
    ordered.set(n, types.get(n));
    for (const [k, v] of types) if (k.startsWith(`${n}.`)) ordered.set(k, v);
  }
  const builtinItems = [...usedBuiltins].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, r]) => ({ builtin: name, ...(r.ctype ? { ctype: r.ctype } : {}), gen: r.gen, jsonc: r.jsonc }));
  return { info, types: ordered, builtins: builtinItems };
}

// ---------------------------------------------------------------- merging releases

/**
 * Merges one release's sequence into the running list, keeping every
 * release's own order: the longest common subsequence (by signature) is
 * shared, the rest is inserted right after its predecessor in the release.
 */
function merge(list, seq, index) {
  const n = list.length;
  const m = seq.length;
  const L = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = list[i].sig === seq[j].sig ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  const match = new Array(m).fill(-1);
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (list[i].sig === seq[j].sig) {
      match[j] = i;
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) i++;
    else j++;
  }
  const inserts = new Map(); // list index after which new items go (-1: at the start)
  let prev = -1;
  const placed = [];
  for (let j = 0; j < m; j++) {
    if (match[j] >= 0) {
      prev = match[j];
      list[prev].alive.push(index);
      placed.push(list[prev]);
    } else {
      const item = { sig: seq[j].sig, value: seq[j].value, alive: [index] };
      if (!inserts.has(prev)) inserts.set(prev, []);
      inserts.get(prev).push(item);
      placed.push(item);
    }
  }
  const out = [...(inserts.get(-1) ?? [])];
  list.forEach((item, i) => {
    out.push(item);
    out.push(...(inserts.get(i) ?? []));
  });
  list.splice(0, list.length, ...out);
  return placed;
}

const ranges = (alive) => {
  const out = [];
  for (const i of alive) {
    const last = out[out.length - 1];
    if (last && last[2] === i - 1) last[2] = i;
    else out.push([releases[i], releases[i], i]);
  }
  return out.map(([a, , bi]) => [a, bi === releases.length - 1 ? '' : releases[bi]]);
};

const sig = (o) => JSON.stringify(o);
const typeList = [];
const typeItems = new Map();
const builtinList = [];
const infoList = [];
const views = [];
releases.forEach((release, ri) => {
  const v = releaseView(release);
  views.push(v);
  merge(infoList, [{ sig: sig(v.info), value: v.info }], ri);
  merge(builtinList, v.builtins.map((b) => ({ sig: sig(b), value: b })), ri);
  merge(typeList, [...v.types].map(([name, t]) => ({ sig: sig({ name, kind: t.kind }), value: { type: name, kind: t.kind } })), ri);
  for (const [name, t] of v.types) {
    const key = sig({ name, kind: t.kind });
    if (!typeItems.has(key)) typeItems.set(key, []);
    merge(typeItems.get(key), t.items.map((it) => ({ sig: sig(it), value: it })), ri);
  }
});

// Each release's own order, read back from the merged lists, must be the release's order.
const check1 = (list, ri, want, what) => {
  const got = list.filter((x) => x.alive.includes(ri)).map((x) => x.sig);
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${releases[ri]}: ${what} out of order after merging`);
};
releases.forEach((release, ri) => {
  const v = views[ri];
  check1(typeList, ri, [...v.types].map(([name, t]) => sig({ name, kind: t.kind })), 'types');
  for (const [name, t] of v.types) check1(typeItems.get(sig({ name, kind: t.kind })), ri, t.items.map(sig), name);
});
const byFirst = (a, b) => a.alive[0] - b.alive[0];
infoList.sort(byFirst);
builtinList.sort((a, b) => (a.value.builtin < b.value.builtin ? -1 : a.value.builtin > b.value.builtin ? 1 : byFirst(a, b)));

const records = [];
for (const i of infoList) records.push({ release: i.value, ranges: ranges(i.alive) });
for (const b of builtinList) records.push({ ...b.value, ranges: ranges(b.alive) });
for (const t of typeList) {
  records.push({ ...t.value, ranges: ranges(t.alive) });
  for (const it of typeItems.get(t.sig)) records.push({ ...it.value, ranges: ranges(it.alive) });
}

const about = [
  'libxl types as libxl_domain_config_to_json prints them (what xl -N create prints), per Xen release from 4.5.0; see render/libxlJson.ts.',
  'Records: {release}: the JSON library libxl prefers, whether xl wraps the config ({"domid": null, "config": ...}), the cpuid policy form;',
  '{builtin}: the gen functions of a builtin type (yajl, json-c); {type, kind}: a struct or enumeration, followed by its fields or values in IDL order;',
  '{in, field, type, print, default}: print is "always" (aggregates), "nonempty" (arrays) or "changed" (printed when different from default);',
  '{in, union, enum, default, members}: a keyed union, printed as "union.member" (default: the member of the key\'s initial value);',
  '{in, value, num}: an enumeration value. Integers beyond 2^53 are decimal strings.',
  'ranges: [first, last] releases having the record ("": to the newest).',
].join(' ');
const source = 'Generated by scripts/gen-libxl-idl.mjs from a clone of xen-project/xen (tags RELEASE-x.y.z); do not edit.';
const text = `{\n  "about": ${JSON.stringify(about)},\n  "source": ${JSON.stringify(source)},\n  "records": [\n${records.map((r) => '    ' + JSON.stringify(r)).join(',\n')}\n  ]\n}\n`;

const stale = writeGenerated(OUT, text, check);
if (check) {
  if (stale) {
    console.error('server/data/libxl-idl.json is stale: run node scripts/gen-libxl-idl.mjs XEN_GIT_DIR');
    process.exit(1);
  }
} else {
  console.log(`${releases.length} releases, ${typeList.length} types, ${records.length} records`);
}
