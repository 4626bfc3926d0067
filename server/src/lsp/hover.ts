/**
 * Hover: on a setting name, our own words about the key and, when the man
 * page is installed and enabled, the page's own text for it (labelled with
 * the section it comes from); on a sub-key inside a spec string, the sub-key;
 * on a rule code or directive in an xlcfg comment, what it means.
 *
 * hoverAt() works on offsets and returns Markdown with a span; provideHover()
 * converts it. Inside the strings of keys with a grammar of their own the
 * key's feature module answers (keyStringHover: channel= by channelFeatures.ts).
 */
import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeTarget, type CheckedDocument } from '../check';
import { domainReading } from '../model/xl/domainReading';
import { xlKeyKinds } from '../docs/xlKeys';
import { valuesFrom } from '../model/xl/origins';
import { RULES, RuleCode } from '../check/rules';
import { getKeyDoc, getSpecKeyDoc, getSpecKeyDocs } from '../docs/keys';
import { entryLabel, ManPage, manEntriesFor } from '../docs/manpage';
import { manEntriesMarkdown } from '../docs/manpageMarkdown';
import type { Span } from '../syntax/cst';
import { TokenKind } from '../syntax/tokens';
import { commentAt, cursorContext, ListAt, nameAt, StringAt } from './cursor';
import type { CachedDocument } from './documentCache';
import { toRange } from './diagnostics';
import { code, escapeMarkdown, keyHoverMarkdown, ruleMarkdown, specKeyMarkdown } from './markdown';
import { channelHover } from './channelFeatures';
import { deviceHover } from './deviceFeatures';
import { PROVIDER_ONLY_KEYS } from './completion';

export interface HoverResult extends Span {
  markdown: string;
}

/** The installed man page, when enabled and found. */
export type ManPageSource = () => { path: string; page: ManPage } | undefined;

// --- the strings of keys with a grammar of their own ---------------------------------

export interface StringHoverContext {
  /** The installed man page, when enabled. */
  man?: ManPageSource;
  cached: CachedDocument;
  checked: CheckedDocument;
  key: string;
  offset: number;
  string: StringAt;
  inList: boolean;
  list?: ListAt;
  itemIndex?: number;
}

// --- hover ---------------------------------------------------------------------------

const manKeyMarkdown = new WeakMap<ManPage, Map<string, string | undefined>>();

/** The man page's own text for a key, introduced by where it comes from (remembered per page). */
export function manPageMarkdown(man: { path: string; page: ManPage }, key: string): string | undefined {
  let perPage = manKeyMarkdown.get(man.page);
  if (!perPage) manKeyMarkdown.set(man.page, (perPage = new Map()));
  if (perPage.has(key)) return perPage.get(key);
  const md = renderManPageMarkdown(man, key);
  perPage.set(key, md);
  return md;
}

function renderManPageMarkdown(man: { path: string; page: ManPage }, key: string): string | undefined {
  const body = manEntriesMarkdown(man.page, key);
  if (!body) return undefined;
  const entries = manEntriesFor(man.page, key);
  const version = man.page.version ? ` (Xen ${escapeMarkdown(man.page.version)})` : '';
  const where = entries.length === 1 ? `, section *${escapeMarkdown(entryLabel(entries[0]))}*` : '';
  return `**From the installed xl.cfg(5)**${version}${where}:\n\n${body}`;
}

function keyHover(cached: CachedDocument, name: { text: string; start: number; end: number }, man: ManPageSource | undefined): HoverResult {
  const doc = getKeyDoc(name.text);
  const parts: string[] = [];
  if (doc) parts.push(keyHoverMarkdown(doc, cached.xen), `_Checked for ${escapeMarkdown(describeTarget(cached.checked.options.xen, cached.checked.options.xenSource))}._`);
  else parts.push(`**${escapeMarkdown(name.text)}** is not a documented xl.cfg setting: xl ignores keys it does not know.`);
  const reading = readingMarkdown(cached, name);
  if (reading) parts.splice(1, 0, reading);
  const page = man?.();
  const fromPage = page ? manPageMarkdown(page, name.text) : undefined;
  if (fromPage) parts.push(fromPage);
  return { markdown: parts.join('\n\n---\n\n'), start: name.start, end: name.end };
}

/** What the target's xl makes of this assignment: the libxl fields it sets from it, or that it does not read it. */
function readingMarkdown(cached: CachedDocument, name: { text: string; start: number; end: number }): string | undefined {
  const { checked } = cached;
  const e = checked.model.effective.get(name.text);
  if (!e || checked.options.xen.kind === 'seed') return undefined;
  const reading = domainReading(checked.model, checked.options.xen);
  const xl = `xl ${escapeMarkdown(checked.options.xen.label)}`;
  const kinds = xlKeyKinds(name.text, checked.options.xen);
  const as = kinds ? ` It reads ${name.text === 'name' ? 'it' : code(name.text)} as ${kinds.map((k) => (k === 'list' ? 'a list' : k === 'number' ? 'a number' : k === 'boolean' ? 'a number (0 or not)' : 'a string')).join(' or ')}.` : '';
  if (e.last.node.name.start !== name.start) return `${xl} keeps only the last assignment of ${code(name.text)} (line ${checked.lines.positionAt(e.last.node.start).line + 1}).${as}`;
  if (!reading.read.has(name.text)) return kinds ? `${xl} does not read ${code(name.text)} for this file${reading.rc !== 0 ? ' (it stops before)' : ''}.${as}` : undefined;
  const values = valuesFrom(reading, { start: e.chain[0].node.value.start, end: e.last.node.value.end });
  if (!values.length) return `${xl} reads ${code(name.text)} and sets nothing from it here.${as}`;
  const shown = values.slice(0, 8).map((v) => `- ${code(v.path.join('.'))} = ${code(shortValue(v.value))}`);
  if (values.length > 8) shown.push(`- … and ${values.length - 8} more`);
  return [`**What ${xl} builds from it** (libxl's domain configuration, as \`xlcfg show\` prints it):${as}`, '', ...shown].join('\n');
}

function shortValue(v: unknown): string {
  const t = JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x)) ?? 'unset';
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}

/** Sub-key hover inside a generic spec string: the `KEY=VALUE` (or flag) piece under the offset. */
function specHover(checked: CheckedDocument, key: string, s: StringAt, offset: number): HoverResult | undefined {
  if (!getSpecKeyDocs(key).length) return undefined;
  const text = checked.tree.text;
  const contentStart = s.start + 1;
  const content = text.slice(contentStart, s.contentEnd);
  const rel = offset - contentStart;
  if (rel < 0 || rel > content.length) return undefined;
  const pieceStart = content.lastIndexOf(',', rel - 1) + 1;
  const comma = content.indexOf(',', rel);
  const pieceEnd = comma < 0 ? content.length : comma;
  const piece = content.slice(pieceStart, pieceEnd);
  const eq = piece.indexOf('=');
  const name = (eq >= 0 ? piece.slice(0, eq) : piece).trim();
  if (!name) return undefined;
  const sub = getSpecKeyDoc(key, name);
  if (!sub) return undefined;
  return { markdown: specKeyMarkdown(sub), start: contentStart + pieceStart, end: contentStart + pieceEnd };
}

function commentHover(cached: CachedDocument, comment: { start: number; end: number; text: string }, offset: number): HoverResult | undefined {
  const text = cached.checked.tree.text;
  let ws = offset;
  while (ws > comment.start && /[A-Za-z0-9_-]/.test(text[ws - 1])) ws--;
  let we = offset;
  while (we < comment.end && /[A-Za-z0-9_-]/.test(text[we])) we++;
  const word = text.slice(ws, we);
  const rule = RULES.get(word as RuleCode);
  if (rule && /^\s*xlcfg-(disable|enable)/.test(comment.text)) return { markdown: ruleMarkdown(rule), start: ws, end: we };
  if (/^\s*xlcfg:/.test(comment.text)) {
    const d = cached.directives;
    const lines = ['**xlcfg file settings** — they override the editor settings for this file.', ''];
    lines.push(`This file is checked for ${describeTarget(cached.checked.options.xen, cached.checked.options.xenSource)}, channel dialect ${code(cached.options.dialect ?? 'auto')}${d.dialect ? ' (from this file)' : ''}.`);
    const ignored = d.ignored.filter((i) => i.start >= comment.start && i.end <= comment.end + 1);
    for (const i of ignored) lines.push('', `Ignored: ${escapeMarkdown(i.reason)}`);
    return { markdown: lines.join('\n'), start: comment.start, end: comment.end };
  }
  return undefined;
}

export function hoverAt(cached: CachedDocument, offset: number, man?: ManPageSource): HoverResult | undefined {
  const { checked } = cached;
  const { tree } = checked;
  const comment = commentAt(tree, offset);
  if (comment) return commentHover(cached, comment, offset);

  const st = nameAt(tree, offset);
  if (st?.name) return keyHover(cached, st.name, man);

  // Inside a string token (the cursor between its quotes).
  const k = tree.tokens.indexAt(offset);
  if (tree.tokens.kinds[k] !== TokenKind.String || offset <= tree.tokens.starts[k] || offset >= tree.tokens.ends[k]) return undefined;
  const ctx = cursorContext(checked, offset);
  if (ctx.kind !== 'string') return undefined;
  const sctx: StringHoverContext = { man, cached, checked, key: ctx.key, offset, string: ctx.string, inList: ctx.inList, list: ctx.list, itemIndex: ctx.itemIndex };
  // Keys whose strings have a grammar of their own: their feature module answers.
  if (ctx.key === 'channel') return channelHover(sctx);
  if (PROVIDER_ONLY_KEYS.has(ctx.key)) return undefined;
  const device = deviceHover(sctx);
  if (device) return device;
  return specHover(checked, ctx.key, ctx.string, offset);
}

export function provideHover(doc: TextDocument, cached: CachedDocument, position: Position, man?: ManPageSource): Hover | null {
  const r = hoverAt(cached, doc.offsetAt(position), man);
  if (!r) return null;
  return { contents: { kind: MarkupKind.Markdown, value: r.markdown }, range: toRange(doc, r.start, r.end) };
}
