/**
 * Emacs with eglot (Debian's emacs-nox 28 + elpa-eglot 1.9) and the README's
 * configuration (test/editors/xlcfg-eglot.el, verbatim), in batch mode:
 * test/editors/emacs-check.el visits a broken config, lets eglot start
 * `xlcfg-language-server --stdio`, and reports what flymake shows (the
 * messages carry the rule codes), completion inside a channel string through
 * eglot's completion-at-point (candidates, and accepting one), and a live
 * settings change.
 *
 * Needs `emacs` (apt-get install emacs-nox elpa-eglot) and dist/server.js.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { EDITORS, EXPECTED, readJson, ROOT, runEditor, sandbox } from './shared';

interface EmacsDiagnostic {
  code: string | null;
  line: number;
  col: number;
  text: string;
  type: string;
  message: string;
}

interface EmacsResult {
  ok: boolean;
  error?: string;
  emacs: string;
  eglot: string;
  mode: string;
  server: string[];
  'server-name': string;
  diagnostics: EmacsDiagnostic[];
  'completion-keys': string[];
  'completed-line': string;
  'completion-values': string[];
  'completed-value-line': string;
  'seed-dialect': boolean;
}

const EMACS = ['/usr/bin/emacs', '/usr/local/bin/emacs'].find((p) => existsSync(p)) ?? 'emacs';

test('Emacs (eglot, README xlcfg-eglot.el): diagnostics with codes, completion in a channel string, live settings', { timeout: 90_000 }, async () => {
  assert.ok(existsSync(join(ROOT, 'dist/server.js')), 'dist/server.js is missing: run node scripts/build.mjs first');
  const box = sandbox('xlcfg-emacs-');
  try {
    // No -Q: the user's (empty, private HOME) setup, so Debian's ELPA packages (eglot) are activated as for a real user.
    const ran = await runEditor(EMACS, ['--batch', '-l', join(EDITORS, 'xlcfg-eglot.el'), '-l', join(EDITORS, 'emacs-check.el')], { ...box.env, XLCFG_FILE: box.file }, box.dir);
    const r = readJson<EmacsResult>(box.result);
    const context = `emacs exited ${ran.code ?? ran.signal} after ${ran.ms} ms; output:\n${ran.output.slice(-3000)}\nresult: ${JSON.stringify(r, null, 1)?.slice(0, 4000)}`;
    assert.ok(r, `emacs-check.el wrote no result. ${context}`);
    assert.equal(r.error, undefined, context);
    assert.equal(r.ok, true, context);
    assert.equal(ran.code, 0, context);
    assert.equal(r.mode, 'xlcfg-mode', 'auto-mode-alist picks xlcfg-mode for etc/xen/*.cfg');
    assert.deepEqual(r.server, ['xlcfg-language-server', '--stdio']);
    assert.equal(r['server-name'], 'xlcfg');
    for (const e of EXPECTED) {
      const d: EmacsDiagnostic | undefined = r.diagnostics.find((x) => x.code === e.code && x.line === e.line && x.col === e.col);
      assert.ok(d, `no ${e.code} at ${e.line + 1}:${e.col + 1} in ${JSON.stringify(r.diagnostics.map((d) => [d.code, d.line, d.col]))}`);
      assert.ok(d.text.length > 0, `${e.code} has a range`);
      assert.ok(d.message.includes(`[${e.code}]`), `the flymake message shows the code: ${d.message}`);
    }
    const pty = r.diagnostics.find((d) => d.code === 'channel-unknown-connection')!;
    assert.equal(pty.type, 'eglot-error');
    assert.equal(pty.text, 'PTY');
    assert.match(pty.message, /^xlcfg \[channel-unknown-connection\]: "PTY" is not a valid connection/);
    for (const k of ['connection', 'path', 'backend']) assert.ok(r['completion-keys'].includes(k), `key ${k} offered in the new entry: ${JSON.stringify(r['completion-keys'])}`);
    assert.ok(!r['completion-keys'].includes('name'), 'name= is given already');
    assert.equal(r['completed-line'], '    "name=org.example.new.0,connection=",', 'completion-at-point after "con"');
    assert.deepEqual([...r['completion-values']].sort(), ['pty', 'socket'], 'values of connection=');
    assert.equal(r['completed-value-line'], '    "name=org.example.new.0,connection=socket",', 'completion-at-point after "so"');
    assert.equal(r['seed-dialect'], true, 'xlcfg.channel.dialect = seed, sent with workspace/didChangeConfiguration, changes the diagnostics');
    console.log(`emacs ${r.emacs}, eglot ${r.eglot}: ${r.diagnostics.length} diagnostics, ${ran.ms} ms`);
  } finally {
    box.cleanup();
  }
});
