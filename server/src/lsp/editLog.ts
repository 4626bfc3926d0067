/**
 * The region each document's edits replaced, as the client described them
 * (incremental sync), folded from one checked version to the next: the cache
 * then finds the changed region from it (diffWithin) instead of comparing
 * two whole texts (diffTexts), which cost a 2 MB document several
 * milliseconds per keystroke. Anything it cannot follow (a full-text change,
 * several changes in one message) leaves the comparison to diffTexts.
 */
import type { Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../syntax/incremental';

interface Folded {
  /** The versions the region spans. */
  from: number;
  to: number;
  /** The texts are equal before `start` and in their last `suffix` characters. */
  start: number;
  suffix: number;
}

export class EditLog {
  private readonly byUri = new Map<string, Folded>();

  /** `doc` (as it is now) is about to get `changes` and become `version` (call before TextDocument.update, which changes `doc` in place). */
  record(doc: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    const range = changes.length === 1 ? (changes[0] as { range?: Range }).range : undefined;
    if (!range) {
      this.byUri.delete(doc.uri);
      return;
    }
    // (As TextDocument.update reads a range: ends in either order.)
    const a = doc.offsetAt(range.start);
    const b = doc.offsetAt(range.end);
    const start = Math.min(a, b);
    const suffix = doc.getText().length - Math.max(a, b);
    const last = this.byUri.get(doc.uri);
    if (last && last.to === doc.version) {
      last.to = version;
      last.start = Math.min(last.start, start);
      last.suffix = Math.min(last.suffix, suffix);
    } else {
      this.byUri.set(doc.uri, { from: doc.version, to: version, start, suffix });
    }
  }

  /**
   * The region where the texts of versions `from` and `to` can differ, if the
   * client described every edit between them. Asked once per new version
   * checked: the log then starts again from `to`.
   */
  region(uri: string, from: number, to: number, oldLength: number, newLength: number): TextChange | undefined {
    const f = this.byUri.get(uri);
    this.byUri.delete(uri);
    if (!f || f.from !== from || f.to !== to) return undefined;
    const suffix = Math.min(f.suffix, oldLength - f.start, newLength - f.start);
    if (suffix < 0) return undefined;
    return { start: f.start, oldEnd: oldLength - suffix, newEnd: newLength - suffix };
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
