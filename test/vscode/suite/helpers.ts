/**
 * Helpers for the extension-host suite: fixture copies, diagnostics by code,
 * completion labels, hover text.
 */
import * as vscode from 'vscode';
import { onCleanup, waitFor } from './harness';

export const EXTENSION_ID = 'xlcfg.xlcfg';
/** The fixture every test copies (the runner puts test/vscode/fixtures/workspace in the workspace folder). */
export const FIXTURE = 'etc/xen/broken-channels.cfg';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open: the runner must open the fixture workspace');
  return folder.uri;
}

/**
 * A fresh copy of the fixture as etc/xen/NAME.cfg (the language is chosen by
 * the `** /etc/xen/*.cfg` file pattern, as for a real /etc/xen), shown in the
 * first editor column. Reverted and closed after the test.
 */
export async function openCopy(name: string, transform?: (text: string) => string): Promise<vscode.TextEditor> {
  const root = workspaceRoot();
  const source = vscode.Uri.joinPath(root, FIXTURE);
  const target = vscode.Uri.joinPath(root, 'etc/xen', `${name}.cfg`);
  let bytes = await vscode.workspace.fs.readFile(source);
  if (transform) bytes = new TextEncoder().encode(transform(new TextDecoder().decode(bytes)));
  await vscode.workspace.fs.writeFile(target, bytes);
  const doc = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
  onCleanup(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
  });
  return editor;
}

/** Closes every editor and panel without saving (the tests never save). */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

export function codeTarget(d: vscode.Diagnostic): vscode.Uri | undefined {
  return typeof d.code === 'object' ? d.code.target : undefined;
}

export function describeDiagnostics(uri: vscode.Uri): unknown {
  return vscode.languages.getDiagnostics(uri).map((d) => ({
    code: codeOf(d),
    line: d.range.start.line,
    ch: d.range.start.character,
    endCh: d.range.end.character,
    sev: vscode.DiagnosticSeverity[d.severity],
  }));
}

/** Waits until the diagnostics of `uri` satisfy `check`, and returns them. */
export function diagnosticsWhere(uri: vscode.Uri, what: string, check: (ds: vscode.Diagnostic[]) => boolean, timeout = 30_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    what,
    () => {
      const ds = vscode.languages.getDiagnostics(uri);
      return check(ds) ? ds : undefined;
    },
    { timeout, describe: () => describeDiagnostics(uri) },
  );
}

export function withCode(ds: vscode.Diagnostic[], code: string): vscode.Diagnostic[] {
  return ds.filter((d) => codeOf(d) === code);
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export async function completionLabels(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<{ list: vscode.CompletionList; labels: string[] }> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  return { list, labels: list.items.map(labelOf) };
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}

/** The position just after the `nth` occurrence of `needle` on `line` (or at its start with `atStart`). */
export function positionOf(doc: vscode.TextDocument, needle: string, opts: { line?: number; atStart?: boolean } = {}): vscode.Position {
  const text = doc.getText();
  let from = opts.line !== undefined ? doc.offsetAt(new vscode.Position(opts.line, 0)) : 0;
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} not found in ${doc.uri.path}`);
  from = opts.atStart ? i : i + needle.length;
  return doc.positionAt(from);
}
