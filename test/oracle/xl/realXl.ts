/**
 * Real xl as a test oracle: `xl -N create FILE` (dry run) of Xen 4.14, 4.17
 * and 4.20, run offline through the LD_PRELOAD shim (shim.c). roots.sh makes
 * them: 4.17 runs on this machine (Debian 12's xen-utils-4.17), 4.14 and 4.20
 * in Debian roots under .cache/xl/ (run with chroot, so this needs root).
 *
 * `runXl(release, configs)` answers, for each config, xl's exit code, the JSON
 * it printed (the libxl domain configuration) and what it wrote to stderr.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ORACLE_RELEASES = ['4.14', '4.17', '4.20'] as const;
export type OracleRelease = (typeof ORACLE_RELEASES)[number];

export interface XlRun {
  /** xl's exit status: 0 accepted; 1 most parse errors; 139 xl crashed; 125 the shim met a call it does not fake. */
  rc: number;
  /** What xl printed on stdout (the JSON, when it accepted the file). */
  stdout: string;
  /** stderr without the first line ("Parsing config from FILE"). */
  stderr: string;
}

const top = findTop();

function findTop(): string {
  // Bundled tests run from out/test/...; the sources from test/oracle/xl.
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test/oracle/xl/roots.sh'))) return dir;
    dir = resolve(dir, '..');
  }
  return process.cwd();
}

export function xlCache(): string {
  return process.env.XLCFG_XL_CACHE ?? join(top, '.cache/xl');
}

interface Installed {
  /** The chroot, or undefined when xl runs on this machine. */
  root?: string;
  /** xl's path inside the root (or on this machine). */
  xl: string;
  /** The shim's path as xl sees it. */
  shim: string;
  /** An empty xl.conf, as xl sees it (stock defaults, whatever /etc/xen/xl.conf says). */
  xlConf: string;
}

function installed(release: OracleRelease): Installed | undefined {
  const dir = join(xlCache(), release);
  const shimOnHost = join(dir, 'shim.so');
  if (!existsSync(shimOnHost)) return undefined;
  const root = join(dir, 'root');
  if (existsSync(join(root, `usr/lib/xen-${release}/bin/xl`))) {
    mkdirSync(join(root, 'shim'), { recursive: true });
    writeFileSync(join(root, 'shim/xl.conf'), '');
    if (!existsSync(join(root, 'shim/shim.so'))) writeFileSync(join(root, 'shim/shim.so'), readFileSync(shimOnHost));
    return { root, xl: `/usr/lib/xen-${release}/bin/xl`, shim: '/shim/shim.so', xlConf: '/shim/xl.conf' };
  }
  const xl = `/usr/lib/xen-${release}/bin/xl`;
  if (!existsSync(xl)) return undefined;
  const xlConf = join(dir, 'xl.conf');
  writeFileSync(xlConf, '');
  return { xl, shim: shimOnHost, xlConf };
}

/** Why a release cannot run here (undefined: it can). */
export function xlUnavailable(release: OracleRelease): string | undefined {
  if (installed(release)) return undefined;
  return `xl ${release} is not set up: run test/oracle/xl/roots.sh (it needs mmdebstrap, xen-utils-4.17, libxen-dev and gcc, and root for chroot)`;
}

/** The shell loop that runs xl on each file named on its command line (inside the root). */
const DRIVER = 'for f in "$@"; do "$XL" -N create "$f" >"$f.out" 2>"$f.err"; echo $? >"$f.rc"; done';

export interface RunOptions {
  /** Extra environment for xl (e.g. XLSHIM_NR_CPUS). */
  env?: Record<string, string>;
  /** Parallel xl processes (default 2). */
  jobs?: number;
}

/** Runs `xl -N create` of one release on every config (bytes as written to the file). */
export function runXl(release: OracleRelease, configs: Array<Buffer | string>, options: RunOptions = {}): XlRun[] {
  const inst = installed(release);
  if (!inst) throw new Error(xlUnavailable(release));
  const base = inst.root ? join(inst.root, 'shim') : xlCache();
  mkdirSync(base, { recursive: true });
  const work = mkdtempSync(join(base, 'work-'));
  const seen = inst.root ? '/shim/' + work.slice(base.length + 1) : work;
  try {
    const names = configs.map((c, i) => {
      writeFileSync(join(work, `c${i}.cfg`), c);
      return `${seen}/c${i}.cfg`;
    });
    const env = {
      PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
      LANG: 'C',
      XL: inst.xl,
      LD_PRELOAD: inst.shim,
      XLSHIM_XLCONF: inst.xlConf,
      XLSHIM_UUID: '00000000-0000-0000-0000-000000000000',
      ...options.env,
    };
    const jobs = String(options.jobs ?? 2);
    const xargs = ['xargs', '-0', '-n', '64', '-P', jobs, 'sh', '-c', DRIVER, 'driver'];
    const cmd = inst.root ? ['chroot', inst.root, 'env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...xargs] : xargs;
    const res = spawnSync(cmd[0], cmd.slice(1), { input: names.join('\0'), env: inst.root ? { PATH: process.env.PATH } : env, maxBuffer: 1 << 28 });
    if (res.error || res.status !== 0) throw new Error(`xl ${release} driver failed (${res.status}): ${res.error?.message ?? res.stderr.toString()}`);
    return configs.map((_, i) => {
      const f = join(work, `c${i}.cfg`);
      const err = readFileSync(`${f}.err`, 'latin1');
      return { rc: Number(readFileSync(`${f}.rc`, 'utf8').trim()), stdout: readFileSync(`${f}.out`, 'latin1'), stderr: err.replace(/^Parsing config from [^\n]*\n/, '') };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** xl's JSON of an accepted config (undefined when xl refused it or printed no JSON). */
export function xlJson(run: XlRun): Record<string, unknown> | undefined {
  if (run.rc !== 0) return undefined;
  const start = run.stdout.indexOf('{');
  if (start < 0) return undefined;
  return JSON.parse(run.stdout.slice(start)) as Record<string, unknown>;
}
