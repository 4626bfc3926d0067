/**
 * Pulled diagnostics (textDocument/diagnostic), as VS Code asks for them:
 * the server offers them only to a client that declares it pulls, never
 * pushes to such a client, answers "unchanged" when the client's copy is
 * still right, the whole list otherwise, and has the client pull again when
 * the findings change without an edit (settings).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ClientCapabilities,
  DiagnosticRefreshRequest,
  DiagnosticSeverity,
  DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  FullDocumentDiagnosticReport,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver-protocol/node';
import { FULL_CAPABILITIES, startServer, TestClient } from './client';

const PULL_CAPABILITIES: ClientCapabilities = {
  ...FULL_CAPABILITIES,
  workspace: { ...FULL_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...FULL_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

const settings = (rules: Record<string, string> = {}) => ({ xen: { version: '4.20' }, rules });

// Findings on lines 1, 2 and 4; line 3 has none (typing there moves nothing the client shows).
const TEXT = 'name = "vm1"\nMemory = 512\nmemory = 1024\nvcpus = 2\nfrobnicate = 1\n';

function pull(client: TestClient, uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId });
}

function full(r: DocumentDiagnosticReport): FullDocumentDiagnosticReport {
  assert.equal(r.kind, 'full', JSON.stringify(r).slice(0, 300));
  return r as FullDocumentDiagnosticReport;
}

describe('pulled diagnostics', () => {
  let client: TestClient;
  let refreshes = 0;

  before(async () => {
    client = await startServer({ capabilities: PULL_CAPABILITIES, settings: settings() });
    client.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      refreshes++;
      return null;
    });
  });

  after(async () => {
    if (client) await client.stop();
  });

  test('offered to a client that pulls, with the same diagnostics a pushing client is sent', async () => {
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'xlcfg', interFileDependencies: false, workspaceDiagnostics: false });
    const uri = 'file:///work/pull-same.cfg';
    await client.open(uri, TEXT);
    const pulled = full(await pull(client, uri));
    assert.equal(typeof pulled.resultId, 'string');
    const pusher = await startServer({ settings: settings() });
    try {
      assert.equal(pusher.initializeResult.capabilities.diagnosticProvider, undefined, 'a client that does not pull is not offered it');
      await pusher.open(uri, TEXT);
      const pushed = await pusher.diagnosticsFor(uri, 1);
      assert.ok(pushed.diagnostics.length >= 3, JSON.stringify(pushed.diagnostics.map((d) => d.code)));
      assert.deepEqual(pulled.items, pushed.diagnostics);
    } finally {
      await pusher.stop();
    }
  });

  test('typing where no diagnostic moves: "unchanged"; a change the client must see: the whole list with a new id', async () => {
    const uri = 'file:///work/pull-typing.cfg';
    await client.open(uri, TEXT);
    const first = full(await pull(client, uri));
    // Inside line 3 ("vcpus = 2" -> "vcpus = 24"): every diagnostic stays on its line and character.
    await client.change(uri, [{ range: { start: { line: 3, character: 9 }, end: { line: 3, character: 9 } }, text: '4' }]);
    const same = await pull(client, uri, first.resultId);
    assert.deepEqual(same, { kind: 'unchanged', resultId: first.resultId });
    // Fixing "Memory" on line 1: its finding goes.
    await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: 'm' }]);
    const fixed = full(await pull(client, uri, first.resultId));
    assert.notEqual(fixed.resultId, first.resultId);
    assert.ok(first.items.some((d) => d.code === 'syntax-uppercase-name'));
    assert.ok(!fixed.items.some((d) => d.code === 'syntax-uppercase-name'), JSON.stringify(fixed.items.map((d) => d.code)));
    // A line added at the top moves every diagnostic down: the whole list again, one line lower.
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a comment\n' }]);
    const moved = full(await pull(client, uri, fixed.resultId));
    assert.deepEqual(
      moved.items.map((d) => [d.code, d.range.start.line]),
      fixed.items.map((d) => [d.code, d.range.start.line + 1]),
    );
    assert.equal(client.published.filter((p) => p.uri === uri).length, 0, 'nothing is pushed to a client that pulls');
  });

  test('a client whose id is not the last one given gets the whole list, even when nothing changed', async () => {
    const uri = 'file:///work/pull-lost.cfg';
    await client.open(uri, TEXT);
    const a = full(await pull(client, uri));
    const b = full(await pull(client, uri));
    assert.deepEqual(b.items, a.items);
    assert.deepEqual(await pull(client, uri, b.resultId), { kind: 'unchanged', resultId: b.resultId });
    full(await pull(client, uri, a.resultId));
    full(await pull(client, uri, 'no-such-id'));
  });

  test('settings change the findings without an edit: the client is asked to pull again, and the pull has them', async () => {
    const uri = 'file:///work/pull-settings.cfg';
    await client.open(uri, TEXT);
    const before = full(await pull(client, uri));
    assert.notEqual(before.items.find((d) => d.code === 'xen-key-unknown')?.severity, DiagnosticSeverity.Error);
    const refreshesBefore = refreshes;
    await client.changeSettings(settings({ 'xen-key-unknown': 'error' }));
    await waitUntil(() => refreshes > refreshesBefore, 'workspace/diagnostic/refresh');
    const after = full(await pull(client, uri, before.resultId));
    assert.equal(after.items.find((d) => d.code === 'xen-key-unknown')?.severity, DiagnosticSeverity.Error);
    await client.changeSettings(settings());
  });

  test('a pull the document outran is answered "changed: ask again", never with an empty list', async () => {
    const uri = 'file:///work/pull-outran.cfg';
    await client.open(uri, TEXT);
    // The first check of a document waits for its settings (workspace/configuration); the edit lands meanwhile.
    const request = pull(client, uri);
    await client.change(uri, [{ range: { start: { line: 3, character: 9 }, end: { line: 3, character: 9 } }, text: '4' }]);
    await assert.rejects(request, (e: unknown) => {
      assert.ok(e instanceof ResponseError, String(e));
      assert.equal(e.code, LSPErrorCodes.ServerCancelled);
      assert.deepEqual(e.data, { retriggerRequest: true });
      return true;
    });
    const now = full(await pull(client, uri));
    assert.ok(now.items.length >= 3);
  });

  test('a document that is not open: an empty list', async () => {
    assert.deepEqual(await pull(client, 'file:///work/not-open.cfg'), { kind: 'full', items: [] });
  });
});

async function waitUntil(done: () => boolean, what: string, timeoutMs = 20000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
