// Regenerates the Xen release list and which top-level keys xl reads in each
// release, from a clone of xen-project/xen (reading only; nothing is built):
//
//   server/data/xen-releases.json   every RELEASE-x.y.z tag from 4.2.0 on, oldest first
//   server/data/xl-read-keys.json   key, first and last release whose xl reads it
//   server/data/xl-key-kinds.json   how each release reads each key: the kinds of libxlu
//                                   getter its xl calls for it (number, boolean, string,
//                                   list), in runs of releases
//
// JSON, one record per line (diffs stay readable; esbuild and tsc load it as is).
//
// A key counts as read when parse_config_data or one of its helpers passes it
// to libxlu's getters (xlu_cfg_get_* / xlu_cfg_replace_*) in
// tools/xl/xl_parse.c (4.9 and later) or tools/libxl/xl_cmdimpl.c (before);
// the cpupool command's reader (main_cpupoolcreate: `sched`, `nodes`, ...) is
// not a domain config reader and is left out. Every point release is
// scanned, so a key backported to a branch counts from that point release.
//
//   node scripts/gen-xl-keys.mjs XEN_GIT_DIR           write the two files
//   node scripts/gen-xl-keys.mjs XEN_GIT_DIR --check   exit 1 if they are stale
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const repo = process.argv[2];
if (!repo) {
  console.error('usage: node scripts/gen-xl-keys.mjs XEN_GIT_DIR [--check]');
  process.exit(2);
}
const check = process.argv.includes('--check');
const git = (...args) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });

const parse = (v) => v.split('.').map(Number);
const cmp = (a, b) => {
  const x = parse(a);
  const y = parse(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

const releases = git('tag', '--list', 'RELEASE-*')
  .split('\n')
  .map((t) => /^RELEASE-(\d+\.\d+\.\d+)$/.exec(t)?.[1])
  .filter((v) => v && cmp(v, '4.2.0') >= 0)
  .sort(cmp);

/** libxlu's getters by what they read. */
const GETTER_KIND = {
  long: 'number',
  bounded_long: 'number',
  defbool: 'boolean',
  string: 'string',
  list: 'list',
  list_as_string_list: 'list',
};

/** The keys one release's xl reads from a domain config, each with the kinds of getter it is read with. */
function keysOf(release) {
  const tag = `RELEASE-${release}`;
  const file = git('ls-tree', '-r', '--name-only', tag, '--', 'tools/xl/xl_parse.c', 'tools/libxl/xl_cmdimpl.c').split('\n').filter(Boolean)[0];
  const src = git('show', `${tag}:${file}`);
  // Split into top-level functions (a definition starts at column 0 and ends at a '}' at column 0).
  const keys = new Map();
  const add = (key, kind) => (keys.get(key) ?? keys.set(key, new Set()).get(key)).add(kind);
  const functions = src.split(/\n(?=[a-z][^\n;]*\()/);
  for (const fn of functions) {
    const header = fn.slice(0, fn.indexOf('('));
    if (/\bmain_/.test(header)) continue;
    for (const m of fn.matchAll(/xlu_cfg_(get|replace)_([a-z_]+)\s*\(\s*[a-z_]*config\s*,\s*"([a-z0-9_.]+)"/g)) {
      const kind = m[1] === 'replace' ? 'string' : GETTER_KIND[m[2]];
      if (!kind) throw new Error(`${tag}: unknown libxlu getter xlu_cfg_${m[1]}_${m[2]}`);
      add(m[3], kind);
    }
    // device_model_args_pv / _hvm are built by a macro from "device_model_args"#type.
    const macro = /"device_model_args"\s*#\s*type/.exec(fn);
    if (macro) {
      const getter = /xlu_cfg_get_([a-z_]+)\s*\(\s*config\s*,\s*"device_model_args"\s*#/.exec(fn);
      const kind = GETTER_KIND[getter?.[1]] ?? 'list';
      add('device_model_args_pv', kind);
      add('device_model_args_hvm', kind);
    }
  }
  return keys;
}

const perRelease = releases.map((r) => [r, keysOf(r)]);
const all = [...new Set(perRelease.flatMap(([, ks]) => [...ks.keys()]))].sort();
const KIND_ORDER = ['number', 'boolean', 'string', 'list'];
const kindsOf = (ks, key) => (ks.has(key) ? KIND_ORDER.filter((k) => ks.get(key).has(k)).join('|') : undefined);

// One line per run of consecutive releases reading the key with the same kinds of getter.
const kindLines = [];
for (const key of all) {
  let run;
  for (const [r, ks] of perRelease) {
    const kinds = kindsOf(ks, key);
    if (run && run[1] === kinds) {
      run[3] = r;
      continue;
    }
    if (run) kindLines.push(run);
    run = kinds ? [key, kinds, r, r] : undefined;
  }
  if (run) kindLines.push(run);
}
for (const l of kindLines) if (l[3] === releases[releases.length - 1]) l[3] = '';
const kindRecords = kindLines.map(([key, kinds, from, to]) => [key, kinds, from, to]);

// One line per run of consecutive releases (in version order) that read the key.
const lines = [];
for (const key of all) {
  let from;
  let to;
  for (const [r, ks] of perRelease) {
    if (ks.has(key)) {
      from ??= r;
      to = r;
    } else if (from) {
      lines.push([key, from, to]);
      from = to = undefined;
    }
  }
  if (from) lines.push([key, from, to === releases[releases.length - 1] ? '' : to]);
}

const source = 'Generated by scripts/gen-xl-keys.mjs from a clone of xen-project/xen (tags RELEASE-x.y.z); do not edit.';
const json = (what, field, records) => `{\n  "about": ${JSON.stringify(what)},\n  "source": ${JSON.stringify(source)},\n  "${field}": [\n${records.map((r) => '    ' + JSON.stringify(r)).join(',\n')}\n  ]\n}\n`;
const releasesJson = json('Xen releases (RELEASE-x.y.z tags from 4.2.0 on), oldest first.', 'releases', releases);
const keysJson = json(
  'Top-level keys xl reads from a domain config: [key, first release that reads it, last one ("": still read)]. A key with several records is read in several separate runs of releases.',
  'keys',
  lines,
);
const kindsJson = json(
  'How xl reads each top-level key: [key, the kinds of libxlu getter it calls for it (number, boolean, string, list; several joined by |: xl tries them in turn or per guest type), first release, last one ("": still)]. Runs of releases with the same kinds.',
  'kinds',
  kindRecords,
);
const outputs = [
  [join(root, 'server/data/xen-releases.json'), releasesJson],
  [join(root, 'server/data/xl-read-keys.json'), keysJson],
  [join(root, 'server/data/xl-key-kinds.json'), kindsJson],
];
let stale = false;
for (const [file, text] of outputs) {
  let old = '';
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    // missing: stale
  }
  if (old === text) continue;
  stale = true;
  if (!check) writeFileSync(file, text);
}
if (check && stale) {
  console.error('server/data/xen-releases.json, xl-read-keys.json or xl-key-kinds.json is stale: run node scripts/gen-xl-keys.mjs XEN_GIT_DIR');
  process.exit(1);
}
if (!check) console.log(`${releases.length} releases, ${all.length} keys`);
