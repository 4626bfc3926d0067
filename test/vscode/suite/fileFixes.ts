/**
 * The two fixes the editor must do itself: CRLF line endings (VS Code
 * rewrites inserted line breaks to the document's EOL, so the fix is its own
 * end-of-line command) and a byte order mark (VS Code hides it from the text,
 * the server reads it from the file and the fix saves the file without it).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test } from './harness';
import { diagnosticsWhere, openCopy, withCode } from './helpers';

test('CRLF: the problem shows, and the light-bulb fix really converts the file to LF', async () => {
  const editor = await openCopy('crlf', (t) => t.replace(/\n/g, '\r\n'));
  const doc = editor.document;
  assert.equal(doc.eol, vscode.EndOfLine.CRLF);
  const [crlf] = withCode(await diagnosticsWhere(doc.uri, 'syntax-crlf', (ds) => withCode(ds, 'syntax-crlf').length > 0), 'syntax-crlf');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, crlf.range);
  const fix = actions.find((a) => a.title === 'Convert the line endings to LF (whole file)');
  assert.ok(fix?.command, `a command fix among ${JSON.stringify(actions.map((a) => a.title))}`);
  await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  assert.equal(doc.eol, vscode.EndOfLine.LF);
  assert.ok(!doc.getText().includes('\r'));
  await diagnosticsWhere(doc.uri, 'syntax-crlf to go away', (ds) => withCode(ds, 'syntax-crlf').length === 0 && withCode(ds, 'channel-unknown-connection').length > 0);
}, 60_000);

test('a BOM, which VS Code hides, is reported (xl rejects the file); "Save the file without the byte order mark" removes it from the file', async () => {
  const editor = await openCopy('bom', (t) => `\ufeff${t}`);
  const doc = editor.document;
  assert.ok(!doc.getText().startsWith('\ufeff'), 'VS Code took the BOM out of the text');
  const [bom] = withCode(await diagnosticsWhere(doc.uri, 'syntax-bom', (ds) => withCode(ds, 'syntax-bom').length > 0), 'syntax-bom');
  assert.equal(bom.severity, vscode.DiagnosticSeverity.Error);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, bom.range);
  const fix = actions.find((a) => a.title === 'Save the file without the byte order mark');
  assert.ok(fix?.command, `the fix among ${JSON.stringify(actions.map((a) => a.title))}`);
  const text = doc.getText();
  await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
  const bytes = await vscode.workspace.fs.readFile(doc.uri);
  assert.deepEqual([...bytes.subarray(0, 4)], [...new TextEncoder().encode(text.slice(0, 4))], 'the file starts with its text, no BOM');
  await diagnosticsWhere(doc.uri, 'syntax-bom to go away', (ds) => withCode(ds, 'syntax-bom').length === 0 && withCode(ds, 'channel-unknown-connection').length > 0);
  assert.equal(doc.getText(), text, 'the text is unchanged');
}, 60_000);
