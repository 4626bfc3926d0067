/**
 * The closest of some words to a misspelt one (case-insensitive first, then
 * edit distance), cheap enough to run for every key of a file of 150,000
 * unknown keys: each candidate list is indexed once (lower case, length, the
 * set of characters), a candidate is ruled out by its length or its
 * characters before any distance is computed, and the distance itself is
 * computed only within the bound it has to beat.
 */

/** Edit distance (Levenshtein) of a and b. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Math.max(a.length, b.length));
}

let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/**
 * The edit distance of a and b when it is at most `max`, else `max + 1`. Only
 * the diagonal band of width 2 * max + 1 is computed, and the computation
 * stops at a row whose every cell is already over `max`.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  if (n + 1 > prevRow.length) {
    prevRow = new Int32Array(2 * (n + 1));
    curRow = new Int32Array(2 * (n + 1));
  }
  const over = max + 1;
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= n; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= m; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(n, i + max);
    cur[from - 1] = from === 1 && i <= max ? i : over;
    let rowMin = cur[from - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      let v = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = prev[j] + 1;
      if (up < v) v = up;
      const left = cur[j - 1] + 1;
      if (left < v) v = left;
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (to < n) cur[to + 1] = over;
    if (rowMin > max) return over;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n], over);
}

/** A bit per character class (letters, digits, the rest folded onto the free bits). */
function charMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) mask |= 1 << (s.charCodeAt(i) % 31);
  return mask;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface Index {
  lower: string[];
  /** Candidate indexes by length (ascending within each length). */
  byLength: Int32Array[];
  masks: Int32Array;
  /** Lower-cased candidate -> the first candidate spelt so. */
  exact: Map<string, string>;
}
const indexes = new WeakMap<readonly string[], Index>();
const NONE = new Int32Array(0);

function indexOf(candidates: readonly string[]): Index {
  let ix = indexes.get(candidates);
  if (!ix) {
    const lower = candidates.map((c) => c.toLowerCase());
    const exact = new Map<string, string>();
    lower.forEach((l, i) => exact.has(l) || exact.set(l, candidates[i]));
    const lists: number[][] = [];
    lower.forEach((l, i) => (lists[l.length] ??= []).push(i));
    const byLength = Array.from(lists, (xs) => (xs ? Int32Array.from(xs) : NONE));
    ix = { lower, byLength, masks: Int32Array.from(lower, charMask), exact };
    // (A list built per call, say a literal, is indexed each time; the callers pass constant lists.)
    indexes.set(candidates, ix);
  }
  return ix;
}

/**
 * The candidate nearest to `word`: an exact case-insensitive match, else the
 * first candidate at the smallest edit distance up to `maxDistance`, if that
 * distance is small enough for the candidate's length.
 */
export function nearestWord(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  const lower = word.trim().toLowerCase();
  const ix = indexOf(candidates);
  const exact = ix.exact.get(lower);
  if (exact !== undefined) return exact;
  const mask = charMask(lower);
  const len = lower.length;
  let best = -1;
  let bestDistance = maxDistance + 1;
  // Only lengths within the distance to beat; an equal distance wins for an earlier candidate.
  for (let l = Math.max(0, len - maxDistance); l <= len + maxDistance && l < ix.byLength.length; l++) {
    if (Math.abs(l - len) > bestDistance) continue;
    const list = ix.byLength[l];
    for (let k = 0; k < list.length; k++) {
      const i = list[k];
      // Each edit adds at most one character class to either side's difference.
      const m = ix.masks[i];
      if (popcount(m & ~mask) > bestDistance || popcount(mask & ~m) > bestDistance) continue;
      const d = boundedDistance(lower, ix.lower[i], bestDistance);
      if (d < bestDistance || (d === bestDistance && d <= maxDistance && i < best)) {
        best = i;
        bestDistance = d;
      }
    }
  }
  if (best < 0) return undefined;
  const c = candidates[best];
  // Short words need a closer match to count as a misspelling.
  return bestDistance <= Math.min(maxDistance, Math.max(1, Math.floor(c.length / 3))) ? c : undefined;
}
