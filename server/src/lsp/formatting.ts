/**
 * Format Document: the core formatter (format/) on the cached tree, its
 * offset edits as LSP text edits. A file left alone (syntax errors) gets no
 * edits and the reason, for the caller to tell the user.
 */
import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatTree } from '../format';
import type { CachedDocument } from './documentCache';
import { toRange } from './diagnostics';

/** The editor's indentation when it is spaces of a sensible width, else four. */
function indentOf(options: FormattingOptions): number {
  return options.insertSpaces && Number.isInteger(options.tabSize) && options.tabSize >= 1 && options.tabSize <= 8 ? options.tabSize : 4;
}

export function formatDocument(cached: CachedDocument, doc: TextDocument, options: FormattingOptions): { edits: TextEdit[]; skipped?: string } {
  const r = formatTree(cached.checked.tree, { indent: indentOf(options) });
  const edits = r.edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText }));
  return r.skipped ? { edits, skipped: r.skipped } : { edits };
}
