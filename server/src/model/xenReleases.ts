/**
 * The Xen releases xlcfg knows: every RELEASE-x.y.z tag from 4.2.0 on
 * (server/data/xen-releases.json, generated from a clone of Xen by
 * scripts/gen-xl-keys.mjs). The one list every part of xlcfg reads.
 */
import data from '../../data/xen-releases.json';

export type Release = readonly [major: number, minor: number, patch: number];

/** Oldest first. */
export const XEN_RELEASES: readonly Release[] = data.releases.map((r) => r.split('.').map(Number) as unknown as Release);

/** The x.y branches, oldest first. */
export const XEN_BRANCHES: readonly string[] = [...new Set(XEN_RELEASES.map(([a, b]) => `${a}.${b}`))];

/** The newest branch: the default target when no xl is installed. */
export const NEWEST_BRANCH = XEN_BRANCHES[XEN_BRANCHES.length - 1];

/** The newest point release of a branch (undefined: no such branch). */
export function newestPatch(major: number, minor: number): number | undefined {
  let out: number | undefined;
  for (const [a, b, c] of XEN_RELEASES) if (a === major && b === minor) out = c;
  return out;
}

export function isRelease(major: number, minor: number, patch: number): boolean {
  return XEN_RELEASES.some(([a, b, c]) => a === major && b === minor && c === patch);
}

/** Every point release of a branch, oldest first. */
export function pointReleases(major: number, minor: number): number[] {
  return XEN_RELEASES.filter(([a, b]) => a === major && b === minor).map(([, , c]) => c);
}
