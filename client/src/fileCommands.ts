/**
 * The two quick fixes an editor must do itself (the server attaches them as
 * commands, lsp/codeActions.ts):
 *  - line endings to LF: VS Code rewrites every line break it inserts to the
 *    document's end of line, so text edits cannot do it; the editor's own
 *    end-of-line setting does;
 *  - saving without a byte order mark: VS Code takes the BOM out of the text,
 *    so no edit can remove it; the file's bytes are rewritten without it (the
 *    editor reloads the file, now without a BOM) and the server is told.
 */
import * as vscode from 'vscode';
import { CLIENT_COMMANDS } from '../../server/src/lsp/protocol';

function documentOf(uri: unknown): vscode.TextDocument | undefined {
  const wanted = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : vscode.window.activeTextEditor?.document.uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === wanted);
}

async function convertToLf(uri: unknown): Promise<boolean> {
  const doc = documentOf(uri);
  if (!doc) return false;
  if (doc.eol === vscode.EndOfLine.LF && !doc.getText().includes('\r')) return true;
  const editor = await vscode.window.showTextDocument(doc, { preserveFocus: false, preview: false });
  return editor.edit((b) => b.setEndOfLine(vscode.EndOfLine.LF));
}

async function saveWithoutBom(uri: unknown, fileChanged: (uri: string) => void): Promise<boolean> {
  const doc = documentOf(uri);
  if (!doc || doc.uri.scheme === 'untitled') return false;
  // Unsaved changes go to disk first (still with the BOM), then the BOM goes.
  if (doc.isDirty && !(await doc.save())) return false;
  const bytes = await vscode.workspace.fs.readFile(doc.uri);
  if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return true;
  await vscode.workspace.fs.writeFile(doc.uri, bytes.subarray(3));
  fileChanged(doc.uri.toString());
  return true;
}

export function registerFileCommands(fileChanged: (uri: string) => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CLIENT_COMMANDS.convertToLf, convertToLf),
    vscode.commands.registerCommand(CLIENT_COMMANDS.saveWithoutBom, (uri: unknown) => saveWithoutBom(uri, fileChanged)),
  );
}
