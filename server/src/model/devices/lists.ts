/**
 * xl's split_string_into_string_list and split_string_into_pair, with their
 * failure modes: a list with no item at all makes xl crash (it copies a
 * NULL pointer), and a pair without its delimiter (or, up to 4.17, without
 * a second token) leaves the second half unset.
 */
import { atLeast, XenVersion } from '../xenVersion';
import { strtokRuns, trimmed } from './tokens';

/** The items of split_string_into_string_list (strtok: no empty items); empty means xl crashes. */
export function stringList(text: string, from: number, to: number, delims: string): Array<{ from: number; to: number }> {
  return strtokRuns(text, from, to, delims);
}

export type PairResult = { ok: true; a: { from: number; to: number }; b: { from: number; to: number } } | { ok: false; a?: { from: number; to: number } };

/**
 * split_string_into_pair on text[from, to): from 4.18 at the first `delim`
 * (both halves trimmed when `trim`; an empty second half before trimming is
 * a failure); up to 4.17 the first two strtok tokens (no trimming).
 */
export function splitPair(xen: XenVersion, text: string, from: number, to: number, delim: string, trim: boolean): PairResult {
  if (!atLeast(xen, 4, 18)) {
    const runs = strtokRuns(text, from, to, delim);
    if (runs.length === 0) return { ok: false };
    if (runs.length === 1) return { ok: false, a: runs[0] };
    return { ok: true, a: runs[0], b: runs[1] };
  }
  let k = from;
  while (k < to && text[k] !== delim) k++;
  if (k >= to) return { ok: false };
  if (k + 1 >= to) return { ok: false };
  const a = trim ? trimmed(text, from, k) : { from, to: k };
  const b = trim ? trimmed(text, k + 1, to) : { from: k + 1, to };
  return { ok: true, a, b };
}
