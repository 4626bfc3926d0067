/**
 * Which top-level keys xl reads in which Xen release
 * (server/data/xl-read-keys.json, generated from a clone of Xen by
 * scripts/gen-xl-keys.mjs; point releases included, so a key backported to a
 * branch counts from that point release).
 */
import data from '../../data/xl-read-keys.json';
import kindData from '../../data/xl-key-kinds.json';
import { newestPatch, Release } from '../model/xenReleases';
import { isSeed, XenVersion } from '../model/xenVersion';
import type { KeyKind } from '../model/xl/xluConfig';

/** A run of consecutive releases that read a key; `to` undefined: still read by the newest. */
export interface KeyRun {
  from: Release;
  to?: Release;
}

const release = (s: string) => s.split('.').map(Number) as unknown as Release;
const cmp = (a: Release, b: Release) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

const RUNS = new Map<string, KeyRun[]>();
for (const [key, from, to] of data.keys as Array<[string, string, string]>) {
  const run: KeyRun = to ? { from: release(from), to: release(to) } : { from: release(from) };
  const runs = RUNS.get(key);
  if (runs) runs.push(run);
  else RUNS.set(key, [run]);
}

export const XL_KEYS: readonly string[] = [...RUNS.keys()];

export function xlKeyRuns(key: string): readonly KeyRun[] | undefined {
  return RUNS.get(key);
}

export type { KeyKind };

const KIND_RUNS = new Map<string, Array<{ kinds: KeyKind[]; from: Release; to?: Release }>>();
for (const [key, kinds, from, to] of kindData.kinds as Array<[string, string, string, string]>) {
  const run = { kinds: kinds.split('|') as KeyKind[], from: release(from), to: to ? release(to) : undefined };
  (KIND_RUNS.get(key) ?? KIND_RUNS.set(key, []).get(key)!).push(run);
}

/** The kinds of value the target's xl reads a key as (undefined when it does not read it; every kind any release uses for the 2014 proposal). */
export function xlKeyKinds(key: string, v: XenVersion): readonly KeyKind[] | undefined {
  const runs = KIND_RUNS.get(key);
  if (!runs) return undefined;
  if (isSeed(v)) return [...new Set(runs.flatMap((r) => r.kinds))];
  const at: Release = [v.major, v.minor, v.patch ?? newestPatch(v.major, v.minor) ?? 0];
  return runs.find((r) => cmp(r.from, at) <= 0 && (!r.to || cmp(at, r.to) <= 0))?.kinds;
}

export function formatRelease(r: Release): string {
  return r.join('.');
}

/**
 * Whether the target's xl reads the key: 'reads'; 'not-yet' (a later release
 * reads it); 'no-longer' (an earlier release read it, no later one does);
 * 'not-in-this-release' (read before and after, not here); 'never' (no
 * release reads it). The 2014 proposal is not a release: 'reads' for every
 * key some release reads.
 */
export type KeyStatus = 'reads' | 'not-yet' | 'no-longer' | 'not-in-this-release' | 'never';

export function xlReadsKey(key: string, v: XenVersion): KeyStatus {
  const runs = RUNS.get(key);
  if (!runs) return 'never';
  if (isSeed(v)) return 'reads';
  const at: Release = [v.major, v.minor, v.patch ?? newestPatch(v.major, v.minor) ?? 0];
  if (runs.some((r) => cmp(r.from, at) <= 0 && (!r.to || cmp(at, r.to) <= 0))) return 'reads';
  if (cmp(at, runs[0].from) < 0) return 'not-yet';
  const last = runs[runs.length - 1];
  if (last.to && cmp(at, last.to) > 0) return 'no-longer';
  return 'not-in-this-release';
}

/** Deprecated keys: what replaces them, since when (the man page's word), and what xl does about it. */
export const DEPRECATED_KEYS: Readonly<Record<string, { use: string; since: string; note?: string }>> = {
  builder: { use: 'type="pv|pvh|hvm"', since: '4.10' },
  altp2mhvm: { use: 'altp2m', since: '4.9' },
  stdvga: { use: 'vga="stdvga"', since: '4.3', note: 'xl itself never warns about it.' },
  pvh: { use: 'type="pvh"', since: '4.10' },
};
