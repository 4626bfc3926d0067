/**
 * Document links: the absolute paths of kernel=, ramdisk=, bootloader=,
 * firmware= ... (model/filePaths.ts) open the file they name (Ctrl+click).
 */
import type { DocumentLink } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { filePaths } from '../model/filePaths';
import type { CachedDocument } from './documentCache';
import { toRange } from './diagnostics';

/** A file: URI for an absolute POSIX path (each segment percent-encoded). */
export function fileUri(path: string): string {
  return 'file://' + path.split('/').map(encodeURIComponent).join('/');
}

export function documentLinks(cached: CachedDocument, doc: TextDocument): DocumentLink[] {
  return filePaths(cached.checked.model).map((p) => ({ range: toRange(doc, p.span.start, p.span.end), target: fileUri(p.path), tooltip: `Open ${p.path} (${p.key})` }));
}
