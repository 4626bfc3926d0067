/**
 * A tiny test harness for the extension-host suite (no mocha: nothing to
 * install). Tests run one after another inside the real extension host; the
 * outcome goes to a JSON result file, because a remote extension host
 * (code-server) exits 0 even when run() throws: the node-side runner reads the
 * file. run() also throws on a failure, which makes @vscode/test-electron's
 * runTests fail.
 *
 * Result file: $XLCFG_VSCODE_RESULT, else result.json beside this bundle.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

export interface TestOutcome {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export interface SuiteResult {
  /** Set only when every registered test ran. */
  complete: boolean;
  total: number;
  passed: number;
  failed: number;
  failures: { name: string; error: string }[];
  tests: TestOutcome[];
  vscodeVersion: string;
  appName: string;
  appHost: string;
  uiKind: string;
  extension?: { id: string; version: string; path: string; isActive: boolean };
  ms: number;
}

interface Registered {
  name: string;
  fn: () => Promise<void>;
  timeout: number;
}

const registered: Registered[] = [];
const cleanups: Array<() => Promise<unknown> | unknown> = [];

/** Registers a test; tests run in registration order. */
export function test(name: string, fn: () => Promise<void>, timeout = 30_000): void {
  registered.push({ name, fn, timeout });
}

/** Runs after the current test, pass or fail (newest first). */
export function onCleanup(fn: () => Promise<unknown> | unknown): void {
  cleanups.push(fn);
}

/**
 * Polls `probe` until it returns something other than undefined/false, and
 * returns that. Never a fixed sleep: a long timeout only guards against hangs.
 * On timeout the message includes the last value seen (`describe`).
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeout?: number; interval?: number; describe?: () => unknown } = {},
): Promise<T> {
  const timeout = options.timeout ?? 20_000;
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - started > timeout) {
      let seen = '';
      try {
        seen = options.describe ? `; last seen: ${JSON.stringify(options.describe(), null, 1).slice(0, 3000)}` : '';
      } catch {
        /* ignore */
      }
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}${seen}`);
    }
    await new Promise((r) => setTimeout(r, options.interval ?? 50));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`test "${name}" took more than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export async function runAll(extensionId: string): Promise<SuiteResult> {
  const started = Date.now();
  const resultFile = process.env.XLCFG_VSCODE_RESULT || join(__dirname, 'result.json');
  const tests: TestOutcome[] = [];
  const result = (complete: boolean): SuiteResult => {
    const ext = vscode.extensions.getExtension(extensionId);
    const failures = tests.filter((t) => !t.ok).map((t) => ({ name: t.name, error: t.error ?? '' }));
    return {
      complete,
      total: registered.length,
      passed: tests.filter((t) => t.ok).length,
      failed: failures.length,
      failures,
      tests,
      vscodeVersion: vscode.version,
      appName: vscode.env.appName,
      appHost: vscode.env.appHost,
      uiKind: vscode.UIKind[vscode.env.uiKind],
      extension: ext && { id: ext.id, version: String(ext.packageJSON.version), path: ext.extensionPath, isActive: ext.isActive },
      ms: Date.now() - started,
    };
  };
  const write = (r: SuiteResult) => writeFileSync(resultFile, JSON.stringify(r, null, 2));
  write(result(false)); // a crash part-way leaves complete: false behind
  for (const t of registered) {
    const t0 = Date.now();
    let error: string | undefined;
    try {
      await withTimeout(t.fn(), t.timeout, t.name);
    } catch (e) {
      error = errorText(e);
    }
    while (cleanups.length) {
      try {
        await cleanups.pop()!();
      } catch (e) {
        error ??= `cleanup failed: ${errorText(e)}`;
      }
    }
    const outcome: TestOutcome = { name: t.name, ok: !error, ms: Date.now() - t0, ...(error ? { error } : {}) };
    tests.push(outcome);
    console.log(`${outcome.ok ? 'ok    ' : 'FAILED'} ${t.name} (${outcome.ms} ms)${error ? `\n${error}` : ''}`);
    write(result(false));
  }
  const r = result(true);
  write(r);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  return r;
}
