/**
 * Xen releases: parsing "4.17", "4.18.5", "seed-2014" and comparing them.
 * The seed (the 2014 channel proposal, never released) sorts before 4.5.0.
 */
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
