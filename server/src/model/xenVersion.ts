/**
 * Xen releases: parsing "4.17", "4.18.5", "seed-2014" and comparing them.
 * The seed (the 2014 channel proposal, never released) sorts before 4.5.0.
 */
export interface XenVersion {
  /** 'seed' for the 2014 proposal. */
  kind: 'release' | 'seed';
  major: number;
  minor: number;
  /** Point release; undefined means "any point release of major.minor". */
  patch?: number;
  /** As written by the user. */
  label: string;
}

/** The release current distributions ship; the default target. */
export const DEFAULT_XEN_VERSION = '4.20';

export const SEED_VERSION: XenVersion = { kind: 'seed', major: 4, minor: 4, patch: 99, label: 'seed-2014' };

export function parseXenVersion(text: string): XenVersion | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'seed' || t === 'seed-2014') return SEED_VERSION;
  const m = /^(?:xen[- ]?)?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const v: XenVersion = { kind: 'release', major: +m[1], minor: +m[2], label: text.trim() };
  if (m[3] !== undefined) v.patch = +m[3];
  return v;
}

/**
 * Compares a version with major.minor.patch. A version without a point
 * release counts as its .0 release for "is at least" questions about point
 * releases of the same branch, which is the conservative reading for bugs
 * fixed in a later point release.
 */
export function compareVersion(v: XenVersion, major: number, minor: number, patch = 0): number {
  return v.major - major || v.minor - minor || (v.patch ?? 0) - patch;
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
