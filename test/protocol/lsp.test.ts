/**
 * The bundled server (dist/server.js --stdio) driven by a real JSON-RPC
 * client: initialize, open, incremental changes, versioned diagnostics,
 * completion, hover (with and without the man page), code actions applied
 * back to the document, symbols, folding, live settings, shutdown/exit.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  DocumentFormattingRequest,
  DocumentLink,
  MessageType,
  DocumentLinkRequest,
  CodeAction,
  CodeActionRequest,
  CompletionList,
  CompletionRequest,
  DiagnosticSeverity,
  DocumentSymbol,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  Hover,
  HoverRequest,
  MarkupContent,
  PublishDiagnosticsParams,
  TextDocumentEdit,
  TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, TestClient } from './client';

const MAN_PAGE_INSTALLED = existsSync('/usr/share/man/man5/xl.cfg.5.gz');

/** Settings per document: documents whose URI contains "noman" get a man page path that does not exist. */
function settingsFor(rules: Record<string, string> = {}) {
  return (uri: string | undefined) => ({
    channel: { dialect: 'auto' },
    xen: { version: '4.20' },
    rules,
    manPage: { enabled: true, path: uri?.includes('noman') ? '/nonexistent/xl.cfg.5.gz' : '' },
  });
}

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);

describe('xlcfg language server over stdio', () => {
  let client: TestClient;

  before(async () => {
    client = await startServer({ settings: settingsFor() });
  });

  after(async () => {
    if (client) await client.stop();
  });

  test('initialize: capabilities', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.ok(caps.completionProvider?.triggerCharacters?.includes('"'));
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix']);
    assert.ok(caps.documentSymbolProvider);
    assert.equal(caps.foldingRangeProvider, true);
    assert.deepEqual(caps.documentLinkProvider, { resolveProvider: false });
    assert.equal(caps.documentFormattingProvider, true);
    assert.equal(client.initializeResult.serverInfo?.name, 'xlcfg');
  });

  test('open: diagnostics for version 1 with code, source, exact range, link and related information', async () => {
    const uri = 'file:///work/open.cfg';
    await client.open(uri, 'name = "vm1"\nMemory = 512\ndisk = [ "a.img",\n');
    const p = await client.diagnosticsFor(uri, 1);
    const upper = p.diagnostics.find((d) => d.code === 'syntax-uppercase-name')!;
    assert.ok(upper, JSON.stringify(codes(p)));
    assert.equal(upper.source, 'xlcfg');
    assert.equal(upper.severity, DiagnosticSeverity.Error);
    assert.deepEqual(upper.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
    assert.equal(upper.codeDescription?.href, 'https://github.com/xlcfg/xlcfg#rule-syntax-uppercase-name');
    const unclosed = p.diagnostics.find((d) => d.code === 'syntax-unclosed-list')!;
    assert.deepEqual(unclosed.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 8 } });
    assert.equal(unclosed.relatedInformation?.[0].location.uri, uri);
    assert.ok(client.configurationRequests >= 1, 'settings were read with workspace/configuration');
  });

  test('incremental changes: diagnostics follow the version', async () => {
    const uri = 'file:///work/incremental.cfg';
    await client.open(uri, 'name = "vm1"\nMemory = 512\nkernel = "/k"\n');
    assert.deepEqual(codes(await client.diagnosticsFor(uri, 1)).includes('syntax-uppercase-name'), true);
    const v2 = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'm' }]);
    const p2 = await client.diagnosticsFor(uri, v2);
    assert.deepEqual(codes(p2), []);
    assert.equal(client.document(uri).getText(), 'name = "vm1"\nmemory = 512\nkernel = "/k"\n');
  });

  test('a burst of edits: the last version is published, and nothing older after it', async () => {
    const uri = 'file:///work/burst.cfg';
    await client.open(uri, 'memory = 1\n');
    await client.diagnosticsFor(uri, 1);
    const from = client.published.length;
    for (let i = 0; i < 30; i++) await client.change(uri, [{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 10 } }, text: String(i % 10) }]);
    const v = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'M' }]);
    const last = await client.diagnosticsFor(uri, v, from);
    assert.ok(codes(last).includes('syntax-uppercase-name'));
    const versions = client.published.slice(from).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'versions only increase');
    assert.equal(new Set(versions).size, versions.length, 'each version is published at most once');
    assert.ok(versions.length <= 31);
  });

  test('completion: keys with snippets, values with quotes, words inside quotes', async () => {
    const uri = 'file:///work/complete.cfg';
    await client.open(uri, 'name = "vm1"\nmem\ntype = \nbios = "se"\nvif = [ "mac=00:16:3e:00:00:01," ]\nchannel = [ "name=a," ]\n');
    const complete = (line: number, character: number) => client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } }) as Promise<CompletionList>;
    const keys = await complete(1, 3);
    const memory = keys.items.find((i) => i.label === 'memory')!;
    assert.ok(memory, JSON.stringify(keys.items.map((i) => i.label)));
    assert.deepEqual(memory.textEdit, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'memory = ${1:1024}' });
    assert.equal(memory.insertTextFormat, 2);
    assert.match((memory.documentation as MarkupContent).value, /Since Xen/);

    const types = await complete(2, 7);
    const hvm = types.items.find((i) => i.label === 'hvm')!;
    assert.equal((hvm.textEdit as TextEdit).newText, '"hvm"');

    const bios = await complete(3, 10);
    const seabios = bios.items.find((i) => i.label === 'seabios')!;
    assert.deepEqual(seabios.textEdit, { range: { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } }, newText: 'seabios' });

    const vif = await complete(4, 31);
    assert.ok(vif.items.some((i) => i.label === 'bridge'));
    // Inside a channel string: the keys not given yet, replacing only inside the quotes.
    const chan = await complete(5, 20);
    assert.deepEqual(chan.items.map((i) => i.label), ['connection', 'path', 'backend']);
    const conn = chan.items.find((i) => i.label === 'connection')!;
    assert.deepEqual(conn.textEdit, { range: { start: { line: 5, character: 20 }, end: { line: 5, character: 20 } }, newText: 'connection=' });
  });

  test('hover: own words and the installed man page; own words only when the man page is not found', async () => {
    const text = 'memory = 512\nvif = [ "bridge=xenbr0" ]\n';
    const withMan = 'file:///work/hover.cfg';
    const noMan = 'file:///work/hover-noman.cfg';
    await client.open(withMan, text);
    await client.open(noMan, text);
    const hover = (uri: string, line: number, character: number) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }) as Promise<Hover | null>;
    const a = (await hover(withMan, 0, 2))!;
    const av = (a.contents as MarkupContent).value;
    assert.match(av, /\*\*memory\*\*/);
    assert.deepEqual(a.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
    if (MAN_PAGE_INSTALLED) assert.match(av, /From the installed xl\.cfg\(5\)/);
    const b = (await hover(noMan, 0, 2))!;
    const bv = (b.contents as MarkupContent).value;
    assert.match(bv, /\*\*memory\*\* — number/);
    assert.doesNotMatch(bv, /installed xl\.cfg/);
    const sub = (await hover(noMan, 1, 11))!;
    assert.match((sub.contents as MarkupContent).value, /\*\*bridge\*\* in `vif` specs/);
    assert.equal(await hover(noMan, 0, 11), null);
  });

  test('code actions: a quick fix applied to the document removes its diagnostic', async () => {
    const uri = 'file:///work/fix.cfg';
    await client.open(uri, 'name = "vm1"\nMemory = 512\nkernel = "/k"\n');
    const p = await client.diagnosticsFor(uri, 1);
    const d = p.diagnostics.find((x) => x.code === 'syntax-uppercase-name')!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const rename = actions.find((a) => a.title === "Rename to 'memory'")!;
    assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(rename.kind, 'quickfix');
    assert.equal(rename.isPreferred, true);
    assert.deepEqual(rename.diagnostics, [d]);
    const edit = rename.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(edit.textDocument.version, 1);
    const v = await client.change(uri, edit.edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.equal(client.document(uri).getText(), 'name = "vm1"\nmemory = 512\nkernel = "/k"\n');
    assert.deepEqual(codes(await client.diagnosticsFor(uri, v)), []);
  });

  test('code actions: disable a rule for a line, applied', async () => {
    const uri = 'file:///work/disable.cfg';
    await client.open(uri, 'name = "vm1"\n  frobnicate = 1\nkernel = "/k"\n');
    const p = await client.diagnosticsFor(uri, 1);
    const d = p.diagnostics.find((x) => !String(x.code).startsWith('syntax-'));
    assert.ok(d, `expected a non-syntax diagnostic, got ${JSON.stringify(codes(p))}`);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const disable = actions.find((a) => a.title === `Disable ${d.code} for this line`)!;
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(actions.some((a) => a.title === `Disable ${d.code} in this file`));
    const edit = disable.edit!.documentChanges![0] as TextDocumentEdit;
    const v = await client.change(uri, edit.edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.equal(client.document(uri).getText(), `name = "vm1"\n  # xlcfg-disable-next-line ${d.code}\n  frobnicate = 1\nkernel = "/k"\n`);
    assert.ok(!codes(await client.diagnosticsFor(uri, v)).includes(d.code));
  });

  test('document symbols and folding ranges', async () => {
    const uri = 'file:///work/outline.cfg';
    await client.open(uri, '# a guest\n# with notes\nname = "vm1"\nmemory = 512\ndisk = [\n  "format=raw,vdev=xvda,target=/dev/vg/g1",\n  "b.img",\n]\n');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['name', 'memory', 'disk']);
    const disk = symbols[2];
    assert.deepEqual(disk.range, { start: { line: 4, character: 0 }, end: { line: 7, character: 1 } });
    assert.deepEqual(disk.selectionRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 4 } });
    // A disk xl reads is named by its vdev; one it refuses by its text.
    assert.deepEqual(disk.children!.map((c) => c.name), ['xvda', 'b.img']);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.deepEqual(folds, [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 4, endLine: 6 },
    ]);
  });

  test('document links: the kernel path opens the file', async () => {
    const uri = 'file:///work/links.cfg';
    await client.open(uri, 'name = "vm1"\nkernel = "/boot/vmlinuz"\n');
    const links = (await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: { uri } })) as DocumentLink[];
    assert.deepEqual(links.map((l) => [l.range, l.target]), [[{ start: { line: 1, character: 10 }, end: { line: 1, character: 23 } }, 'file:///boot/vmlinuz']]);
  });

  test('formatting: edits that lay the file out; a file with syntax errors gets none and a message', async () => {
    const uri = 'file:///work/format.cfg';
    await client.open(uri, 'name="vm1"\ndisk=[ "a",\n "b" ]\n');
    const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) as TextEdit[];
    // The edits are against the text as it was: applied one after the other, last first.
    const v = await client.change(uri, [...edits].reverse().map((e) => ({ range: e.range, text: e.newText })));
    assert.equal(client.document(uri).getText(), 'name = "vm1"\ndisk = [\n    "a",\n    "b",\n]\n');
    await client.diagnosticsFor(uri, v);
    const broken = 'file:///work/format-broken.cfg';
    await client.open(broken, 'memory = 1024M\n');
    const none = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: broken }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(none, []);
    const shown = await client.waitForMessage((m) => /not formatted: the file has syntax errors/.test(m.message));
    assert.equal(shown.type, MessageType.Info);
  });

  test('didChangeConfiguration: a rule severity change applies live to open documents', async () => {
    const uri = 'file:///work/live.cfg';
    await client.open(uri, 'name = "vm1"\nfrobnicate = 1\n');
    const first = await client.diagnosticsFor(uri, 1);
    const d = first.diagnostics.find((x) => x.code === 'xen-key-unknown');
    assert.ok(d, JSON.stringify(codes(first)));
    assert.notEqual(d.severity, DiagnosticSeverity.Error);
    const requestsBefore = client.configurationRequests;
    let from = client.published.length;
    await client.changeSettings(settingsFor({ 'xen-key-unknown': 'error' }));
    const raised = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'xen-key-unknown' && x.severity === DiagnosticSeverity.Error), 20000, from);
    assert.equal(raised.version, 1);
    assert.ok(client.configurationRequests > requestsBefore, 'settings re-read after the change');
    from = client.published.length;
    await client.changeSettings(settingsFor({ 'xen-key-unknown': 'off' }));
    await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((x) => x.code === 'xen-key-unknown'), 20000, from);
    await client.changeSettings(settingsFor());
  });

  test('a file directive overrides the release for that file', async () => {
    const uri = 'file:///work/directive.cfg';
    await client.open(uri, '# xlcfg: xen=4.11\nname = "vm1"\n');
    await client.diagnosticsFor(uri, 1);
    const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 4 } })) as Hover;
    assert.match((h.contents as MarkupContent).value, /checked for Xen 4\.11 \(from this file's # xlcfg: xen= comment\)/);
  });

  test('the xlcfg/preview request is wired to the same cached check', async () => {
    const uri = 'file:///work/preview.cfg';
    await client.open(uri, 'name = "vm1"\nchannel = [ "name=org.example.a,connection=pty" ]\n');
    await client.diagnosticsFor(uri, 1);
    const r = (await client.connection.sendRequest('xlcfg/preview', { uri })) as { uri: string; version: number } | null;
    assert.equal(r?.uri, uri);
    assert.equal(r?.version, 1);
    assert.equal(await client.connection.sendRequest('xlcfg/preview', { uri: 'file:///not-open.cfg' }), null);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = 'file:///work/close.cfg';
    await client.open(uri, 'Memory = 1\n');
    await client.diagnosticsFor(uri, 1);
    const from = client.published.length;
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, () => true, 20000, from);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

test('shutdown and exit end the process with status 0', async () => {
  const c = await startServer();
  await c.open('file:///x.cfg', 'memory = 1\n');
  await c.diagnosticsFor('file:///x.cfg', 1);
  assert.equal(await c.stop(), 0);
});

test('a client without workspace/configuration and without snippets: pushed settings, plain completions', async () => {
  const c = await startServer({ capabilities: {}, initializationOptions: { settings: { xlcfg: { rules: { 'xen-key-unknown': 'error' } } } } });
  try {
    const uri = 'file:///plain.cfg';
    await c.open(uri, 'frobnicate = 1\nmem\n');
    const p = await c.diagnosticsFor(uri, 1);
    assert.equal(p.diagnostics.find((d) => d.code === 'xen-key-unknown')?.severity, DiagnosticSeverity.Error);
    assert.equal(c.configurationRequests, 0);
    const list = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 3 } })) as CompletionList;
    const memory = list.items.find((i) => i.label === 'memory')!;
    assert.equal((memory.textEdit as TextEdit).newText, 'memory = ');
    assert.equal(memory.insertTextFormat, 1);
    // Settings pushed with didChangeConfiguration.
    const from = c.published.length;
    await c.changeSettings({}, { xlcfg: { rules: { 'xen-key-unknown': 'off' } } });
    await c.waitForDiagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === 'xen-key-unknown'), 20000, from);
    // Code actions without documentChanges support use `changes`.
    const d = p.diagnostics[0];
    const actions = (await c.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    for (const a of actions) assert.ok(a.edit?.changes?.[uri], a.title);
    const doc = TextDocument.create(uri, 'xlcfg', 1, 'frobnicate = 1\nmem\n');
    if (actions[0]) assert.notEqual(TextDocument.applyEdits(doc, actions[0].edit!.changes![uri]), doc.getText());
  } finally {
    assert.equal(await c.stop(), 0);
  }
});
