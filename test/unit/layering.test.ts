/**
 * The architecture, checked on every file of the core: text -> syntax ->
 * model -> check / render, with docs (facts) beside the model; the core
 * imports nothing from vscode or vscode-languageserver and touches no file
 * system or process (host/ does that for the server and the CLI); only lsp/
 * converts to protocol types; the client holds no parsing logic.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = resolve('server/src');

/** What each core folder may import from (server/data is the bundled data). */
const ALLOWED: Record<string, readonly string[]> = {
  syntax: ['syntax'],
  model: ['syntax', 'model', 'data'],
  docs: ['syntax', 'model', 'docs', 'data'],
  check: ['syntax', 'model', 'docs', 'check', 'data'],
  render: ['syntax', 'model', 'docs', 'render', 'data'],
  format: ['syntax', 'model', 'check', 'format'],
};

/** Modules no core file may import: editor and protocol libraries, the file system, processes, the network. */
const FORBIDDEN = /^(vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)(\/|$)|^(node:)?(fs|fs\/promises|child_process|net|http|https|os|worker_threads|cluster)$/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)) out.push(m[1]);
  for (const m of src.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push(m[1]);
  for (const m of src.matchAll(/\b(?:require|import)\(\s*'([^']+)'\s*\)/g)) out.push(m[1]);
  return out;
}

/** The top folder of server/ an import resolves into ('data' for server/data), or the package name. */
function target(file: string, spec: string): { folder?: string; pkg?: string } {
  if (!spec.startsWith('.')) return { pkg: spec };
  const abs = resolve(dirname(file), spec);
  const rel = relative(resolve('server'), abs).split('/');
  if (rel[0] === 'data') return { folder: 'data' };
  if (rel[0] === 'src') return { folder: rel[1] };
  return { folder: `outside server/ (${spec})` };
}

test('the core folders import only from the layers below them, and nothing from editors, protocols, files or processes', () => {
  const wrong: string[] = [];
  let checked = 0;
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    const dir = join(SRC, folder);
    if (!existsSync(dir)) continue;
    for (const file of files(dir)) {
      checked++;
      for (const spec of imports(file)) {
        const t = target(file, spec);
        const where = relative(process.cwd(), file);
        if (t.pkg !== undefined && FORBIDDEN.test(t.pkg)) wrong.push(`${where} imports ${spec}`);
        if (t.folder !== undefined && !allowed.includes(t.folder)) wrong.push(`${where} imports ${spec} (${folder} may import only ${allowed.join(', ')})`);
      }
    }
  }
  assert.ok(checked > 50, `only ${checked} core files found: run from the repository root`);
  assert.deepEqual(wrong, []);
});

test('only lsp/ speaks the protocol on the server side, and the client holds no parsing logic', () => {
  const wrong: string[] = [];
  for (const folder of readdirSync(SRC)) {
    const dir = join(SRC, folder);
    if (!statSync(dir).isDirectory() || folder === 'lsp') continue;
    for (const file of files(dir)) for (const spec of imports(file)) if (/^vscode-languageserver/.test(spec)) wrong.push(`${relative(process.cwd(), file)} imports ${spec}`);
  }
  for (const file of files(resolve('client/src'))) {
    for (const spec of imports(file)) if (/server\/src\/(syntax|model|check|render|docs|format)\b/.test(spec)) wrong.push(`${relative(process.cwd(), file)} imports ${spec}`);
  }
  assert.deepEqual(wrong, []);
});

test('the checker sees a violation (the test can fail)', () => {
  assert.ok(FORBIDDEN.test('vscode-languageserver/node'));
  assert.ok(FORBIDDEN.test('node:fs'));
  assert.equal(target(join(SRC, 'syntax/parser.ts'), '../check/rules').folder, 'check');
  assert.ok(!ALLOWED.syntax.includes('check'));
});
