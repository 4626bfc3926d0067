/**
 * Which Xen release this machine has, when it has one: the target xlcfg
 * checks for when nothing else says (an admin editing configs on their Xen
 * host gets the answers of their xl, not of the newest release).
 *
 * In order: the real xl binary (`/usr/lib/xen-X.Y/bin/xl`; the newest when
 * several are installed), refined to a point release by the package's
 * version (Debian's `xen-utils-X.Y`); else the version of the installed
 * xl.cfg(5) man page. Never throws.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXenVersion } from '../model/xenVersion';
import { findManPage, readManPage } from './manpageLocator';
import { parseManPage } from '../docs/manpage';

export interface InstalledXen {
  /** A release xlcfg knows: "4.17.7", or "4.17" when the point release is unknown. */
  version: string;
  /** Where it was seen, for the user: the xl binary or the man page. */
  from: string;
}

export interface HostPaths {
  /** Where /usr/lib/xen-X.Y live (default /usr/lib). */
  libDir?: string;
  /** dpkg's status file (default /var/lib/dpkg/status). */
  dpkgStatus?: string;
  /** The man page lookup (default: findManPage's own). */
  manPage?: () => string | undefined;
}

function newestXl(libDir: string): { branch: string; path: string } | undefined {
  let best: { branch: string; path: string; key: number } | undefined;
  let names: string[];
  try {
    names = readdirSync(libDir);
  } catch {
    return undefined;
  }
  for (const name of names) {
    const m = /^xen-(\d+)\.(\d+)$/.exec(name);
    if (!m) continue;
    const path = join(libDir, name, 'bin/xl');
    if (!existsSync(path)) continue;
    const key = +m[1] * 1000 + +m[2];
    if (!best || key > best.key) best = { branch: `${m[1]}.${m[2]}`, path, key };
  }
  return best;
}

/** The point release Debian's package of a branch says it is (its version starts with x.y.z). */
function packagedPoint(branch: string, dpkgStatus: string): string | undefined {
  let status: string;
  try {
    status = readFileSync(dpkgStatus, 'utf8');
  } catch {
    return undefined;
  }
  for (const stanza of status.split('\n\n')) {
    if (!new RegExp(`^Package: xen-utils-${branch.replace('.', '\\.')}$`, 'm').test(stanza)) continue;
    if (!/^Status: .*installed$/m.test(stanza)) continue;
    const v = /^Version: (\d+\.\d+\.\d+)/m.exec(stanza)?.[1];
    if (v && v.startsWith(branch + '.') && parseXenVersion(v)) return v;
  }
  return undefined;
}

/** XLCFG_INSTALLED_XEN, when set, replaces the search: a release, or empty for "none" (for tests and odd machines). */
export function findInstalledXen(paths: HostPaths = {}, env: NodeJS.ProcessEnv = process.env): InstalledXen | undefined {
  const forced = env.XLCFG_INSTALLED_XEN;
  if (forced !== undefined) return forced && parseXenVersion(forced) ? { version: forced, from: 'XLCFG_INSTALLED_XEN' } : undefined;
  try {
    const xl = newestXl(paths.libDir ?? '/usr/lib');
    if (xl) return { version: packagedPoint(xl.branch, paths.dpkgStatus ?? '/var/lib/dpkg/status') ?? xl.branch, from: xl.path };
    const man = (paths.manPage ?? (() => findManPage()))();
    const roff = man ? readManPage(man) : undefined;
    const v = roff ? parseManPage(roff, { sections: [] }).version : undefined;
    if (man && v && parseXenVersion(v)) return { version: v, from: man };
    const branch = v && /^\d+\.\d+/.exec(v)?.[0];
    if (man && branch && parseXenVersion(branch)) return { version: branch, from: man };
  } catch {
    // A machine we cannot read has no Xen we know of.
  }
  return undefined;
}
