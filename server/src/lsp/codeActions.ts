/**
 * Code actions: the quick fixes of check/fixes (pure functions of the
 * diagnostics) as LSP code actions, each tied to the diagnostic it fixes.
 */
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic as LspDiagnostic, OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../check/diagnostic';
import type { Fix } from '../check/edit';
import { disableFixes, ruleFixes } from '../check/fixes';
import type { CachedDocument } from './documentCache';
import { fromLspDiagnostic, toRange } from './diagnostics';
import { CLIENT_COMMANDS } from './protocol';

export interface CodeActionOptions {
  /** The client understands versioned documentChanges (the edit is refused if the document moved on). */
  documentChanges?: boolean;
  /** Commands of CLIENT_COMMANDS the client runs (initializationOptions.clientCommands). */
  clientCommands?: ReadonlySet<string>;
}

/**
 * What the editor must do itself. VS Code rewrites every line break it
 * inserts to the document's end of line, so the CRLF fix's text edits change
 * nothing there: its own end-of-line command converts the file. A BOM the
 * editor took out of the text cannot be edited away: the file is saved without it.
 */
function editorAction(d: Diagnostic, doc: TextDocument, ld: LspDiagnostic, options: CodeActionOptions): CodeAction | undefined {
  const commands = options.clientCommands;
  if (d.code === 'syntax-crlf' && commands?.has(CLIENT_COMMANDS.convertToLf)) {
    const title = 'Convert the line endings to LF (whole file)';
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [ld], isPreferred: true, command: { title, command: CLIENT_COMMANDS.convertToLf, arguments: [doc.uri] } };
  }
  if (d.code === 'syntax-bom' && doc.getText().charCodeAt(0) !== 0xfeff && commands?.has(CLIENT_COMMANDS.saveWithoutBom)) {
    const title = 'Save the file without the byte order mark';
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [ld], isPreferred: true, command: { title, command: CLIENT_COMMANDS.saveWithoutBom, arguments: [doc.uri] } };
  }
  return undefined;
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
    const editorFix = editorAction(d, doc, ld, options);
    if (editorFix) {
      const key = `${editorFix.title}\u0000command`;
      const seen = byKey.get(key);
      if (seen) seen.diagnostics!.push(ld);
      else {
        byKey.set(key, editorFix);
        own.push(editorFix);
      }
      continue;
    }
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
