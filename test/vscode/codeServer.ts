/**
 * code-server (a real VS Code whose extension host runs on node, headless) for
 * the tests: install it (scripts/install-code-server.sh), install a .vsix
 * into a fresh extensions dir, start one server in its own process group,
 * stop it. Recipe: shared/reference/vscode-offline.md.
 */
import { spawn, SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './shared';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion (never throws; a timeout kills its process group). */
export function run(cmd: string, args: string[], options: SpawnOptions & { timeout?: number } = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = options.timeout
      ? setTimeout(() => {
          stderr += `\n[killed after ${options.timeout} ms]`;
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, options.timeout)
      : undefined;
    child.on('error', (e) => {
      stderr += String(e);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The environment for code-server and everything it starts: hermetic, no leaks from the test runner or an outer VS Code. */
export function cleanEnv(extra: Record<string, string>, home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|NODE_TEST|NODE_OPTIONS$|npm_|CODE_SERVER_|PASSWORD$|HASHED_PASSWORD$)/.test(k)) continue;
    env[k] = v;
  }
  // XLCFG_INSTALLED_XEN: the target is the newest release, whatever xl this machine has.
  return { ...env, XLCFG_INSTALLED_XEN: process.env.XLCFG_INSTALLED_XEN ?? '', XDG_DATA_HOME: join(home, 'xdg-data'), XDG_CONFIG_HOME: join(home, 'xdg-config'), XDG_CACHE_HOME: join(home, 'xdg-cache'), ...extra };
}

/** Installs code-server into .cache/code-server unless it is there; returns its entry script. */
export async function installCodeServer(): Promise<{ entry: string; ms: number; installed: boolean; log: string }> {
  const r = await run('bash', [join(ROOT, 'scripts/install-code-server.sh')], { timeout: 8 * 60_000 });
  const entry = r.stdout.trim().split('\n').pop() ?? '';
  if (r.code !== 0 || !existsSync(entry)) throw new Error(`scripts/install-code-server.sh failed (exit ${r.code}):\n${r.stderr.slice(-4000)}`);
  return { entry, ms: r.ms, installed: /installing code-server/.test(r.stderr), log: r.stderr };
}

export function codeServerVersion(entry: string): string {
  return JSON.parse(readFileSync(join(entry, '../../../package.json'), 'utf8')).version as string;
}

/** The VS Code version code-server bundles. */
export function bundledVSCodeVersion(entry: string): string {
  return JSON.parse(readFileSync(join(entry, '../../../lib/vscode/package.json'), 'utf8')).version as string;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

/** User settings for a quiet, predictable workbench (no welcome page, tips or update checks). */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
};

export interface CodeServerDirs {
  home: string;
  userData: string;
  extensions: string;
  log: string;
}

export function makeDirs(home: string): CodeServerDirs {
  const dirs = { home, userData: join(home, 'ud'), extensions: join(home, 'ext'), log: join(home, 'server.log') };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return dirs;
}

/** `code-server --install-extension FILE.vsix` into the test's extensions dir. */
export async function installVsix(entry: string, dirs: CodeServerDirs, vsix: string): Promise<RunResult> {
  const r = await run(process.execPath, [entry, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--install-extension', vsix], {
    env: cleanEnv({}, dirs.home),
    timeout: 120_000,
  });
  if (r.code !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) throw new Error(`--install-extension failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

export class CodeServer {
  readonly url: string;
  readonly authority: string;
  private exited = false;

  private constructor(
    readonly pid: number,
    readonly port: number,
    readonly dirs: CodeServerDirs,
  ) {
    this.authority = `127.0.0.1:${port}`;
    this.url = `http://${this.authority}`;
  }

  /** Starts code-server on a free port and waits for /healthz. `env` reaches the extension hosts. */
  static async start(entry: string, dirs: CodeServerDirs, env: Record<string, string>): Promise<CodeServer> {
    const port = await freePort();
    const out = openSync(dirs.log, 'a');
    const args = [
      entry,
      '--config', join(dirs.home, 'config.yaml'),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--extensions-dir', dirs.extensions,
      '--user-data-dir', dirs.userData,
    ];
    // detached: its own process group (setsid), so stop() ends the extension hosts and language servers too.
    const child = spawn(process.execPath, args, { cwd: dirs.home, env: cleanEnv(env, dirs.home), stdio: ['ignore', out, out], detached: true });
    const server = new CodeServer(child.pid!, port, dirs);
    child.on('exit', () => (server.exited = true));
    child.unref();
    const started = Date.now();
    for (;;) {
      if (server.exited) throw new Error(`code-server exited at start-up:\n${server.logTail()}`);
      try {
        const res = await fetch(`${server.url}/healthz`);
        // {"status":"expired"} until a browser connects: any answer means it is up.
        if (res.ok && /"status"/.test(await res.text())) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() - started > 60_000) {
        await server.stop();
        throw new Error(`code-server did not answer /healthz within 60 s:\n${server.logTail()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return server;
  }

  /** A vscode-remote URI for a path on this machine. */
  remote(path: string): string {
    return `vscode-remote://${this.authority}${path}`;
  }

  /** The workbench URL for a folder, with a payload (openFile, extensionDevelopmentPath, extensionTestsPath). */
  workbench(folder: string, payload: [string, string][] = []): string {
    const q = `folder=${encodeURIComponent(folder)}${payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;
    return `${this.url}/?${q}`;
  }

  logTail(chars = 4000): string {
    let text = '';
    try {
      text = readFileSync(this.dirs.log, 'utf8');
    } catch {
      /* none */
    }
    return text.slice(-chars);
  }

  /** The newest extension host logs (remoteexthost.log and the language server's output channel), for failure messages. */
  extensionHostLogs(chars = 4000): string {
    const logs = join(this.dirs.userData, 'logs');
    const found: { path: string; mtime: number }[] = [];
    const walk = (dir: string, depth: number) => {
      if (depth > 5 || !existsSync(dir)) return;
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        const st = statSync(p);
        if (st.isDirectory()) walk(p, depth + 1);
        else if (/exthost\.log$|xl\.cfg|xlcfg/i.test(name)) found.push({ path: p, mtime: st.mtimeMs });
      }
    };
    walk(logs, 0);
    return found
      .sort((a, b) => b.mtime - a.mtime)
      .slice(0, 3)
      .map((f) => `--- ${f.path}\n${readFileSync(f.path, 'utf8').slice(-chars)}`)
      .join('\n');
  }

  async stop(): Promise<void> {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      try {
        process.kill(-this.pid, signal);
      } catch {
        return; // the group is gone
      }
      const until = Date.now() + 5000;
      while (Date.now() < until) {
        try {
          process.kill(-this.pid, 0);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}
