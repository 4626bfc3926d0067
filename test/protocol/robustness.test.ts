/**
 * Hostile input must not take the server down: NUL bytes, a megabyte of
 * junk, very deep nesting, a megabyte on one line, lone surrogates, absurd
 * positions, unknown documents, garbage settings and made-up diagnostics.
 * After each, the server still answers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  Hover,
  HoverRequest,
  MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { startServer, TestClient } from './client';

function junk(size: number, seed: number): string {
  const alphabet = 'abcxyz XYZ_=[]",;#\n\\\'+-.()0123456789\u0000\r\t\u00e9\u20ac\ud83d\ude00{}$';
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < size; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out.push(alphabet[s % alphabet.length]);
  }
  return out.join('');
}

describe('hostile documents', () => {
  let client: TestClient;
  const healthy = 'file:///healthy.cfg';

  before(async () => {
    client = await startServer({ settings: { manPage: { path: '/nonexistent' } } });
    await client.open(healthy, 'memory = 512\n');
    await client.diagnosticsFor(healthy, 1);
  });

  after(async () => {
    if (client) assert.equal(await client.stop(), 0, client.stderr);
  });

  /** The server still answers a plain request correctly. */
  async function stillAlive(): Promise<void> {
    const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: healthy }, position: { line: 0, character: 1 } })) as Hover;
    assert.match((h.contents as MarkupContent).value, /\*\*memory\*\*/);
    assert.equal(client.proc.exitCode, null);
  }

  /** Every feature on the document answers (whatever it answers). */
  async function everyFeature(uri: string, line: number, character: number): Promise<void> {
    const pos = { textDocument: { uri }, position: { line, character } };
    await client.connection.sendRequest(CompletionRequest.type, pos);
    await client.connection.sendRequest(HoverRequest.type, pos);
    await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    const range = { start: { line, character }, end: { line, character } };
    await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } });
  }

  test('NUL bytes', async () => {
    const uri = 'file:///nul.cfg';
    await client.open(uri, 'name = "a\u0000b"\n\u0000\u0000 = 1\nmemory = \u0000\n');
    const p = await client.diagnosticsFor(uri, 1);
    assert.ok(p.diagnostics.some((d) => d.code === 'syntax-nul-in-string'));
    await everyFeature(uri, 1, 1);
    const d = p.diagnostics.find((x) => x.code === 'syntax-nul-in-string')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.ok(Array.isArray(actions) && actions.length > 0);
    await stillAlive();
  });

  test('a megabyte of junk: diagnostics (capped) and every feature, at many places', async () => {
    const uri = 'file:///junk.cfg';
    const text = junk(1_000_000, 7);
    await client.open(uri, text);
    const p = await client.diagnosticsFor(uri, 1);
    assert.ok(p.diagnostics.length > 0 && p.diagnostics.length <= 1000, `${p.diagnostics.length}`);
    const lines = text.split('\n').length;
    for (const line of [0, 1, Math.floor(lines / 2), lines - 1]) await everyFeature(uri, line, 3);
    // Every diagnostic's fixes at once.
    await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
      context: { diagnostics: p.diagnostics.slice(0, 200) },
    });
    // An edit in the middle of it.
    const v = await client.change(uri, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'memory = 512\n' }]);
    await client.diagnosticsFor(uri, v);
    await stillAlive();
  });

  test('deep nesting, closed and unclosed', async () => {
    const closed = 'file:///deep.cfg';
    await client.open(closed, `x = ${'['.repeat(6000)}${']'.repeat(6000)}\n`);
    await client.diagnosticsFor(closed, 1);
    await everyFeature(closed, 0, 3000);
    const open = 'file:///deep-open.cfg';
    await client.open(open, `disk = ${'[ "a", '.repeat(50000)}\nmemory = 1\n`);
    await client.diagnosticsFor(open, 1);
    await everyFeature(open, 0, 100000);
    await everyFeature(open, 1, 3);
    await stillAlive();
  });

  test('a megabyte on one line, lone surrogates, CR-only line ends', async () => {
    const uri = 'file:///long.cfg';
    await client.open(uri, `extra = "${'a'.repeat(1_000_000)}\ud800" \udc00\rmemory = 1\r`);
    await client.diagnosticsFor(uri, 1);
    await everyFeature(uri, 0, 500_000);
    await everyFeature(uri, 1, 2);
    await stillAlive();
  });

  test('absurd positions, unknown documents, made-up diagnostics', async () => {
    await everyFeature(healthy, 999_999, 999_999);
    await everyFeature('file:///never-opened.cfg', 0, 0);
    const made = [
      { range: { start: { line: 0, character: 0 }, end: { line: 500, character: 9 } }, message: 'x', code: 'no-such-rule', source: 'xlcfg' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'y', code: 'syntax-unclosed-list', source: 'xlcfg' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'z', code: 42, source: 'other' },
    ];
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: healthy }, range: made[0].range, context: { diagnostics: made as never } });
    assert.ok(Array.isArray(actions));
    await stillAlive();
  });

  test('garbage settings are ignored', async () => {
    const from = client.published.length;
    await client.changeSettings({ rules: 42, xen: { version: { major: 4 } }, channel: { dialect: ['seed'] }, manPage: 'yes' });
    await client.waitForDiagnostics(healthy, () => true, 20000, from);
    await stillAlive();
    await client.changeSettings({ manPage: { path: '/nonexistent' } });
  });

  test('a cancelled request does not disturb the server', async () => {
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: healthy }, position: { line: 0, character: 1 } }, source.token);
    source.cancel();
    await pending.catch(() => undefined);
    await stillAlive();
  });
});
