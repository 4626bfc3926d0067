/**
 * Finding and reading the installed xl.cfg(5) man page.
 *
 * This is the only docs module that touches the file system (and the only
 * one that may run a decompressor). Every function here swallows errors and
 * returns undefined instead of throwing: a missing or unreadable man page
 * must never break hover.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { gunzipSync } from 'node:zlib';
import { parseManPage, type ManPage } from '../docs/manpage';

export interface FindManPageOptions {
  /**
   * A path from the user's settings: the page file itself, a `man5`
   * directory, or a man root that contains `man5/`. When given, it is the
   * only place searched; if nothing is found there the result is undefined.
   */
  configuredPath?: string;
  /** A colon-separated man path; defaults to `env.MANPATH`. */
  manpath?: string;
  /** Environment to read `MANPATH` and `HOME` from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Page name without section suffix; default `xl.cfg`. */
  page?: string;
  /** Manual section; default `5`. */
  section?: string;
  /** As a last resort ask `man -w` (spawns a process). Default false. */
  useManCommand?: boolean;
}

/** Suffixes tried for a page file, in order. */
export const MAN_PAGE_SUFFIXES = ['.gz', '', '.bz2', '.xz', '.zst'] as const;

/** Man roots searched after the configured path and MANPATH. */
export const DEFAULT_MAN_ROOTS = [
  '/usr/share/man',
  '/usr/local/share/man',
  '/usr/man',
  '/usr/local/man',
  '/run/current-system/sw/share/man',
] as const;

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function pageIn(dir: string, file: string): string | undefined {
  for (const suffix of MAN_PAGE_SUFFIXES) {
    const candidate = path.join(dir, file + suffix);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/** Looks for `man<section>/<page>.<section>[.gz|…]` under a man root. */
function pageUnderRoot(root: string, page: string, section: string): string | undefined {
  return pageIn(path.join(root, 'man' + section), `${page}.${section}`);
}

/** `/opt/<anything>/share/man` and `/opt/<anything>/man`. */
function optRoots(): string[] {
  const roots: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync('/opt').sort();
  } catch {
    return roots;
  }
  for (const name of names) {
    roots.push(path.join('/opt', name, 'share', 'man'), path.join('/opt', name, 'man'));
  }
  return roots;
}

function expandHome(p: string, env: NodeJS.ProcessEnv): string {
  if (p === '~' || p.startsWith('~/')) {
    const home = env.HOME;
    if (home) return path.join(home, p.slice(1));
  }
  return p;
}

function fromConfiguredPath(configured: string, page: string, section: string): string | undefined {
  if (isFile(configured)) return configured;
  if (!isDirectory(configured)) return undefined;
  return pageUnderRoot(configured, page, section) ?? pageIn(configured, `${page}.${section}`);
}

function fromManCommand(page: string, section: string, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const result = spawnSync('man', ['-w', section, page], {
      env: { ...env, MAN_POSIXLY_CORRECT: '1' },
      encoding: 'utf8',
      timeout: 5000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    if (result.status !== 0 || typeof result.stdout !== 'string') return undefined;
    const first = result.stdout.split('\n')[0]?.trim();
    return first && path.isAbsolute(first) && isFile(first) ? first : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the installed man page file. Order: the configured path (exclusive
 * when given), the man path (`options.manpath` or `$MANPATH`), then the usual
 * roots (`/usr/share/man`, `/usr/local/share/man`, `/usr/man`,
 * `/usr/local/man`, `/opt/NAME/share/man`, `/opt/NAME/man`, `~/.local/share/man`),
 * and optionally `man -w`. Never throws.
 */
export function findManPage(options: FindManPageOptions = {}): string | undefined {
  try {
    const env = options.env ?? process.env;
    const page = options.page ?? 'xl.cfg';
    const section = options.section ?? '5';

    if (options.configuredPath !== undefined && options.configuredPath.trim() !== '') {
      return fromConfiguredPath(expandHome(options.configuredPath.trim(), env), page, section);
    }

    const roots: string[] = [];
    const manpath = options.manpath ?? env.MANPATH;
    if (manpath) {
      for (const entry of manpath.split(':')) {
        if (entry.trim() !== '') roots.push(expandHome(entry.trim(), env));
      }
    }
    roots.push(...DEFAULT_MAN_ROOTS, ...optRoots());
    if (env.HOME) roots.push(path.join(env.HOME, '.local', 'share', 'man'));

    const seen = new Set<string>();
    for (const root of roots) {
      if (seen.has(root)) continue;
      seen.add(root);
      const found = pageUnderRoot(root, page, section);
      if (found) return found;
    }
    return options.useManCommand ? fromManCommand(page, section, env) : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Reading

interface CacheEntry {
  mtimeMs: number;
  size: number;
  text: string | undefined;
  parsed?: ManPage;
}

const cache = new Map<string, CacheEntry>();

type Compression = 'gzip' | 'bzip2' | 'xz' | 'zstd' | 'none';

function compressionOf(file: string, head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
  if (head.length >= 6 && head[0] === 0xfd && head.toString('latin1', 1, 6) === '7zXZ\u0000') return 'xz';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  const ext = path.extname(file).toLowerCase();
  if (ext === '.gz') return 'gzip';
  if (ext === '.bz2') return 'bzip2';
  if (ext === '.xz' || ext === '.lzma') return 'xz';
  if (ext === '.zst') return 'zstd';
  return 'none';
}

function decompressWith(command: string, file: string): Buffer | undefined {
  try {
    const result = spawnSync(command, ['-dc', file], {
      timeout: 10000,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    if (result.error || result.status !== 0 || !result.stdout) return undefined;
    return result.stdout;
  } catch {
    return undefined;
  }
}

function decode(buf: Buffer): string {
  const text = buf.toString('utf8');
  // Man pages are normally ASCII; fall back to latin1 for legacy 8-bit files.
  return text.includes('\ufffd') ? buf.toString('latin1') : text;
}

function readUncached(file: string): string | undefined {
  const raw = fs.readFileSync(file);
  switch (compressionOf(file, raw.subarray(0, 8))) {
    case 'gzip':
      return decode(gunzipSync(raw));
    case 'bzip2': {
      const out = decompressWith('bzip2', file);
      return out ? decode(out) : undefined;
    }
    case 'xz': {
      const out = decompressWith('xz', file);
      return out ? decode(out) : undefined;
    }
    case 'zstd': {
      const out = decompressWith('zstd', file);
      return out ? decode(out) : undefined;
    }
    default:
      return decode(raw);
  }
}

function cached(file: string): CacheEntry | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return undefined;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    let text: string | undefined;
    try {
      text = readUncached(file);
    } catch {
      text = undefined;
    }
    const entry: CacheEntry = { mtimeMs: st.mtimeMs, size: st.size, text };
    cache.set(file, entry);
    return entry;
  } catch {
    return undefined;
  }
}

/**
 * Reads a man page file as roff text, decompressing `.gz` in-process and
 * `.bz2`/`.xz`/`.zst` with the `bzip2`/`xz`/`zstd` command when installed.
 * Results are cached per path and modification time. Never throws.
 */
export function readManPage(file: string): string | undefined {
  return cached(file)?.text;
}

/**
 * Finds, reads and parses the page in one go (parse result cached with the
 * text). Undefined when the page is missing or unreadable.
 */
export function loadManPage(options: FindManPageOptions = {}): { path: string; page: ManPage } | undefined {
  try {
    const file = findManPage(options);
    if (!file) return undefined;
    const entry = cached(file);
    if (!entry || entry.text === undefined) return undefined;
    if (!entry.parsed) entry.parsed = parseManPage(entry.text);
    return { path: file, page: entry.parsed };
  } catch {
    return undefined;
  }
}

/** Forgets every cached page (for tests and on settings changes). */
export function clearManPageCache(): void {
  cache.clear();
}
