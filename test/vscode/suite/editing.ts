/**
 * Format Document and the file links, through the editor's own commands.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from './harness';
import { diagnosticsWhere, openCopy } from './helpers';

const MESSY = 'name="web01"\nmemory   = 1024\nkernel = "/boot/vmlinuz-6.1" # the kernel\ndisk=[ "phy:/dev/vg/a,xvda,w",\n  "phy:/dev/vg/b,xvdb,w" ]\n';

test('Format Document lays the file out and keeps every comment; a file with syntax errors is left alone', async () => {
  const editor = await openCopy('format', () => MESSY);
  const doc = editor.document;
  await diagnosticsWhere(doc.uri, 'the server to read the file', () => true);
  const edits = await waitFor('formatting edits', async () => {
    const e = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
    return e && e.length ? e : undefined;
  });
  const we = new vscode.WorkspaceEdit();
  we.set(doc.uri, edits);
  assert.ok(await vscode.workspace.applyEdit(we));
  assert.equal(doc.getText(), 'name     = "web01"\nmemory   = 1024\nkernel   = "/boot/vmlinuz-6.1" # the kernel\ndisk     = [\n    "phy:/dev/vg/a,xvda,w",\n    "phy:/dev/vg/b,xvdb,w",\n]\n');
  const broken = await openCopy('format-broken');
  await diagnosticsWhere(broken.document.uri, 'the broken file read', (ds) => ds.length > 0);
  const none = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', broken.document.uri, { tabSize: 4, insertSpaces: true });
  assert.deepEqual(none ?? [], []);
}, 60_000);

test('the kernel path is a link to the file', async () => {
  const editor = await openCopy('links', () => MESSY);
  const doc = editor.document;
  const links = await waitFor('document links', async () => {
    const l = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    return l && l.length ? l : undefined;
  });
  assert.deepEqual(links.map((l) => [doc.getText(l.range), l.target?.toString()]), [['/boot/vmlinuz-6.1', 'file:///boot/vmlinuz-6.1']]);
}, 60_000);
