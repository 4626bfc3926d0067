/**
 * The language features through the real `vscode` API: activation, the
 * diagnostics VS Code holds, quick fixes, completion and hover as the
 * editor's own commands return them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { test, waitFor } from './harness';
import { codeOf, codeTarget, completionLabels, describeDiagnostics, diagnosticsWhere, EXTENSION_ID, hoverText, openCopy, positionOf, withCode } from './helpers';

/** The channel problems of the fixture (a copy of examples/mistakes.cfg), 0-based line and column, and the text under the range. */
const EXPECTED: { code: string; line: number; character: number; text?: RegExp; severity: vscode.DiagnosticSeverity }[] = [
  { code: 'channel-missing-name', line: 7, character: 4, text: /^"connection=socket,path=\/run\/xen\/broken-agent\.sock"$/, severity: vscode.DiagnosticSeverity.Error },
  { code: 'channel-duplicate-name', line: 8, character: 10, text: /org\.example\.log\.0/, severity: vscode.DiagnosticSeverity.Error },
  { code: 'channel-unknown-connection', line: 8, character: 39, text: /^PTY$/, severity: vscode.DiagnosticSeverity.Error },
  { code: 'channel-duplicate-name', line: 9, character: 10, text: /org\.example\.log\.0/, severity: vscode.DiagnosticSeverity.Error },
  { code: 'channel-missing-path', line: 9, character: 39, severity: vscode.DiagnosticSeverity.Error },
  { code: 'channel-ignored-path', line: 10, character: 43, text: /^path=\/tmp\/ignored$/, severity: vscode.DiagnosticSeverity.Warning },
  { code: 'channel-relative-path', line: 11, character: 51, text: /relative\.sock/, severity: vscode.DiagnosticSeverity.Warning },
  { code: 'channel-missing-connection', line: 12, character: 4, severity: vscode.DiagnosticSeverity.Error },
  { code: 'channel-unknown-key', line: 12, character: 26, text: /^type$/, severity: vscode.DiagnosticSeverity.Warning },
  { code: 'channel-seed-dialect', line: 6, character: 0, severity: vscode.DiagnosticSeverity.Error },
];

test('the extension activates on an xl.cfg file', async () => {
  const editor = await openCopy('activate');
  assert.equal(editor.document.languageId, 'xlcfg', `language of ${editor.document.uri.path}`);
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed/loaded`);
  await waitFor('the extension to be active', () => ext.isActive);
  assert.match(String(ext.packageJSON.engines?.vscode), /^\^1\.\d+\.\d+$/);
  const commands = await vscode.commands.getCommands(true);
  assert.ok(commands.includes('xlcfg.showPreviewToSide'), 'xlcfg.showPreviewToSide is registered');
}, 60_000);

test('diagnostics: every channel error with its code, severity, range and docs link', async () => {
  const { document: doc } = await openCopy('diagnostics');
  const ds = await diagnosticsWhere(doc.uri, 'the channel diagnostics', (ds) => EXPECTED.every((e) => withCode(ds, e.code).length > 0), 60_000);
  for (const e of EXPECTED) {
    const d = ds.find((d) => codeOf(d) === e.code && d.range.start.line === e.line && d.range.start.character === e.character);
    assert.ok(d, `no ${e.code} at ${e.line + 1}:${e.character + 1}; have ${JSON.stringify(describeDiagnostics(doc.uri))}`);
    assert.equal(d.severity, e.severity, `severity of ${e.code}`);
    assert.ok(!d.range.isEmpty, `${e.code} has a non-empty range`);
    if (e.text) assert.match(doc.getText(d.range), e.text, `text under ${e.code}`);
    assert.match(d.message, /\S/);
    assert.equal(d.source, 'xlcfg');
    assert.match(String(codeTarget(d)), new RegExp(`${e.code}`), `${e.code} links to its documentation`);
  }
  const dup = withCode(ds, 'channel-duplicate-name')[0];
  assert.ok(dup.relatedInformation?.length, 'a duplicate name points at the other channel');
  // Outside the channel list too: the unit suffix and the Python-style name.
  assert.ok(withCode(ds, 'syntax-number-format').some((d) => d.range.start.line === 3));
}, 90_000);

test('VS Code pulls the diagnostics: typing inside a line keeps them all, a line added moves them all, a new mistake is added to them', async () => {
  const editor = await openCopy('pulled');
  const doc = editor.document;
  await diagnosticsWhere(doc.uri, 'the channel diagnostics', (ds) => EXPECTED.every((e) => withCode(ds, e.code).length > 0), 60_000);
  const before = describeDiagnostics(doc.uri) as Array<{ line: number }>;
  // Inside the first line's comment: no diagnostic moves (the server answers "unchanged").
  assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 2), 'x')));
  // A line added at the top: every diagnostic one line lower.
  assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# added\n')));
  const moved = JSON.stringify(before.map((d) => ({ ...d, line: d.line + 1 })));
  await diagnosticsWhere(doc.uri, 'every diagnostic one line lower', () => JSON.stringify(describeDiagnostics(doc.uri)) === moved);
  // Inside a line again, then a new mistake at the end: the list is the moved one plus it.
  assert.ok(await editor.edit((b) => b.insert(new vscode.Position(1, 3), 'y')));
  const added = doc.lineCount;
  assert.ok(await editor.edit((b) => b.insert(doc.lineAt(added - 1).range.end, '\nVcpus = 2\n')));
  await diagnosticsWhere(doc.uri, 'the new mistake', (ds) => withCode(ds, 'syntax-uppercase-name').some((d) => d.range.start.line === added));
  const rest = (describeDiagnostics(doc.uri) as Array<{ line: number }>).filter((d) => d.line < added);
  assert.equal(JSON.stringify(rest), moved, 'the others stay as they were');
}, 60_000);

test('quick fix: "Change to \'pty\'" from the code action provider, applied with workspace.applyEdit', async () => {
  const { document: doc } = await openCopy('quickfix');
  const [bad] = withCode(await diagnosticsWhere(doc.uri, 'channel-unknown-connection', (ds) => withCode(ds, 'channel-unknown-connection').length > 0), 'channel-unknown-connection');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, bad.range);
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a) => a.title === "Change to 'pty'");
  assert.ok(fix, `no "Change to 'pty'" among ${JSON.stringify(titles)}`);
  assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.equal(fix.isPreferred, true);
  assert.ok(fix.edit, 'the fix carries its edit');
  // xl refuses the file for this one: nothing may silence it, so no "disable" action.
  assert.ok(!titles.some((t) => /disable|xlcfg-disable/i.test(t)), `no "disable" action for a finding xl refuses the file for: ${JSON.stringify(titles)}`);
  const before = doc.getText();
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  assert.equal(doc.getText(), before.replace('connection=PTY', 'connection=pty'), 'only that word changed');
  await diagnosticsWhere(doc.uri, 'channel-unknown-connection to go away after the fix', (ds) => withCode(ds, 'channel-unknown-connection').length === 0 && withCode(ds, 'channel-missing-name').length > 0);

  // A fix that adds a piece: "Remove the ignored path=" on the pty channel.
  const [ignored] = withCode(vscode.languages.getDiagnostics(doc.uri), 'channel-ignored-path');
  const more = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, ignored.range);
  const remove = more.find((a) => a.title === 'Remove the ignored path=');
  assert.ok(remove?.edit, `no "Remove the ignored path=" among ${JSON.stringify(more.map((a) => a.title))}`);
  assert.ok(more.some((a) => /disable/i.test(a.title)), `a warning xl only ignores can be silenced: ${JSON.stringify(more.map((a) => a.title))}`);
  assert.ok(await vscode.workspace.applyEdit(remove.edit));
  assert.equal(doc.lineAt(10).text, '    "name=org.example.cfg.0,connection=pty",');
  await diagnosticsWhere(doc.uri, 'channel-ignored-path to go away', (ds) => withCode(ds, 'channel-ignored-path').length === 0);
}, 60_000);

test('completion inside a channel string: keys, then the values of connection=', async () => {
  const editor = await openCopy('completion');
  const doc = editor.document;
  // A new entry before the closing bracket of the channel list.
  const close = doc.lineAt(13);
  assert.equal(close.text, ']');
  assert.ok(await editor.edit((b) => b.insert(close.range.start, '    "name=org.example.new.0,"\n')));
  const afterComma = positionOf(doc, '"name=org.example.new.0,');
  const keys = await completionLabels(doc.uri, afterComma, ',');
  for (const k of ['connection', 'path', 'backend']) assert.ok(keys.labels.includes(k), `key ${k} offered: ${JSON.stringify(keys.labels)}`);
  assert.ok(!keys.labels.includes('name'), 'name= is given already');
  // Accept "connection" as the editor would (its text edit), then ask for the values.
  const item = keys.list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'connection')!;
  const insert = typeof item.insertText === 'string' ? item.insertText : (item.insertText?.value ?? 'connection');
  const range = item.range ? ('inserting' in item.range ? item.range.inserting : item.range) : new vscode.Range(afterComma, afterComma);
  assert.ok(await editor.edit((b) => b.replace(range, insert)));
  assert.match(doc.lineAt(13).text, /^ {4}"name=org\.example\.new\.0,connection=?"$/);
  if (!doc.lineAt(13).text.includes('connection=')) await editor.edit((b) => b.insert(positionOf(doc, ',connection', { line: 13 }), '='));
  const values = await completionLabels(doc.uri, positionOf(doc, ',connection=', { line: 13 }), '=');
  assert.deepEqual([...values.labels].sort(), ['pty', 'socket']);
}, 60_000);

test('hover on a channel name and on a connection value', async () => {
  const { document: doc } = await openCopy('hover');
  await diagnosticsWhere(doc.uri, 'the server to have read the file', (ds) => ds.length > 0);
  const onName = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'name=org.example.cfg', { line: 10, atStart: true }).translate(0, 7));
  const nameText = hoverText(onName);
  assert.match(nameText, /org\.example\.cfg\.0/, nameText);
  assert.match(nameText, /console/i, nameText);
  const onSocket = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'connection=socket', { line: 11, atStart: true }).translate(0, 13));
  const socketText = hoverText(onSocket);
  assert.match(socketText, /socket/i, socketText);
  assert.ok(onSocket[0].range && doc.getText(onSocket[0].range).length > 0, 'the hover has a range');
}, 60_000);
