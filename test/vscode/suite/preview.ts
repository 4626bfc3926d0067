/**
 * "xl.cfg: Open Preview to the Side" opens the preview webview beside the
 * editor; settings changes reach the language server live.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { onCleanup, test, waitFor } from './harness';
import { codeOf, diagnosticsWhere, openCopy, withCode } from './helpers';

function previewTabs(): { tab: vscode.Tab; group: vscode.TabGroup }[] {
  return vscode.window.tabGroups.all.flatMap((group) =>
    group.tabs.filter((tab) => tab.input instanceof vscode.TabInputWebview && /(^|-)xlcfg\.preview$/.test(tab.input.viewType)).map((tab) => ({ tab, group })),
  );
}

function describeTabs(): unknown {
  return vscode.window.tabGroups.all.map((g) => ({
    column: g.viewColumn,
    tabs: g.tabs.map((t) => ({ label: t.label, input: t.input && (t.input as { viewType?: string }).viewType })),
  }));
}

test('xlcfg.showPreviewToSide opens a preview webview in another column', async () => {
  const editor = await openCopy('preview');
  const editorColumn = editor.viewColumn;
  assert.equal(editorColumn, vscode.ViewColumn.One);
  await vscode.commands.executeCommand('xlcfg.showPreviewToSide');
  const [{ tab, group }] = await waitFor('a preview webview tab', () => (previewTabs().length ? previewTabs() : undefined), { timeout: 20_000, describe: describeTabs });
  assert.match(tab.label, /Preview/);
  assert.match(tab.label, /preview\.cfg/);
  assert.notEqual(group.viewColumn, editorColumn, 'the preview is beside the editor, not over it');
  // The editor stays where it was, still showing the file (preserveFocus).
  const editorTab = vscode.window.tabGroups.all.find((g) => g.viewColumn === editorColumn)?.tabs.find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === editor.document.uri.toString());
  assert.ok(editorTab, 'the editor tab is still in its column');
  // Running the command again reuses the panel.
  await vscode.commands.executeCommand('xlcfg.showPreviewToSide');
  assert.equal(previewTabs().length, 1, 'one preview panel');
}, 45_000);

test('settings apply live: xlcfg.channel.dialect = seed changes the diagnostics', async () => {
  const { document: doc } = await openCopy('settings');
  const config = () => vscode.workspace.getConfiguration('xlcfg', doc.uri); // the setting is resource-scoped
  const connectionUnknown = (ds: vscode.Diagnostic[]) => withCode(ds, 'channel-unknown-key').filter((d) => doc.getText(d.range) === 'connection');
  await diagnosticsWhere(doc.uri, 'the upstream reading (auto picks connection=)', (ds) => withCode(ds, 'channel-missing-connection').length > 0 && connectionUnknown(ds).length === 0);
  assert.equal(config().get('channel.dialect'), 'auto');
  onCleanup(() => config().update('channel.dialect', undefined, vscode.ConfigurationTarget.Global));
  await config().update('channel.dialect', 'seed', vscode.ConfigurationTarget.Global);
  const seed = await diagnosticsWhere(doc.uri, 'the seed reading: connection= unknown, channels without type=', (ds) => connectionUnknown(ds).length >= 5 && withCode(ds, 'channel-no-output').length >= 5 && withCode(ds, 'channel-missing-connection').length === 0);
  assert.ok(seed.every((d) => codeOf(d) !== 'channel-unknown-connection'), 'connection=PTY is no longer read as a connection');
  await config().update('channel.dialect', undefined, vscode.ConfigurationTarget.Global);
  await diagnosticsWhere(doc.uri, 'the upstream reading again after the setting is removed', (ds) => withCode(ds, 'channel-missing-connection').length > 0 && withCode(ds, 'channel-no-output').length === 0);
}, 60_000);
