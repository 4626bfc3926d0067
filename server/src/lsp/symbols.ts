/**
 * The outline: one symbol per setting (broken ones included while they have
 * a name), its value as detail; the items of spec lists (disk, vif, channel,
 * ...) as children, named by their (shortened) text.
 *
 * A key's children can be named by its feature module (itemSymbol: channel
 * items by their name= value, from channelFeatures.ts).
 */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckedDocument } from '../check';
import { getKeyDoc } from '../docs/keys';
import type { Statement, ValueNode } from '../syntax/cst';
import type { CachedDocument } from './documentCache';
import { channelSymbol } from './channelFeatures';
import { deviceSymbol } from './deviceFeatures';
import { DEVICE_KEYS } from '../model/devices/document';
import { toRange } from './diagnostics';

/** What a provider says about one list item. */
export interface ListItemSymbol {
  name: string;
  detail?: string;
}

/** How the feature module of a key names its list items; undefined when no module does. */
function itemSymbolNamer(key: string): ((item: ValueNode, index: number, key: string, checked: CheckedDocument) => ListItemSymbol | undefined) | undefined {
  if (key === 'channel') return channelSymbol;
  if (DEVICE_KEYS.has(key)) return deviceSymbol;
  return undefined;
}

/** Keeps a label to one line and at most `max` characters. */
export function shorten(s: string, max = 40): string {
  const one = s.replace(/[\r\n\t]+/g, ' ');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

function valuePreview(v: ValueNode, text: string): string {
  if (v.kind === 'list') return `[${v.items.length} item${v.items.length === 1 ? '' : 's'}${v.close < 0 ? ', unclosed' : ''}]`;
  return shorten(text.slice(v.start, v.end), 60);
}

function settingKind(st: Statement): SymbolKind {
  if (st.kind !== 'assignment') return SymbolKind.Property;
  const doc = getKeyDoc(st.name.text);
  switch (st.value.kind) {
    case 'list':
      return SymbolKind.Array;
    case 'number':
      return doc?.valueType === 'boolean' || doc?.valueType === 'boolean-or-string' || doc?.valueType === 'boolean-or-list' ? SymbolKind.Boolean : SymbolKind.Number;
    default:
      return doc?.kind === 'spec-string' ? SymbolKind.Object : SymbolKind.String;
  }
}

/** Whether a key's list items get their own symbols. */
function hasItemSymbols(key: string): boolean {
  if (itemSymbolNamer(key)) return true;
  const doc = getKeyDoc(key);
  return doc?.kind === 'spec-list' || doc?.kind === 'nested-list';
}

function itemSymbols(st: Statement, checked: CheckedDocument, doc: TextDocument): DocumentSymbol[] | undefined {
  if (st.kind !== 'assignment' || st.value.kind !== 'list' || !hasItemSymbols(st.name.text)) return undefined;
  const key = st.name.text;
  const provider = itemSymbolNamer(key);
  const out: DocumentSymbol[] = [];
  st.value.items.forEach((item, index) => {
    let label: ListItemSymbol | undefined;
    try {
      label = provider?.(item, index, key, checked);
    } catch {
      label = undefined;
    }
    const name = label?.name || (item.kind === 'string' ? shorten(item.value || '""') : item.kind === 'list' ? `[${item.items.length} items]` : shorten(item.value));
    const range = toRange(doc, item.start, item.end);
    out.push({ name: name || `#${index + 1}`, detail: label?.detail ?? `${key} #${index + 1}`, kind: item.kind === 'list' ? SymbolKind.Array : SymbolKind.Object, range, selectionRange: range });
  });
  return out;
}

export function documentSymbols(cached: CachedDocument, doc: TextDocument): DocumentSymbol[] {
  const { checked } = cached;
  const text = checked.tree.text;
  const out: DocumentSymbol[] = [];
  for (const st of checked.tree.statements) {
    if (!st.name) continue;
    const end = Math.max(st.end, st.name.end);
    const detail = st.kind === 'assignment' ? `${st.op === '+=' ? '+= ' : ''}${valuePreview(st.value, text)}` : 'incomplete';
    const sym: DocumentSymbol = {
      name: st.name.text || '?',
      detail,
      kind: settingKind(st),
      range: toRange(doc, st.start, end),
      selectionRange: toRange(doc, st.name.start, st.name.end),
    };
    const children = itemSymbols(st, checked, doc);
    if (children?.length) sym.children = children;
    out.push(sym);
  }
  return out;
}
