/**
 * What an editor client says about itself and what the server does with it:
 * the commands it runs (initializationOptions.clientCommands) instead of
 * guessing from its name; the domain-config detection request; a BOM the
 * editor hid from the text but xl still sees on disk; and the log a user
 * reads (each file's problems and target, the man page, timings with tracing).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CodeAction, CodeActionRequest, CompletionList, CompletionRequest, DidSaveTextDocumentNotification, HoverRequest, SetTraceNotification } from 'vscode-languageserver-protocol';
import { CLIENT_COMMANDS, DETECT_REQUEST, DetectResult, FILE_CHANGED_NOTIFICATION } from '../../server/src/lsp/protocol';
import { startServer, TestClient } from './client';

const dir = mkdtempSync(join(tmpdir(), 'xlcfg-editor-'));
const ALL_COMMANDS = Object.values(CLIENT_COMMANDS);

async function completionAfterConnectionKey(client: TestClient, uri: string): Promise<CompletionList> {
  await client.open(uri, 'name = "vm"\nchannel = [ "name=a.b.0,con" ]\n');
  await client.diagnosticsFor(uri, 1);
  return (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 27 } })) as CompletionList;
}

describe('a client that says which commands it runs', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer({ settings: {}, clientName: 'Cursor', initializationOptions: { clientCommands: ALL_COMMANDS } });
  });
  after(() => client?.stop());

  test('accepting connection= reopens the value list in any VS Code build (it said it runs triggerSuggest)', async () => {
    const list = await completionAfterConnectionKey(client, 'file:///w/retrigger.cfg');
    const item = list.items.find((i) => i.label === 'connection')!;
    assert.deepEqual(item.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
  });

  test('CRLF: the fix is the editor\'s end-of-line command (text edits would change nothing in VS Code)', async () => {
    const uri = 'file:///w/crlf.cfg';
    await client.open(uri, 'name = "vm"\r\nmemory = 512\r\n');
    const p = await client.diagnosticsFor(uri, 1);
    const crlf = p.diagnostics.filter((d) => d.code === 'syntax-crlf');
    assert.equal(crlf.length, 2);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: crlf[0].range, context: { diagnostics: crlf } })) as CodeAction[];
    assert.equal(actions.length, 1, JSON.stringify(actions));
    assert.equal(actions[0].title, 'Convert the line endings to LF (whole file)');
    assert.deepEqual(actions[0].command, { title: actions[0].title, command: CLIENT_COMMANDS.convertToLf, arguments: [uri] });
    assert.equal(actions[0].edit, undefined);
    assert.equal(actions[0].diagnostics?.length, 2);
  });

  test('a BOM the editor took out of the text is still reported (xl sees it on disk), with "save without it"; saving without it clears it', async () => {
    const file = join(dir, 'bom.cfg');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name = "vm"\n')]));
    const uri = pathToFileURL(file).href;
    await client.open(uri, 'name = "vm"\n'); // as VS Code sends it: no BOM in the text
    const p = await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'syntax-bom'));
    const bom = p.diagnostics.find((d) => d.code === 'syntax-bom')!;
    assert.match(bom.message, /does not show: xl rejects the file/);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: bom.range, context: { diagnostics: [bom] } })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.command?.command), [CLIENT_COMMANDS.saveWithoutBom]);
    // The client rewrites the file and says so.
    writeFileSync(file, 'name = "vm"\n');
    let from = client.published.length;
    await client.connection.sendNotification(FILE_CHANGED_NOTIFICATION, { uri });
    await client.waitForDiagnostics(uri, (x) => !x.diagnostics.some((d) => d.code === 'syntax-bom'), 20000, from);
    // Saved with a BOM again by some other means: the next save brings it back.
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name = "vm"\n')]));
    from = client.published.length;
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    await client.waitForDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'syntax-bom'), 20000, from);
  });

  test('the log: each opened file with its problems and target; the man page (or its absence); timings with tracing on', async () => {
    await client.waitForMessage((m) => /^opened file:\/\/\/w\/crlf\.cfg: 3 errors; checked for Xen /.test(m.message), { log: true });
    const uri = 'file:///w/log.cfg';
    await client.open(uri, 'name = "vm"\nmemory = 512\nkernel = "/k"\n');
    await client.diagnosticsFor(uri, 1);
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 2 } });
    await client.waitForMessage((m) => /hovers quote the installed xl\.cfg\(5\)|no xl\.cfg\(5\) man page found/.test(m.message), { log: true });
    await client.connection.sendNotification(SetTraceNotification.type, { value: 'verbose' });
    await client.change(uri, [{ range: { start: { line: 1, character: 9 }, end: { line: 1, character: 12 } }, text: '1024' }]);
    const trace = await client.waitForTrace((t) => /^checked file:\/\/\/w\/log\.cfg v2 in [0-9.]+ ms: no errors or warnings; checked for Xen /.test(t));
    assert.ok(trace);
  });
});

describe('a client that says nothing about its commands', () => {
  let client: TestClient;
  before(async () => {
    // Even when it calls itself VS Code: what it runs is what it says, not what its name suggests.
    client = await startServer({ settings: {}, clientName: 'Visual Studio Code' });
  });
  after(() => client?.stop());

  test('no command on completion items, and the CRLF fix is text edits', async () => {
    const list = await completionAfterConnectionKey(client, 'file:///w/plain.cfg');
    assert.equal(list.items.find((i) => i.label === 'connection')!.command, undefined);
    const uri = 'file:///w/crlf2.cfg';
    await client.open(uri, 'name = "vm"\r\n');
    const p = await client.diagnosticsFor(uri, 1);
    const crlf = p.diagnostics.filter((d) => d.code === 'syntax-crlf');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: crlf[0].range, context: { diagnostics: crlf } })) as CodeAction[];
    assert.ok(actions[0].edit && !actions[0].command);
  });

  test('xlcfg/detectDomainConfig: a domain config is recognised, an INI file and a Properties file are not', async () => {
    const ask = (text: string) => client.connection.sendRequest(DETECT_REQUEST, { text, uri: 'file:///w/x.cfg' }) as Promise<DetectResult>;
    assert.equal((await ask('name = "web"\nmemory = 1024\ndisk = [ "phy:/dev/vg/web,xvda,w" ]\n')).domainConfig, true);
    const ini = await ask('[global]\nname = "x"\nmemory = 5\n');
    assert.deepEqual(ini, { domainConfig: false, reason: 'it has [section] headers (INI style)' });
    assert.equal((await ask('name=myapp\nmemory=512\n')).domainConfig, false);
    await client.waitForMessage((m) => /file:\/\/\/w\/x\.cfg: not a Xen domain config: it has \[section\] headers/.test(m.message), { log: true });
  });
});
