/**
 * Markdown for keys, sub-keys and rules, shared by completion and hover.
 * Our own words only (docs/keys.ts, check/rules.ts); the man page text is
 * added by hover.ts.
 */
import { getKeyDoc } from '../docs/keys';
import { DEPRECATED_KEYS, formatRelease, xlKeyRuns } from '../docs/xlKeys';
import type { Effect, RuleInfo } from '../check/rules';
import { hasEnumeratedValues, KeyDoc, KeyStatus, KeyValueType, SpecKeyDoc } from '../docs/keys';
import { compareVersion, formatVersion, parseXenVersion, XenVersion } from '../model/xenVersion';
import { ruleDocsHref } from './protocol';

const VALUE_TYPE: Record<KeyValueType, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean (0 or 1)',
  list: 'list',
  'list-of-specs': 'list of spec strings',
  'list-of-lists': 'list of lists',
  'string-spec': 'spec string',
  'string-or-list': 'string or list',
  'string-or-number': 'string or number',
  'boolean-or-list': 'boolean or list',
  'boolean-or-string': 'boolean or string',
};

const STATUS: Record<KeyStatus, string> = {
  mandatory: 'Required.',
  deprecated: 'Deprecated.',
  x86: 'x86 only.',
  arm: 'Arm only.',
  'hvm-only': 'HVM guests only.',
  'pv-only': 'PV guests only.',
  'pvh-only': 'PVH guests only.',
  'pv-or-pvh': 'PV and PVH guests.',
  'hvm-or-pvh': 'HVM and PVH guests.',
  'removed-from-doc': 'No longer described in xl.cfg(5).',
};

import { codeSpan as code, escapeMarkdown } from '../docs/markdown';

export { code, escapeMarkdown };

export function valueTypeLabel(doc: KeyDoc): string {
  return VALUE_TYPE[doc.valueType] ?? doc.valueType;
}

/** "number — MiB": the value type and, when the values are a placeholder, the placeholder. */
export function keyDetail(doc: KeyDoc): string {
  const type = valueTypeLabel(doc);
  return typeof doc.values === 'string' && doc.values.length <= 40 ? `${type} — ${doc.values}` : type;
}

export function sinceLabel(since: string): string {
  return since.startsWith('<=') ? `Xen ${since.slice(2)} or earlier` : `Xen ${since}`;
}

/** A note when the key is newer than the release the file is checked for. */
export function availabilityNote(doc: { since: string }, target: XenVersion | undefined): string | undefined {
  if (!target || target.kind !== 'release' || doc.since.startsWith('<=')) return undefined;
  const since = parseXenVersion(doc.since);
  if (!since) return undefined;
  if (compareVersion(target, since.major, since.minor, since.patch ?? 0) >= 0) return undefined;
  return `Not in Xen ${formatVersion(target)} (the release this file is checked for): added in ${doc.since}.`;
}

export function statusNotes(doc: KeyDoc): string[] {
  return doc.status.map((s) => STATUS[s] ?? s);
}

/** Short documentation for a completion item. */
export function keyCompletionMarkdown(doc: KeyDoc, target?: XenVersion): string {
  const parts = [doc.summary, `Since ${sinceLabel(doc.since)}.${doc.status.length ? ' ' + statusNotes(doc).join(' ') : ''}`];
  const note = availabilityNote(doc, target);
  if (note) parts.push(`⚠ ${note}`);
  return parts.join('\n\n');
}

/** Our own words about a key, for hover. */
export function keyHoverMarkdown(doc: KeyDoc, target?: XenVersion): string {
  const lines: string[] = [];
  lines.push(`**${doc.key}** — ${keyDetail(doc)}`);
  lines.push('', doc.summary);
  if (hasEnumeratedValues(doc)) lines.push('', `${doc.kind === 'list' ? 'Items' : 'Values'}: ${doc.values.map(code).join(' · ')}${doc.openValues ? ' (or other values)' : ''}`);
  // One line says since when (what xl's own sources say, else the documentation) and where it is documented.
  const history = keyHistory(doc.key);
  const since = history ? history.charAt(0).toUpperCase() + history.slice(1) : `Since ${sinceLabel(doc.since)}`;
  lines.push('', `${escapeMarkdown(since)} · section *${escapeMarkdown(doc.section)}*.`);
  // The deprecation is in that line already when xl's history knows it.
  const notes = statusNotes(doc).filter((n) => !(n === STATUS.deprecated && history?.includes('deprecated')));
  if (notes.length) lines.push('', notes.join(' '));
  const note = availabilityNote(doc, target);
  if (note) lines.push('', `⚠ ${note}`);
  return lines.join('\n');
}

export function specKeyMarkdown(doc: SpecKeyDoc): string {
  const forms = doc.forms
    .map((f) => (f === 'key=value' ? `${doc.subkey}=…` : f === 'flag' ? 'a bare flag' : f.startsWith('positional-') ? `positional parameter ${f.slice('positional-'.length)}` : f === '@suffix' ? `@${doc.subkey}` : f))
    .join(', ');
  const lines = [`**${doc.subkey}** in ${code(doc.parent)} specs — ${doc.valueType}`, '', doc.summary];
  if (hasEnumeratedValues(doc)) lines.push('', `Values: ${doc.values.map(code).join(' · ')}`);
  else lines.push('', `Value: ${escapeMarkdown(String(doc.values))}`);
  lines.push('', `Written as: ${escapeMarkdown(forms)}. Documented in ${escapeMarkdown(doc.docSection)}.`);
  return lines.join('\n');
}

/** What each effect means, in a few words (hover). */
export const EFFECT_WORDS: Record<Effect, string> = {
  'xl-refuses': 'xl refuses the file',
  'libxl-refuses': 'xl accepts the file, libxl refuses to create the domain',
  'qemu-fails': 'the device model fails to start',
  'guest-misses': 'the domain is created, but the guest does not get it',
  ignored: 'xl ignores it',
  style: 'nothing breaks',
};

export function ruleMarkdown(rule: RuleInfo): string {
  const lines = [`**${rule.code}** — ${rule.severity}${rule.defaultOff ? ' (off by default)' : ''}, ${rule.category} rule; on \`xl create\`: ${EFFECT_WORDS[rule.effect]}`, '', rule.summary];
  for (const v of Object.values(rule.variants ?? {})) lines.push('', `For ${v.when}: ${v.severity}; ${EFFECT_WORDS[v.effect]}.`);
  if (rule.fixes?.length) lines.push('', `Quick fix${rule.fixes.length > 1 ? 'es' : ''}: ${rule.fixes.map((f) => f.replace(/\{[^}]*\}/g, '…')).join('; ')}`);
  if (!rule.silenceable) lines.push('', 'It cannot be turned off: xl refuses the file.');
  lines.push('', `[Rule documentation](${ruleDocsHref(rule.code)})`);
  return lines.join('\n');
}

/** Own-words note about the releases whose xl reads a key, for hover (each fact said once). */
export function keyHistory(key: string): string | undefined {
  const runs = xlKeyRuns(key);
  const doc = getKeyDoc(key);
  if (!runs && !doc) return undefined;
  const parts: string[] = [];
  if (runs) {
    const first = formatRelease(runs[0].from);
    parts.push(first === '4.2.0' ? 'read by xl since Xen 4.2 or earlier' : `read by xl since Xen ${first.replace(/\.0$/, '')}`);
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i];
      if (!r.to) continue;
      const next = runs[i + 1];
      parts.push(next ? `not read from ${formatRelease(r.to)} until ${formatRelease(next.from)}` : `no longer read after Xen ${formatRelease(r.to)}`);
    }
  }
  const documented = doc?.since.replace('<=', '');
  if (documented && (!runs || !formatRelease(runs[0].from).startsWith(documented + '.'))) parts.push(`documented since Xen ${documented}${doc!.since.startsWith('<=') ? ' or earlier' : ''}`);
  const dep = DEPRECATED_KEYS[key];
  if (dep) parts.push(`deprecated since Xen ${dep.since} (use ${dep.use})${dep.note ? `; ${dep.note.replace(/\.$/, '')}` : ''}`);
  return parts.join('; ');
}
