/**
 * Neovim's built-in LSP client (Debian's neovim 0.7.2) with the README's
 * init.lua (test/editors/init.lua, verbatim): headless Neovim opens a broken
 * config, starts `xlcfg-language-server --stdio` and test/editors/nvim-check.lua
 * reports what Neovim's own API sees: the attached client, the diagnostics
 * with their codes and places, completion inside a channel string (values and
 * keys) and a live settings change.
 *
 * Needs `nvim` (apt-get install neovim) and dist/server.js (node scripts/build.mjs).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EDITORS, EXPECTED, readJson, ROOT, runEditor, sandbox } from './shared';

interface NvimDiagnostic {
  code: string | null;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string | null;
  message: string;
}

interface NvimResult {
  ok: boolean;
  error?: string;
  nvim: string;
  file: string;
  filetype: string;
  clients: { name: string; cmd: string[] }[];
  diagnostics: NvimDiagnostic[];
  completion_values: string[];
  completion_keys: string[];
  new_line: string;
  seed_dialect: boolean;
}

const NVIM = ['/usr/bin/nvim', '/usr/local/bin/nvim'].find((p) => existsSync(p)) ?? 'nvim';

test('Neovim (built-in LSP client, README init.lua): diagnostics with codes, completion in a channel string, live settings', { timeout: 90_000 }, async () => {
  assert.ok(existsSync(join(ROOT, 'dist/server.js')), 'dist/server.js is missing: run node scripts/build.mjs first');
  const box = sandbox('xlcfg-nvim-');
  try {
    const ran = await runEditor(NVIM, ['--headless', '-n', '-i', 'NONE', '-u', join(EDITORS, 'init.lua'), '-c', `luafile ${join(EDITORS, 'nvim-check.lua')}`, box.file], box.env, box.dir);
    const r = readJson<NvimResult>(box.result);
    const context = `nvim exited ${ran.code ?? ran.signal} after ${ran.ms} ms; output:\n${ran.output.slice(-3000)}\nresult: ${JSON.stringify(r, null, 1)?.slice(0, 4000)}`;
    assert.ok(r, `nvim-check.lua wrote no result. ${context}`);
    assert.equal(r.error, undefined, context);
    assert.equal(r.ok, true, context);
    assert.equal(ran.code, 0, context);
    assert.equal(r.filetype, 'xlcfg', 'init.lua sets the filetype for etc/xen/*.cfg');
    assert.deepEqual(r.clients.map((c) => c.name), ['xlcfg']);
    assert.deepEqual(r.clients[0].cmd, ['xlcfg-language-server', '--stdio']);
    for (const e of EXPECTED) {
      const d: NvimDiagnostic | undefined = r.diagnostics.find((x) => x.code === e.code && x.lnum === e.line && x.col === e.col);
      assert.ok(d, `no ${e.code} at ${e.line + 1}:${e.col + 1} in ${JSON.stringify(r.diagnostics.map((d) => [d.code, d.lnum, d.col]))}`);
      assert.equal(d.source, 'xlcfg');
      assert.ok(d.end_lnum > d.lnum || d.end_col > d.col, `${e.code} has a range`);
    }
    const pty = r.diagnostics.find((d) => d.code === 'channel-unknown-connection')!;
    assert.equal(pty.severity, 1, 'an error (vim.diagnostic.severity.ERROR)');
    assert.equal(pty.end_col - pty.col, 3, 'the range covers PTY');
    assert.match(pty.message, /"PTY" is not a valid connection/);
    assert.deepEqual([...r.completion_values].sort(), ['pty', 'socket'], 'values of connection=');
    assert.equal(r.new_line, '    "name=org.example.new.0,",');
    for (const k of ['connection', 'path', 'backend']) assert.ok(r.completion_keys.includes(k), `key ${k} offered in the new entry: ${JSON.stringify(r.completion_keys)}`);
    assert.ok(!r.completion_keys.includes('name'), 'name= is given already');
    assert.equal(r.seed_dialect, true, 'xlcfg.channel.dialect = seed, sent with workspace/didChangeConfiguration, changes the diagnostics');
    console.log(`neovim ${r.nvim}: ${r.diagnostics.length} diagnostics, ${ran.ms} ms`);
  } finally {
    box.cleanup();
  }
});
