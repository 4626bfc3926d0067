/**
 * Code actions: the quick fixes of check/fixes (pure functions of the
 * diagnostics) as LSP code actions, each tied to the diagnostic it fixes.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic as LspDiagnostic, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Fix } from '../check/edit';
import { disableFixes, ruleFixes } from '../check/fixes';
import type { CachedDocument } from './documentCache';
import { fromLspDiagnostic, toRange } from './diagnostics';

export interface CodeActionOptions {
  /** The client understands versioned documentChanges (the edit is refused if the document moved on). */
  documentChanges?: boolean;
}

function wanted(only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === CodeActionKind.QuickFix || k === '' || CodeActionKind.QuickFix.startsWith(k + '.') || k === 'quickfix');
}

function toWorkspaceEdit(fix: Fix, doc: TextDocument, options: CodeActionOptions): WorkspaceEdit {
  const edits: LspTextEdit[] = fix.edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText }));
  if (options.documentChanges) return { documentChanges: [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(doc.uri, doc.version), edits)] };
  return { changes: { [doc.uri]: edits } };
}

export function codeActions(params: CodeActionParams, doc: TextDocument, cached: CachedDocument, options: CodeActionOptions = {}): CodeAction[] {
  if (!wanted(params.context.only)) return [];
  const own: CodeAction[] = [];
  const disable: CodeAction[] = [];
  const byKey = new Map<string, CodeAction>();
  for (const ld of params.context.diagnostics as LspDiagnostic[]) {
    const d = fromLspDiagnostic(ld, doc, cached);
    if (!d) continue;
    const fixes = ruleFixes(d, cached.checked, { snippets: false }).map((fix) => ({ fix, disable: false }));
    fixes.sort((a, b) => Number(!!b.fix.preferred) - Number(!!a.fix.preferred));
    for (const fix of disableFixes(d, cached.checked)) fixes.push({ fix, disable: true });
    for (const { fix, disable: isDisable } of fixes) {
      // The same fix for several diagnostics (e.g. "convert line endings", "disable X in this file") is offered once.
      const key = `${fix.title}\u0000${JSON.stringify(fix.edits)}`;
      const seen = byKey.get(key);
      if (seen) {
        seen.diagnostics!.push(ld);
        continue;
      }
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [ld], edit: toWorkspaceEdit(fix, doc, options) };
      if (fix.preferred) action.isPreferred = true;
      byKey.set(key, action);
      (isDisable ? disable : own).push(action);
    }
  }
  return [...own, ...disable];
}
