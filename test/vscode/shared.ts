/**
 * What the two runners of the extension-host suite share (electron.ts for
 * @vscode/test-electron, code-server.test.ts for code-server): the fixture
 * workspace, and reading the result file the suite writes.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SuiteResult } from './suite/harness';

/** The repository (this file runs from out/test/vscode/ or out/vscode-suite/). */
export const ROOT = [resolve(__dirname, '../..'), resolve(__dirname, '../../..'), process.cwd()].find((d) => existsSync(join(d, 'test/vscode/fixtures/workspace'))) ?? process.cwd();
export const FIXTURE_WORKSPACE = join(ROOT, 'test/vscode/fixtures/workspace');
export const SUITE_INDEX = join(ROOT, 'out/vscode-suite/index.js');
/** The config the suite and the browser test open, relative to the workspace. */
export const FIXTURE_FILE = 'etc/xen/broken-channels.cfg';

/** A fresh copy of the fixture workspace (the tests edit and add files in it). */
export function makeWorkspace(prefix = 'xlcfg-ws-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(FIXTURE_WORKSPACE, dir, { recursive: true });
  return dir;
}

/** The result file the suite writes (defined beside its writer; a type only, so nothing of `vscode` is loaded here). */
export type { SuiteResult };

export function readResult(file: string): SuiteResult | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SuiteResult;
  } catch {
    return undefined; // being written
  }
}

/** Why a result is not a pass ('' when it is). */
export function resultProblems(r: SuiteResult | undefined): string {
  if (!r) return 'the suite wrote no result file (it did not start, or crashed before run())';
  const lines: string[] = [];
  if (!r.complete) lines.push(`the suite stopped after ${r.tests.length} of ${r.total} tests`);
  if (r.total === 0) lines.push('the suite registered no test');
  for (const f of r.failures) lines.push(`FAILED ${f.name}\n${f.error}`);
  return lines.join('\n');
}

export function summary(r: SuiteResult): string {
  return r.tests.map((t) => `${t.ok ? 'ok    ' : 'FAILED'} ${t.name} (${t.ms} ms)`).join('\n') + `\n${r.passed} passed, ${r.failed} failed in VS Code ${r.vscodeVersion} (${r.appName}, ${r.appHost})`;
}

/** `version` satisfies a caret range such as ^1.90.0 (what engines.vscode uses). */
export function satisfiesCaret(version: string, range: string): boolean {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range.trim());
  const v = /^(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!m || !v) return false;
  const [a, b] = [m.slice(1).map(Number), v.slice(1).map(Number)];
  if (a[0] !== b[0]) return false;
  return b[1] > a[1] || (b[1] === a[1] && b[2] >= a[2]);
}
