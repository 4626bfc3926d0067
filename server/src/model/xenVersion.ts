/**
 * Xen releases: parsing "4.17", "4.18.5", "seed-2014" (only releases that
 * exist: model/xenReleases.ts) and comparing them. The seed (the 2014
 * channel proposal, never released) sorts before 4.5.0.
 */
import { isRelease, NEWEST_BRANCH, newestPatch, pointReleases, XEN_BRANCHES } from './xenReleases';

export interface XenVersion {
  /** 'seed' for the 2014 proposal. */
  kind: 'release' | 'seed';
  major: number;
  minor: number;
  /**
   * Point release. Undefined means the newest point release of major.minor
   * (what an up-to-date installation runs): "4.18" has every 4.18.x fix,
   * "4.18.0" has none of them.
   */
  patch?: number;
  /** As written by the user. */
  label: string;
}

/** The default target when nothing says otherwise (and no xl is installed): the newest release. */
export const DEFAULT_XEN_VERSION = NEWEST_BRANCH;

export const SEED_VERSION: XenVersion = { kind: 'seed', major: 4, minor: 4, patch: 99, label: 'seed-2014' };

/**
 * A Xen release xlcfg knows ("4.17", "4.18.5", "xen-4.20", "seed-2014"), or
 * undefined. A version that is not a release (4.99, 3.0, 4.6.2: no such tag)
 * is refused: `versionProblem` says why.
 */
export function parseXenVersion(text: string): XenVersion | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'seed' || t === 'seed-2014') return SEED_VERSION;
  const m = /^(?:xen[- ]?)?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const v: XenVersion = { kind: 'release', major: +m[1], minor: +m[2], label: text.trim() };
  if (newestPatch(v.major, v.minor) === undefined) return undefined;
  if (m[3] !== undefined) {
    v.patch = +m[3];
    if (!isRelease(v.major, v.minor, v.patch)) return undefined;
  }
  return v;
}

/** Why a text is not a Xen release xlcfg knows (undefined when it is one). */
export function versionProblem(text: string): string | undefined {
  if (parseXenVersion(text)) return undefined;
  const m = /^(?:xen[- ]?)?(\d+)\.(\d+)(?:\.(\d+))?$/i.exec(text.trim());
  const known = `known: ${XEN_BRANCHES[0]} to ${NEWEST_BRANCH} (a branch means its newest point release), x.y.z for one point release, or seed-2014`;
  if (!m) return `'${text}' is not a Xen version (${known})`;
  const patches = newestPatch(+m[1], +m[2]) === undefined ? undefined : pointReleases(+m[1], +m[2]);
  if (!patches) return `Xen ${m[1]}.${m[2]} is not a release xlcfg knows (${known})`;
  return `Xen ${m[1]}.${m[2]} has no point release ${m[3]} (its releases: ${patches.map((p) => `${m[1]}.${m[2]}.${p}`).join(', ')})`;
}

/**
 * Compares a version with major.minor.patch. A version without a point
 * release stands for the newest point release of its branch.
 */
export function compareVersion(v: XenVersion, major: number, minor: number, patch = 0): number {
  return v.major - major || v.minor - minor || (v.patch ?? Number.POSITIVE_INFINITY) - patch;
}

/** v is in [from, to) (to exclusive). */
export function inRange(v: XenVersion, from: [number, number, number?], to: [number, number, number?]): boolean {
  return v.kind === 'release' && compareVersion(v, from[0], from[1], from[2] ?? 0) >= 0 && compareVersion(v, to[0], to[1], to[2] ?? 0) < 0;
}

export function atLeast(v: XenVersion, major: number, minor: number, patch = 0): boolean {
  return v.kind === 'release' && compareVersion(v, major, minor, patch) >= 0;
}

export function isSeed(v: XenVersion): boolean {
  return v.kind === 'seed';
}

export function formatVersion(v: XenVersion): string {
  return v.kind === 'seed' ? 'seed-2014' : `${v.major}.${v.minor}${v.patch !== undefined ? '.' + v.patch : ''}`;
}
