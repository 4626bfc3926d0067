/**
 * Broken frames on the server's stdin (`dist/server.js --stdio`): a body
 * shorter than its Content-Length followed by stray bytes, an invalid
 * header, a Content-Length that no body reaches, junk with no header end.
 * After each, the server finds the next message again: it publishes the
 * diagnostics of a document opened right after, says on stderr what it
 * skipped, and still shuts down cleanly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, TestClient } from './client';

/** A didOpen message's JSON body. */
function didOpen(uri: string, text: string): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'xlcfg', version: 1, text } } });
}

describe('broken frames on stdin', () => {
  let client: TestClient;

  before(async () => {
    client = await startServer({ settings: { manPage: { path: '/nonexistent' } } });
  });

  after(async () => {
    if (client) assert.equal(await client.stop(), 0, client.stderr);
  });

  /** Writes raw bytes, then opens a document through the client and waits for its diagnostics. */
  async function thenReadsOn(raw: Array<string | Buffer>, uri: string): Promise<void> {
    const skipped = client.stderr.split('skipped').length;
    for (const r of raw) client.proc.stdin!.write(r);
    await client.open(uri, 'memory = "512\n');
    const p = await client.diagnosticsFor(uri, 1);
    assert.ok(p.diagnostics.some((d) => d.code === 'syntax-unterminated-string'), JSON.stringify(p.diagnostics));
    assert.equal(client.proc.exitCode, null);
    assert.ok(client.stderr.split('skipped').length > skipped, `nothing said on stderr: ${client.stderr}`);
  }

  test('a body shorter than its Content-Length, then stray bytes', async () => {
    const body = didOpen('file:///lost.cfg', 'memory = 1\n');
    await thenReadsOn([`Content-Length: ${Buffer.byteLength(body) + 40}\r\n\r\n${body}`, 'stray\u0000bytes\r\n'], 'file:///after-short.cfg');
  });

  test('a body shorter than its Content-Length, the next header split across writes', async () => {
    const body = didOpen('file:///lost2.cfg', 'memory = 1\n');
    const next = didOpen('file:///after-split.cfg', 'memory = "512\n');
    const frame = `Content-Length: ${Buffer.byteLength(next)}\r\n\r\n${next}`;
    const skipped = client.stderr.split('skipped').length;
    client.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(body) + 5000}\r\n\r\n${body.slice(0, 30)}`);
    for (let i = 0; i < frame.length; i += 7) client.proc.stdin!.write(frame.slice(i, i + 7));
    const p = await client.waitForDiagnostics('file:///after-split.cfg');
    assert.ok(p.diagnostics.some((d) => d.code === 'syntax-unterminated-string'));
    assert.ok(client.stderr.split('skipped').length > skipped);
  });

  test('an invalid header', async () => {
    await thenReadsOn(['Content-Lenght 12\r\nwhatever\r\n\r\n{"jsonrpc":"2.0"}'], 'file:///after-header.cfg');
  });

  test('a Content-Length that no body reaches', async () => {
    await thenReadsOn(['Content-Length: 999999999999\r\n\r\n{"jsonrpc":"2.0","method":"textDocument/didOpen","params":'], 'file:///after-huge.cfg');
  });

  test('100 KB of junk with no header end', async () => {
    await thenReadsOn([Buffer.alloc(100_000, 'x\r\n')], 'file:///after-junk.cfg');
  });
});
