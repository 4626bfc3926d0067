/**
 * Configs kept outside /etc/xen open as Properties (.cfg, .conf) or plain
 * text (no extension): the extension asks the server and switches the real
 * domain configs to xl.cfg, and leaves INI files alone. Suggestions open by
 * themselves inside strings of xl.cfg files (configurationDefaults).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { onCleanup, test, waitFor } from './harness';
import { closeAll, diagnosticsWhere, workspaceRoot } from './helpers';

const DOMAIN = 'name = "web01"\nmemory = 1024\nvcpus = 2\ndisk = [ "phy:/dev/vg/web01,xvda,w" ]\nvif = [ "bridge=xenbr0" ]\n';

async function writeFile(rel: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), rel);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  onCleanup(() => vscode.workspace.fs.delete(uri).then(undefined, () => undefined));
  return uri;
}

/** The language the open document of `uri` has now (documents are replaced when their language changes). */
function languageOf(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed)?.languageId;
}

test('a domain config outside /etc/xen (.cfg, .conf, no extension) switches from Properties/plain text to xl.cfg; an INI file stays', async () => {
  onCleanup(closeAll);
  const ini = await writeFile('srv/app.cfg', '[global]\nname = "files"\nmemory = 512\n');
  const cfg = await writeFile('xen/web01.cfg', DOMAIN);
  const conf = await writeFile('xen/db.conf', DOMAIN.replace('web01', 'db'));
  const bare = await writeFile('xen/auto-less', DOMAIN.replace('web01', 'bare'));
  // The INI file first: the server answers in order, so once the later files have switched, its answer is in.
  const iniDoc = await vscode.workspace.openTextDocument(ini);
  assert.equal(iniDoc.languageId, 'properties', 'VS Code opens .cfg as Properties');
  for (const uri of [cfg, conf, bare]) {
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.notEqual(doc.languageId, 'xlcfg', `${uri.path} is not xl.cfg by name`);
  }
  for (const uri of [cfg, conf, bare]) await waitFor(`${uri.path} to switch to xl.cfg`, () => languageOf(uri) === 'xlcfg', { describe: () => languageOf(uri) });
  assert.equal(languageOf(ini), 'properties', 'the INI file stays Properties');
  // Once xl.cfg, the file is checked.
  const shown = await vscode.window.showTextDocument(cfg);
  assert.equal(shown.document.languageId, 'xlcfg');
  const symbols = await waitFor('the outline of the switched file', async () => {
    const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', cfg);
    return s && s.length ? s : undefined;
  });
  assert.deepEqual(symbols.map((s) => s.name), ['name', 'memory', 'vcpus', 'disk', 'vif']);
}, 60_000);

test('the project\'s examples/mistakes.cfg copied outside /etc/xen is recognised despite its mistakes; a file the user switched back stays', async () => {
  onCleanup(closeAll);
  const fixture = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), 'etc/xen/broken-channels.cfg'));
  const uri = await writeFile('examples/mistakes.cfg', new TextDecoder().decode(fixture));
  await vscode.workspace.openTextDocument(uri);
  await waitFor('mistakes.cfg to switch to xl.cfg', () => languageOf(uri) === 'xlcfg', { describe: () => languageOf(uri) });
  // Shown, as a user opens it: VS Code pulls the diagnostics of the files it shows.
  await vscode.window.showTextDocument(uri);
  await diagnosticsWhere(uri, 'its mistakes', (ds) => ds.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'channel-unknown-connection'));
  // The user says "Properties" after all: it stays (each file is asked about once).
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed)!;
  await vscode.languages.setTextDocumentLanguage(doc, 'properties');
  const other = await writeFile('examples/other.cfg', DOMAIN);
  await vscode.workspace.openTextDocument(other);
  await waitFor('a later file to switch (the server has answered everything before it)', () => languageOf(other) === 'xlcfg');
  assert.equal(languageOf(uri), 'properties');
}, 60_000);

test('with xlcfg.detect.byContent off, a domain config opened as Properties stays Properties', async () => {
  onCleanup(closeAll);
  const config = vscode.workspace.getConfiguration('xlcfg');
  onCleanup(() => config.update('detect.byContent', undefined, vscode.ConfigurationTarget.Global));
  await config.update('detect.byContent', false, vscode.ConfigurationTarget.Global);
  const off = await writeFile('xen/off.cfg', DOMAIN);
  await vscode.workspace.openTextDocument(off);
  await config.update('detect.byContent', undefined, vscode.ConfigurationTarget.Global);
  const on = await writeFile('xen/on.cfg', DOMAIN);
  await vscode.workspace.openTextDocument(on);
  await waitFor('the file opened with the setting on to switch', () => languageOf(on) === 'xlcfg');
  assert.equal(languageOf(off), 'properties');
}, 60_000);

test('suggestions open by themselves inside xl.cfg strings (editor.quickSuggestions.strings for [xlcfg])', async () => {
  const q = vscode.workspace.getConfiguration('editor', { languageId: 'xlcfg' }).get<Record<string, string>>('quickSuggestions');
  assert.equal(q?.strings, 'on', JSON.stringify(q));
  const plain = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext' }).get<Record<string, string>>('quickSuggestions');
  assert.notEqual(plain?.strings, 'on', 'only for xl.cfg files');
});
