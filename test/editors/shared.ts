/**
 * What the Neovim and Emacs tests share: a fixture copy under etc/xen/ (the
 * editors' file patterns pick it up as xl.cfg), an `xlcfg-language-server`
 * on PATH (as after `npm install -g`, a shim for bin/xlcfg-language-server.js),
 * a private HOME/XDG so no user configuration leaks in, and a runner.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = [resolve(__dirname, '../../..'), process.cwd()].find((d) => existsSync(join(d, 'test/editors/fixtures'))) ?? process.cwd();
export const EDITORS = join(ROOT, 'test/editors');

/** The channel problems of the fixture (a copy of examples/mistakes.cfg): code, 0-based line and column. */
export const EXPECTED = [
  { code: 'channel-missing-name', line: 7, col: 4 },
  { code: 'channel-duplicate-name', line: 8, col: 10 },
  { code: 'channel-unknown-connection', line: 8, col: 39 },
  { code: 'channel-missing-path', line: 9, col: 39 },
  { code: 'channel-ignored-path', line: 10, col: 43 },
  { code: 'channel-relative-path', line: 11, col: 51 },
  { code: 'channel-missing-connection', line: 12, col: 4 },
  { code: 'channel-unknown-key', line: 12, col: 26 },
  { code: 'channel-seed-dialect', line: 6, col: 0 },
  { code: 'syntax-number-format', line: 3, col: 13 },
];

export interface Sandbox {
  dir: string;
  /** The broken config, <dir>/etc/xen/broken-channels.cfg. */
  file: string;
  result: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function sandbox(prefix: string): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'etc/xen'), { recursive: true });
  const file = join(dir, 'etc/xen/broken-channels.cfg');
  copyFileSync(join(EDITORS, 'fixtures/etc/xen/broken-channels.cfg'), file);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const shim = join(bin, 'xlcfg-language-server');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'bin/xlcfg-language-server.js'))} "$@"\n`);
  chmodSync(shim, 0o755);
  const home = join(dir, 'home');
  mkdirSync(home);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(NODE_TEST|NODE_OPTIONS$|VIM|MYVIMRC$|EMACS)/.test(k)) env[k] = v;
  Object.assign(env, {
    // The target is the newest release, whatever xl this machine has (tests must not depend on it).
    XLCFG_INSTALLED_XEN: process.env.XLCFG_INSTALLED_XEN ?? '',
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TERM: 'dumb',
    XLCFG_RESULT: join(dir, 'result.json'),
  });
  return { dir, file, result: join(dir, 'result.json'), env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function readJson<T>(file: string): T | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
}

/** Runs an editor to completion, without a terminal (stdin closed); kills it after `timeout`. */
export function runEditor(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeout = 60_000): Promise<Ran> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeout} ms]`;
      try {
        process.kill(-child.pid!, 'SIGKILL'); // the editor and the language server it started
      } catch {
        /* gone */
      }
    }, timeout);
    child.on('error', (e) => (output += String(e)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output, ms: Date.now() - started });
    });
  });
}
