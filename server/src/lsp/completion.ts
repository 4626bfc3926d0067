/**
 * Completion: setting names at the start of a statement (with a snippet for
 * the value), allowed values after `key =` (quoted outside a string, the bare
 * word inside one), spec sub-keys inside the strings of spec keys, and rule
 * codes / directives in xlcfg comments.
 *
 * completeAt() works on offsets and returns plain items; provideCompletion()
 * converts them to LSP. Keys whose values have a grammar of their own are
 * completed by their feature module (keyValueCompletion: channel= by
 * channelFeatures.ts; a devices module goes beside it).
 */
import { domainName } from '../model/guest';
import { releaseValues } from '../model/xl/keyValues';
import type { XenVersion } from '../model/xenVersion';
import { encodeString } from '../syntax/stringLiteral';
import { CompletionItem, CompletionItemKind, CompletionItemTag, CompletionList, InsertTextFormat, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckedDocument } from '../check';
import { DIALECTS } from '../check/fileDirectives';
import { allRules } from '../check/rules';
import { allKeyDocs, getKeyDoc, getSpecKeyDoc, getSpecKeyDocs, hasEnumeratedValues, KeyDoc, SpecKeyDoc } from '../docs/keys';
import type { Span } from '../syntax/cst';
import { channelCompletion } from './channelFeatures';
import { deviceCompletion } from './deviceFeatures';
import { CursorContext, cursorContext, ListAt, StringAt } from './cursor';
import type { CachedDocument } from './documentCache';
import { toRange } from './diagnostics';
import { commonRank, guestShape, keyFits } from './keyRelevance';
import { keyCompletionMarkdown, keyDetail, ruleMarkdown, specKeyMarkdown } from './markdown';

export type CompletionIcon = 'property' | 'enum' | 'enumMember' | 'value' | 'constant' | 'struct' | 'field' | 'keyword' | 'snippet' | 'text' | 'module';

/** A completion in document offsets (converted to LSP by provideCompletion). */
export interface PlainCompletion {
  label: string;
  icon: CompletionIcon;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** insertText is an LSP snippet. */
  snippet?: boolean;
  /** The text the item replaces; must be on the cursor's line and contain the cursor. */
  replace: Span;
  filterText?: string;
  sortText?: string;
  deprecated?: boolean;
  preselect?: boolean;
  /** Open the suggestions again after inserting (e.g. after `key=`). */
  retrigger?: boolean;
}

export interface CompletionOptions {
  /** The client takes snippets. */
  snippets: boolean;
  /** The client runs `editor.action.triggerSuggest` (VS Code): items may reopen the suggestions. */
  retrigger?: boolean;
}

// --- the values of keys with a grammar of their own -------------------------------

interface ValueContextBase {
  cached: CachedDocument;
  checked: CheckedDocument;
  /** The setting the value belongs to. */
  key: string;
  offset: number;
  inList: boolean;
  list?: ListAt;
  snippets: boolean;
}

/** Inside a quoted string of the key (or an unterminated one). */
export interface StringValueContext extends ValueContextBase {
  where: 'string';
  string: StringAt;
  /** Position of the string in its list. */
  itemIndex?: number;
}

/** Outside quotes, where a value or list item goes. */
export interface BareValueContext extends ValueContextBase {
  where: 'bare';
  word: Span;
  typed: string;
}

export type ValueCompletionContext = StringValueContext | BareValueContext;

/**
 * The completion of a key's values by the feature module that knows their
 * grammar, or undefined (then the generic completion runs; for keys in
 * PROVIDER_ONLY_KEYS, strings then get nothing).
 */
function keyValueCompletion(ctx: ValueCompletionContext): PlainCompletion[] | undefined {
  if (ctx.key === 'channel') return channelCompletion(ctx);
  return deviceCompletion(ctx);
}

/** Keys whose strings only their feature module completes (no generic sub-key completion). */
export const PROVIDER_ONLY_KEYS: ReadonlySet<string> = new Set(['channel']);

// --- helpers ---------------------------------------------------------------------

/** Case-insensitive subsequence match (what editors' fuzzy filters accept). */
export function fuzzyMatch(typed: string, candidate: string): boolean {
  if (!typed) return true;
  const t = typed.toLowerCase();
  const c = candidate.toLowerCase();
  let j = 0;
  for (let i = 0; i < c.length && j < t.length; i++) if (c[i] === t[j]) j++;
  return j === t.length;
}

/** Escapes snippet text outside placeholders. */
export function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

function choice(n: number, values: readonly string[]): string {
  return `\${${n}|${values.map((v) => v.replace(/[\\,|$}]/g, '\\$&')).join(',')}|}`;
}

function placeholder(n: number, text: string): string {
  return `\${${n}:${snippetText(text)}}`;
}


/** Values of a key written without quotes (numbers and 0/1 switches). */
function isBareValue(doc: KeyDoc, value: string): boolean {
  if (doc.valueType === 'number') return true;
  if (doc.valueType === 'boolean' || doc.valueType === 'boolean-or-string' || doc.valueType === 'boolean-or-list') return value === '0' || value === '1';
  return false;
}

const NUMBER_DEFAULTS: Record<string, string> = {
  memory: '1024',
  maxmem: '2048',
  vcpus: '2',
  maxvcpus: '2',
  videoram: '16',
  shadow_memory: '8',
  cpu_weight: '256',
  stubdomain_memory: '128',
  max_event_channels: '1023',
};

/** The domain name when it reads well inside a suggested path. */
function pathFriendlyName(checked: CheckedDocument): string | undefined {
  const v = domainName(checked.model);
  return v !== undefined && /^[A-Za-z0-9_.-]{1,40}$/.test(v) ? v : undefined;
}

/** A placeholder text that can sit inside a double-quoted string as is. */
function stringPlaceholder(values: KeyDoc['values']): string {
  return typeof values === 'string' && values.length <= 30 && !/["'\\]/.test(values) ? values : '';
}

/**
 * The values to offer for a key: the target release's own (the tables xl
 * matches against, model/xl/keyValues.ts) where xl has a list, with the
 * bare 0/1 switches of the key's documentation; else the documented ones.
 */
export function valuesOf(doc: KeyDoc, xen: XenVersion | undefined): readonly string[] | undefined {
  const listed = hasEnumeratedValues(doc) ? doc.values : undefined;
  const fromRelease = xen ? releaseValues(doc.key, xen) : undefined;
  if (!fromRelease) return listed;
  return [...(listed ?? []).filter((v) => isBareValue(doc, v)), ...fromRelease];
}

/** The snippet written for a new setting (after the name). */
export function valueSnippet(doc: KeyDoc, checked?: CheckedDocument): string {
  const enumerated = valuesOf(doc, checked?.options.xen);
  switch (doc.kind) {
    case 'enum':
      return enumerated && doc.valueType !== 'number' ? `"${choice(1, enumerated)}"` : enumerated ? choice(1, enumerated) : '"$1"';
    case 'number':
      return enumerated ? choice(1, enumerated) : placeholder(1, NUMBER_DEFAULTS[doc.key] ?? '0');
    case 'boolean':
      return choice(1, ['1', '0']);
    case 'list':
      return enumerated ? `[ "${choice(1, enumerated.filter((v) => !isBareValue(doc, v)))}" ]` : '[ "$1" ]';
    case 'nested-list':
      return '[ [ "$1" ] ]';
    case 'spec-list':
      if (doc.key === 'channel') {
        const dom = (checked && pathFriendlyName(checked)) ?? 'domain';
        return `[ "name=\${1:org.example.agent.0},connection=\${2|socket,pty|}\${3:,path=/run/xen/\${4:${snippetText(dom)}}-\${5:agent}.sock}" ]`;
      }
      return '[ "$1" ]';
    case 'spec-string':
      return '"$1"';
    case 'string':
    default: {
      const ph = stringPlaceholder(doc.values);
      return ph ? `"${placeholder(1, ph)}"` : '"$1"';
    }
  }
}

const KEY_ICON: Record<KeyDoc['kind'], CompletionIcon> = {
  string: 'property',
  enum: 'enum',
  number: 'value',
  boolean: 'constant',
  list: 'field',
  'spec-list': 'struct',
  'nested-list': 'struct',
  'spec-string': 'struct',
};

// --- the completions ---------------------------------------------------------------

function keyItems(ctx: Extract<CursorContext, { kind: 'key' }>, cached: CachedDocument, opts: CompletionOptions): PlainCompletion[] {
  const { checked } = cached;
  const defined = checked.model.effective;
  const shape = guestShape(checked);
  const out: PlainCompletion[] = [];
  for (const doc of allKeyDocs()) {
    if (!fuzzyMatch(ctx.typed, doc.key)) continue;
    // Keys of another architecture or guest type are not offered (a key the file has already is).
    if (!defined.has(doc.key) && !keyFits(doc, shape)) continue;
    const deprecated = doc.status.includes('deprecated');
    // Groups: the required key not given yet, the common keys (in their usual order), the others, the keys given already, deprecated ones.
    const rank = commonRank(doc.key);
    const group =
      doc.status.includes('mandatory') && !defined.has(doc.key) ? '0' : deprecated ? '4' : defined.has(doc.key) ? '3' : rank !== undefined ? `1${String(rank).padStart(2, '0')}` : '2';
    let insertText = doc.key;
    let snippet = false;
    if (!ctx.hasOperator) {
      if (opts.snippets) {
        insertText = `${doc.key} = ${valueSnippet(doc, checked)}`;
        snippet = true;
      } else {
        insertText = `${doc.key} = `;
      }
    }
    out.push({
      label: doc.key,
      icon: KEY_ICON[doc.kind] ?? 'property',
      detail: keyDetail(doc),
      documentation: keyCompletionMarkdown(doc, cached.xen),
      insertText,
      snippet,
      replace: ctx.word,
      filterText: doc.key,
      sortText: `${group}${doc.key}`,
      deprecated,
    });
  }
  return out;
}

function valueItems(ctx: BareValueContext): PlainCompletion[] {
  const doc = getKeyDoc(ctx.key);
  if (!doc) return [];
  const out: PlainCompletion[] = [];
  const listKey = doc.kind === 'list' || doc.kind === 'spec-list' || doc.kind === 'nested-list';
  const values = valuesOf(doc, ctx.checked.options.xen);
  if (values) {
    values.forEach((v, i) => {
      const bare = isBareValue(doc, v);
      // In a list only list items; directly after `key =` of a list key only the 0/1 switches.
      if (listKey && !ctx.inList && !bare) return;
      if (!fuzzyMatch(ctx.typed, v)) return;
      out.push({
        label: v,
        icon: bare ? 'constant' : 'enumMember',
        detail: bare ? (doc.valueType === 'number' ? 'number' : v === '1' ? 'on' : 'off') : `"${v}"`,
        documentation: `${doc.key} = ${bare ? v : `"${v}"`}`,
        insertText: bare ? v : `"${encodeString(v, '"')}"`,
        replace: ctx.word,
        filterText: v,
        sortText: String(i).padStart(3, '0'),
      });
    });
  }
  if (listKey && !ctx.inList && ctx.typed === '' && ctx.snippets) {
    out.push({ label: '[ … ]', icon: 'snippet', detail: `a new ${doc.key} list`, insertText: valueSnippet(doc, ctx.checked), snippet: true, replace: ctx.word, sortText: 'zz' });
  } else if (ctx.inList && (doc.kind === 'spec-list' || (doc.kind === 'nested-list' && (ctx.list?.depth ?? 1) > 1)) && ctx.typed === '' && ctx.snippets && getSpecKeyDocs(doc.key).length) {
    out.push({ label: '"…"', icon: 'snippet', detail: `a new ${doc.key} spec`, insertText: '"$1"', snippet: true, replace: ctx.word, sortText: 'zz', retrigger: true });
  }
  return out;
}

/** The word around the offset inside a string (clipped to the string's content). */
function wordInString(text: string, s: StringAt, offset: number, chars: RegExp): Span {
  let start = offset;
  while (start > s.start + 1 && chars.test(text[start - 1])) start--;
  let end = offset;
  while (end < s.contentEnd && chars.test(text[end])) end++;
  return { start, end };
}

function stringEnumItems(ctx: StringValueContext): PlainCompletion[] {
  const doc = getKeyDoc(ctx.key);
  const values = doc && valuesOf(doc, ctx.checked.options.xen);
  if (!doc || !values) return [];
  const listKey = doc.kind === 'list';
  if (listKey && !ctx.inList) return [];
  const text = ctx.checked.tree.text;
  const word = wordInString(text, ctx.string, ctx.offset, /[A-Za-z0-9_.-]/);
  const typed = text.slice(word.start, ctx.offset);
  return values
    .filter((v) => !isBareValue(doc, v) && fuzzyMatch(typed, v))
    .map((v, i) => ({
      label: v,
      icon: 'enumMember' as const,
      detail: doc.key,
      insertText: encodeString(v, ctx.string.quote),
      replace: word,
      filterText: v,
      sortText: String(i).padStart(3, '0'),
    }));
}

/** Sub-keys (and their values) inside a spec string: `KEY=VALUE,KEY=VALUE,flag`. */
function specItems(ctx: StringValueContext): PlainCompletion[] {
  const docs = getSpecKeyDocs(ctx.key);
  if (!docs.length) return [];
  const text = ctx.checked.tree.text;
  const contentStart = ctx.string.start + 1;
  const content = text.slice(contentStart, ctx.string.contentEnd);
  const rel = ctx.offset - contentStart;
  let pieceStart = content.lastIndexOf(',', rel - 1) + 1;
  // Blanks after a comma (disk specs allow them) are not part of the sub-key.
  while (pieceStart < rel && (content[pieceStart] === ' ' || content[pieceStart] === '\t')) pieceStart++;
  const nextComma = content.indexOf(',', rel);
  const pieceEnd = nextComma < 0 ? content.length : nextComma;
  const before = content.slice(pieceStart, rel);
  const eq = before.indexOf('=');
  const quote = ctx.string.quote;

  if (eq >= 0) {
    // After `sub=`: the sub-key's values.
    const sub = getSpecKeyDoc(ctx.key, before.slice(0, eq).trim());
    if (!sub || !hasEnumeratedValues(sub)) return [];
    const replace = { start: contentStart + pieceStart + eq + 1, end: contentStart + pieceEnd };
    const typed = text.slice(replace.start, ctx.offset);
    return sub.values
      .filter((v) => fuzzyMatch(typed, v))
      .map((v, i) => ({ label: v, icon: 'enumMember' as const, detail: `${sub.subkey} (${ctx.key})`, documentation: specKeyMarkdown(sub), insertText: encodeString(v, quote), replace, filterText: v, sortText: String(i).padStart(3, '0') }));
  }

  // A sub-key name: replace the name part of the piece (up to '=' if one follows).
  const afterText = content.slice(rel, pieceEnd);
  const nameRest = /^[A-Za-z0-9_-]*/.exec(afterText)![0];
  const hasEquals = afterText.slice(nameRest.length).trimStart().startsWith('=');
  const replace = { start: contentStart + pieceStart, end: ctx.offset + nameRest.length };
  const typed = before.trim();
  // Sub-keys already given in the other pieces of this string.
  const pieces = content.split(',');
  const current = content.slice(0, rel).split(',').length - 1;
  const present = new Set(pieces.filter((_p, i) => i !== current).map((p) => p.split('=')[0].trim()));
  const out: PlainCompletion[] = [];
  docs.forEach((sub: SpecKeyDoc, i) => {
    if (sub.subkey.endsWith('*') || sub.subkey.endsWith(':') || sub.forms.includes('item-prefix')) return;
    if (sub.forms.includes('flag') && hasEnumeratedValues(sub)) {
      for (const flag of sub.values) {
        if (present.has(flag) || !fuzzyMatch(typed, flag)) continue;
        out.push({ label: flag, icon: 'constant', detail: `flag (${ctx.key})`, documentation: specKeyMarkdown(sub), insertText: encodeString(flag, quote), replace, filterText: flag, sortText: `1${String(i).padStart(3, '0')}` });
      }
      return;
    }
    if (!sub.forms.includes('key=value') || present.has(sub.subkey) || !fuzzyMatch(typed, sub.subkey)) return;
    const name = encodeString(sub.subkey, quote);
    let insertText = hasEquals ? name : `${name}=`;
    let snippet = false;
    if (!hasEquals && ctx.snippets && hasEnumeratedValues(sub)) {
      insertText = `${snippetText(name)}=${choice(1, sub.values.map((v) => encodeString(v, quote)))}`;
      snippet = true;
    }
    out.push({
      label: sub.subkey,
      icon: 'field',
      detail: `${sub.valueType} (${ctx.key})`,
      documentation: specKeyMarkdown(sub),
      insertText,
      snippet,
      replace,
      filterText: sub.subkey,
      sortText: `0${String(i).padStart(3, '0')}`,
      retrigger: !hasEquals && !snippet && hasEnumeratedValues(sub),
    });
  });
  return out;
}

const XEN_RELEASES = ['4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12', '4.13', '4.14', '4.15', '4.16', '4.17', '4.18', '4.19', '4.20', '4.21', 'seed'];

/** Rule codes after `# xlcfg-disable...`, and the names and values of `# xlcfg:` directives. */
function commentItems(checked: CheckedDocument, comment: { start: number; end: number }, offset: number): PlainCompletion[] {
  const text = checked.tree.text;
  const before = text.slice(comment.start + 1, offset);
  const wordStart = offset - /[A-Za-z0-9_.\-:]*$/.exec(before)![0].length;
  let wordEnd = offset;
  while (wordEnd < comment.end && /[A-Za-z0-9_.-]/.test(text[wordEnd])) wordEnd++;
  const replace = { start: wordStart, end: wordEnd };
  const typed = text.slice(wordStart, offset);

  const sw = /^\s*xlcfg-(?:disable-next-line|disable-line|disable|enable)((?:[ \t,]+[A-Za-z0-9_-]+)*)[ \t,]+[A-Za-z0-9_-]*$/.exec(before);
  if (sw) {
    const listed = new Set(sw[1].split(/[\s,]+/).filter(Boolean));
    return allRules()
      .filter((r) => !listed.has(r.code) && fuzzyMatch(typed, r.code))
      .map((r) => ({ label: r.code, icon: 'keyword' as const, detail: `${r.severity} · ${r.category}`, documentation: ruleMarkdown(r), insertText: r.code, replace, filterText: r.code }));
  }
  const dirValue = /^\s*xlcfg:.*?\b(xen|dialect)[ \t]*=[ \t]*([A-Za-z0-9_.-]*)$/.exec(before);
  if (dirValue) {
    const values = dirValue[1] === 'xen' ? XEN_RELEASES : [...DIALECTS];
    const typedValue = dirValue[2];
    const r = { start: offset - typedValue.length, end: wordEnd };
    return values.filter((v) => fuzzyMatch(typedValue, v)).map((v, i) => ({ label: v, icon: 'enumMember' as const, insertText: v, replace: r, filterText: v, sortText: String(i).padStart(3, '0') }));
  }
  if (/^\s*xlcfg:(?:.*[\s,])?[A-Za-z]*$/.test(before)) {
    const r = { start: offset - /[A-Za-z]*$/.exec(before)![0].length, end: wordEnd };
    const t = text.slice(r.start, offset);
    return [
      { label: 'xen', detail: 'Xen release this file is for', documentation: 'Overrides `xlcfg.xen.version` for this file, e.g. `# xlcfg: xen=4.17`.' },
      { label: 'dialect', detail: 'channel dialect of this file', documentation: 'Overrides `xlcfg.channel.dialect` for this file: `auto`, `upstream` or `seed`.' },
    ]
      .filter((d) => fuzzyMatch(t, d.label))
      .map((d) => ({ ...d, icon: 'property' as const, insertText: `${d.label}=`, replace: r, filterText: d.label, retrigger: true }));
  }
  if (/^\s*x?[A-Za-z:-]*$/.test(before) && (typed === '' || 'xlcfg'.startsWith(typed.slice(0, 5).toLowerCase()))) {
    return [
      ['xlcfg-disable-next-line', 'Silence rules on the next line'],
      ['xlcfg-disable-line', 'Silence rules on this line (as a trailing comment)'],
      ['xlcfg-disable', 'Silence rules from here to the end of the file'],
      ['xlcfg-enable', 'Turn rules back on'],
      ['xlcfg:', 'Per-file settings: xen=VERSION, dialect=auto|upstream|seed'],
    ]
      .filter(([w]) => fuzzyMatch(typed, w))
      .map(([w, doc]) => ({ label: w, icon: 'keyword' as const, detail: doc, insertText: `${w} `, replace, filterText: w, retrigger: true }));
  }
  return [];
}

/** Every completion at an offset, in plain data. */
export function completeAt(cached: CachedDocument, offset: number, opts: CompletionOptions): PlainCompletion[] {
  const checked = cached.checked;
  const ctx = cursorContext(checked, offset);
  switch (ctx.kind) {
    case 'comment':
      return commentItems(checked, ctx, offset);
    case 'key':
      return keyItems(ctx, cached, opts);
    case 'value': {
      const vctx: BareValueContext = { where: 'bare', cached, checked, key: ctx.key, offset, inList: ctx.inList, list: ctx.list, snippets: opts.snippets, word: ctx.word, typed: ctx.typed };
      return keyValueCompletion(vctx) ?? valueItems(vctx);
    }
    case 'string': {
      const sctx: StringValueContext = { where: 'string', cached, checked, key: ctx.key, offset, inList: ctx.inList, list: ctx.list, snippets: opts.snippets, string: ctx.string, itemIndex: ctx.itemIndex };
      const provided = keyValueCompletion(sctx);
      if (provided) return provided;
      if (PROVIDER_ONLY_KEYS.has(ctx.key)) return [];
      if (getSpecKeyDocs(ctx.key).length) return specItems(sctx);
      return stringEnumItems(sctx);
    }
    default:
      return [];
  }
}

// --- LSP conversion ----------------------------------------------------------------

const ICON: Record<CompletionIcon, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  enum: CompletionItemKind.Enum,
  enumMember: CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value,
  constant: CompletionItemKind.Constant,
  struct: CompletionItemKind.Struct,
  field: CompletionItemKind.Field,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
  text: CompletionItemKind.Text,
  module: CompletionItemKind.Module,
};

export function toCompletionItem(p: PlainCompletion, doc: TextDocument, retrigger = false): CompletionItem {
  const item: CompletionItem = {
    label: p.label,
    kind: ICON[p.icon],
    textEdit: { range: toRange(doc, p.replace.start, p.replace.end), newText: p.insertText },
    insertTextFormat: p.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (p.detail) item.detail = p.detail;
  if (p.documentation) item.documentation = { kind: MarkupKind.Markdown, value: p.documentation };
  if (p.filterText) item.filterText = p.filterText;
  if (p.sortText) item.sortText = p.sortText;
  if (p.deprecated) item.tags = [CompletionItemTag.Deprecated];
  if (p.preselect) item.preselect = true;
  if (p.retrigger && retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return item;
}

export function provideCompletion(doc: TextDocument, cached: CachedDocument, position: Position, opts: CompletionOptions): CompletionList {
  const items = completeAt(cached, doc.offsetAt(position), opts);
  return { isIncomplete: false, items: items.map((p) => toCompletionItem(p, doc, opts.retrigger === true)) };
}

/** Characters after which the client should ask for completions. */
export const TRIGGER_CHARACTERS = ['"', "'", '=', ',', '['];

