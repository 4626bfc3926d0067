// Builds server/data/keys.json, the key documentation the server reads
// (docs/keys.ts), from the in-repo tables:
//   server/data/xl-cfg-keys.tsv, xl-cfg-spec-keys.tsv   facts about each key and sub-key
//   server/data/key-summaries.json                        our own words for each of them
//   server/data/key-overrides.json                        corrections and the 2014 channel rows
// and checks that every key has a summary and every summary a key.
//
//   node scripts/gen-keys.mjs            write server/data/keys.json
//   node scripts/gen-keys.mjs --check    exit 1 if it is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTsv } from './tsv.mjs';

const root = new URL('..', import.meta.url).pathname;
const dataDir = join(root, 'server/data');
const outFile = join(dataDir, 'keys.json');
const summaries = JSON.parse(readFileSync(join(dataDir, 'key-summaries.json'), 'utf8'));
const overrides = JSON.parse(readFileSync(join(dataDir, 'key-overrides.json'), 'utf8'));

const VALUE_TYPES = ['string', 'number', 'boolean', 'list', 'list-of-specs', 'list-of-lists', 'string-spec', 'string-or-list', 'string-or-number', 'boolean-or-list', 'boolean-or-string'];
const STATUSES = ['mandatory', 'deprecated', 'x86', 'arm', 'hvm-only', 'pv-only', 'pvh-only', 'pv-or-pvh', 'hvm-or-pvh', 'removed-from-doc'];
const FORM = /^(key=value|flag|positional-\d+|@suffix|item-prefix|deprecated-prefix)$/;

const ENUM_RE = /^[a-z0-9_.:-]+(\|[a-z0-9_.:-]+)+$/;

function topValues(row) {
  const o = overrides.values[row.key] ?? {};
  if (o.values) return { values: o.values, open: !!o.open };
  if (ENUM_RE.test(row.values)) return { values: row.values.split('|'), open: !!o.open };
  const text = row.values || overrides.placeholders[row.key] || (row.value_type === 'number' ? 'NUMBER' : 'STRING');
  return { values: text, open: true };
}

function topKind(row, values) {
  if (overrides.kinds[row.key]) return overrides.kinds[row.key];
  switch (row.value_type) {
    case 'string':
    case 'string-or-number':
      return Array.isArray(values) ? 'enum' : 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'list':
      return 'list';
    case 'list-of-specs':
      return 'spec-list';
    case 'list-of-lists':
      return 'nested-list';
    case 'string-spec':
      return 'spec-string';
    case 'string-or-list':
      return 'string';
    case 'boolean-or-list':
      return 'list';
    case 'boolean-or-string':
      return 'boolean';
    default:
      throw new Error(`unknown value_type ${row.value_type} for ${row.key}`);
  }
}

function specValues(row) {
  const id = `${row.parent} ${row.subkey}`;
  if (ENUM_RE.test(row.values)) return row.values.split('|');
  if (overrides.specSingleValueEnums.includes(id)) return [row.values];
  return row.values || (row.value_type === 'number' ? 'NUMBER' : 'STRING');
}

function generate() {
  const keys = readTsv(join(dataDir, 'xl-cfg-keys.tsv'));
  const specs = readTsv(join(dataDir, 'xl-cfg-spec-keys.tsv'));
  const problems = [];
  const keyNames = new Set(keys.map((r) => r.key));
  for (const r of keys) if (!summaries.keys[r.key]) problems.push(`no summary for key ${r.key}`);
  for (const k of Object.keys(summaries.keys)) if (!keyNames.has(k)) problems.push(`summary for unknown key ${k}`);
  const specIds = new Set(specs.map((r) => `${r.parent} ${r.subkey}`));
  for (const id of specIds) if (!summaries.specs[id]) problems.push(`no summary for spec key ${id}`);
  for (const id of Object.keys(summaries.specs)) if (!specIds.has(id)) problems.push(`summary for unknown spec key ${id}`);
  for (const r of keys) {
    if (!VALUE_TYPES.includes(r.value_type)) problems.push(`${r.key}: unknown value type ${r.value_type}`);
    for (const s of r.status ? r.status.split(',') : []) if (!STATUSES.includes(s.trim())) problems.push(`${r.key}: unknown status ${s}`);
  }
  if (problems.length) throw new Error(problems.join('\n'));

  const keyDocs = keys.map((r) => {
    const { values, open } = topValues(r);
    return {
      key: r.key,
      valueType: r.value_type,
      values,
      openValues: open,
      section: r.section,
      sections: r.section.split(';').map((s) => s.trim()).filter(Boolean),
      since: r.since,
      status: r.status ? r.status.split(',').map((s) => s.trim()) : [],
      kind: topKind(r, values),
      summary: summaries.keys[r.key],
    };
  });
  const specRows = specs.map((r) => ({ ...r, summary: summaries.specs[`${r.parent} ${r.subkey}`], dialect: r.parent === 'channel' ? 'upstream' : undefined }));
  // The 2014 dialect's rows go right after the other channel rows.
  specRows.splice(specRows.map((r) => r.parent).lastIndexOf('channel') + 1, 0, ...overrides.extraSpecRows);
  const specDocs = specRows.map((r) => {
    const forms = r.form.split('|').map((f) => f.trim());
    for (const f of forms) if (!FORM.test(f)) throw new Error(`unknown form ${f}`);
    if (!['string', 'number', 'boolean', 'flag'].includes(r.value_type)) throw new Error(`unknown spec value type ${r.value_type}`);
    const doc = { parent: r.parent, subkey: r.subkey, forms, valueType: r.value_type, values: specValues(r), docSection: r.doc_section };
    if (r.dialect) doc.dialect = r.dialect;
    doc.summary = r.summary;
    return doc;
  });
  const lines = (xs) => xs.map((x) => '    ' + JSON.stringify(x)).join(',\n');
  return `{\n  "about": "Every top-level key and spec sub-key: how xl reads it and our summary. Generated by scripts/gen-keys.mjs from xl-cfg-keys.tsv, xl-cfg-spec-keys.tsv, key-summaries.json and key-overrides.json; do not edit.",\n  "keys": [\n${lines(keyDocs)}\n  ],\n  "specs": [\n${lines(specDocs)}\n  ]\n}\n`;
}

const text = generate();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(outFile, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== text) {
    console.error('server/data/keys.json is out of date; run node scripts/gen-keys.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(outFile, text);
  console.log('wrote server/data/keys.json');
}
