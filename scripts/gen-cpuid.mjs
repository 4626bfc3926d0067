// Regenerates server/data/libxl-cpuid.json from a clone of xen-project/xen
// (reading only; nothing is built): what libxl_cpuid_parse_config accepts
// after "host," in a cpuid= string, at every release from 4.5.0 on.
//
// For each distinct table (releases sharing one are listed together):
//   form      "list": libxl_cpuid_policy_list is an array of leaves, printed
//             in the JSON as [ {leaf, subleaf, eax..edx} ];
//             "policy": a policy with CPUID leaves and MSRs, printed as
//             { "cpuid": [...], "msr": [ {index, policy} ] }, whose feature
//             names come from cpufeatureset.h (4.14.6, 4.15.5, 4.16.5,
//             4.17.2 and 4.18.0 on).
//   flags     the cpuid_flags table of libxl_cpuid.c, as indexes into the
//             top-level "flags" list: [name, leaf, subleaf (null: none),
//             register, first bit, bit count].
//   features  ("policy" only) the feature names gen-cpuid.py derives from
//             xen/include/public/arch-x86/cpufeatureset.h (lower case, '_'
//             as '-'), as indexes into the top-level "features" list:
//             [name, featureset bit].
//   words     ("policy" only) libxl's feature_to_policy table: where each
//             32-bit featureset word goes, ["cpuid", leaf, subleaf, register]
//             or ["msr", index, "eax" | "edx"].
//
//   node scripts/gen-cpuid.mjs XEN_GIT_DIR           write the file
//   node scripts/gen-cpuid.mjs XEN_GIT_DIR --check   exit 1 if it is stale
import { join } from 'node:path';
import { cloneArgs, releaseTags, writeGenerated } from './xenClone.mjs';

const root = new URL('..', import.meta.url).pathname;
const { git, check } = cloneArgs('gen-cpuid.mjs');
const releases = releaseTags(git, '4.5.0');

const num = (t) => (t === 'NA' ? null : Number(t));
const reg = (t) => t.toLowerCase();

function show(tag, paths) {
  const file = git('ls-tree', '-r', '--name-only', tag, '--', ...paths).split('\n').filter(Boolean)[0];
  if (!file) throw new Error(`${tag}: none of ${paths.join(', ')}`);
  return git('show', `${tag}:${file}`);
}

/** The body of libxl_cpuid_parse_config (up to the function after it). */
function parseConfigBody(src) {
  const at = src.indexOf('int libxl_cpuid_parse_config(');
  if (at < 0) throw new Error('no libxl_cpuid_parse_config');
  const end = src.indexOf('\nint libxl_cpuid_parse_config_xend', at);
  return src.slice(at, end < 0 ? undefined : end);
}

function tableOf(release) {
  const tag = `RELEASE-${release}`;
  const src = show(tag, ['tools/libs/light/libxl_cpuid.c', 'tools/libxl/libxl_cpuid.c']);
  const body = parseConfigBody(src);
  const flags = [];
  for (const m of body.matchAll(/\{\s*"([^"]+)",\s*(0x[0-9a-fA-F]+|\d+),\s*(NA|0x[0-9a-fA-F]+|\d+),\s*CPUID_REG_(EAX|EBX|ECX|EDX),\s*(\d+),\s*(\d+)\s*\}/g)) {
    flags.push([m[1], Number(m[2]), num(m[3]), reg(m[4]), Number(m[5]), Number(m[6])]);
  }
  if (!flags.length) throw new Error(`${tag}: no cpuid flags found`);
  const policy = /msr_find_match|INIT_FEATURE_NAME/.test(src);
  const t = { form: policy ? 'policy' : 'list', flags };
  if (!policy) return t;
  const words = [];
  const table = body.slice(body.indexOf('feature_to_policy[]'));
  for (const m of table.matchAll(/^\s*(CPUID_ENTRY\(\s*(0x[0-9a-fA-F]+|\d+),\s*(NA|0x[0-9a-fA-F]+|\d+),\s*CPUID_REG_(EAX|EBX|ECX|EDX)\s*\)|MSR_ENTRY\(\s*(0x[0-9a-fA-F]+|\d+),\s*CPUID_REG_(EAX|EBX|ECX|EDX)\s*\)),?\s*$/gm)) {
    if (m[2] !== undefined) words.push(['cpuid', Number(m[2]), num(m[3]), reg(m[4])]);
    else words.push(['msr', Number(m[5]), reg(m[6])]);
  }
  if (!words.length) throw new Error(`${tag}: no feature_to_policy table`);
  // gen-cpuid.py: XEN_CPUFEATURE(NAME, word*32+bit) lines; the name lower-cased with '_' as '-'.
  const header = show(tag, ['xen/include/public/arch-x86/cpufeatureset.h']);
  const features = [];
  for (const m of header.matchAll(/^XEN_CPUFEATURE\(([A-Z0-9_]+),\s+([\s\d]+)\*([\s\d]+)\+([\s\d]+)\)/gm)) {
    features.push([m[1].toLowerCase().replace(/_/g, '-'), Number(m[2]) * Number(m[3]) + Number(m[4])]);
  }
  if (!features.length) throw new Error(`${tag}: no features in cpufeatureset.h`);
  features.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [, bit] of features) if (Math.floor(bit / 32) >= words.length) throw new Error(`${tag}: feature bit ${bit} beyond the feature_to_policy table`);
  return { ...t, features, words };
}

// Distinct flag and feature records, shared by the tables that use them.
const flagIds = new Map();
const featureIds = new Map();
const idOf = (map, rec) => {
  const k = JSON.stringify(rec);
  if (!map.has(k)) map.set(k, map.size);
  return map.get(k);
};

const tables = [];
const byContent = new Map();
for (const r of releases) {
  const t = tableOf(r);
  const rec = { form: t.form, flags: t.flags.map((f) => idOf(flagIds, f)) };
  if (t.form === 'policy') {
    rec.features = t.features.map((f) => idOf(featureIds, f));
    rec.words = t.words;
  }
  const key = JSON.stringify(rec);
  let entry = byContent.get(key);
  if (!entry) {
    entry = { releases: [], ...rec };
    byContent.set(key, entry);
    tables.push(entry);
  }
  entry.releases.push(r);
}

const source = 'Generated by scripts/gen-cpuid.mjs from a clone of xen-project/xen (libxl_cpuid.c and cpufeatureset.h at each RELEASE-x.y.z tag); do not edit.';
const about =
  'What libxl_cpuid_parse_config knows, per release. flags: [name, leaf, subleaf (null: none), register, first bit, bits]; features: [name, featureset bit]; each table lists the releases it holds for, its JSON form ("list": an array of leaves; "policy": {cpuid, msr}), the indexes of its flags and features, and (policy) where each featureset word goes: ["cpuid", leaf, subleaf, register] or ["msr", index, register].';
const lines = [];
lines.push('{');
lines.push(`  "about": ${JSON.stringify(about)},`);
lines.push(`  "source": ${JSON.stringify(source)},`);
lines.push('  "flags": [');
lines.push([...flagIds.keys()].map((k) => '    ' + k).join(',\n'));
lines.push('  ],');
lines.push('  "features": [');
lines.push([...featureIds.keys()].map((k) => '    ' + k).join(',\n'));
lines.push('  ],');
lines.push('  "tables": [');
lines.push(
  tables
    .map((t) => {
      const parts = [`"releases": ${JSON.stringify(t.releases)}`, `"form": ${JSON.stringify(t.form)}`, `"flags": ${JSON.stringify(t.flags)}`];
      if (t.features) parts.push(`"features": ${JSON.stringify(t.features)}`, `"words": ${JSON.stringify(t.words)}`);
      return `    {\n      ${parts.join(',\n      ')}\n    }`;
    })
    .join(',\n'),
);
lines.push('  ]');
lines.push('}');
const text = lines.join('\n') + '\n';

const stale = writeGenerated(join(root, 'server/data/libxl-cpuid.json'), text, check);
if (check) {
  if (stale) {
    console.error('server/data/libxl-cpuid.json is stale: run node scripts/gen-cpuid.mjs XEN_GIT_DIR');
    process.exit(1);
  }
} else {
  console.log(`${releases.length} releases, ${tables.length} tables, ${flagIds.size} flags, ${featureIds.size} features`);
}
