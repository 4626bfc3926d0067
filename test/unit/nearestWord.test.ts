/**
 * The indexed, bounded did-you-mean gives exactly what the plain one gives
 * (a full edit-distance matrix against every candidate), on random words
 * near and far from the known keys.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundedDistance, editDistance, nearestWord } from '../../server/src/check/nearestWord';
import { XL_KEYS } from '../../server/src/docs/xlKeys';
import { Rng } from '../oracle/generate';

function plainDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function plainNearest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  const lower = word.trim().toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const c of candidates) {
    const d = plainDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best && bestDistance <= Math.min(maxDistance, Math.max(1, Math.floor(best.length / 3))) ? best : undefined;
}

const KEYS = XL_KEYS;
const ALPHABET = 'abcdeimnoprstuvx_0123456789ABé';

function mutate(r: Rng, s: string): string {
  for (let e = r.int(4); e > 0; e--) {
    const at = r.int(s.length + 1);
    const c = ALPHABET[r.int(ALPHABET.length)];
    const op = r.int(3);
    s = op === 0 ? s.slice(0, at) + c + s.slice(at) : op === 1 ? s.slice(0, at) + c + s.slice(at + 1) : s.slice(0, at) + s.slice(at + 1);
  }
  return s;
}

test('bounded distance: exact up to the bound, bound + 1 past it', () => {
  const r = new Rng(3);
  for (let n = 0; n < 20000; n++) {
    const a = mutate(r, r.pick(KEYS));
    const b = r.chance(0.5) ? mutate(r, a) : r.pick(KEYS);
    const d = plainDistance(a, b);
    assert.equal(editDistance(a, b), d);
    const max = r.int(4);
    assert.equal(boundedDistance(a, b, max), Math.min(d, max + 1), `${a} ${b} ${max}`);
  }
});

test('nearestWord agrees with the plain search on the known keys and on short lists', () => {
  const r = new Rng(4);
  const short = ['name', 'connection', 'path', 'backend'];
  for (let n = 0; n < 6000; n++) {
    const word = r.chance(0.8) ? mutate(r, r.pick(KEYS)) : ALPHABET.slice(r.int(10), r.int(30));
    assert.equal(nearestWord(word, KEYS), plainNearest(word, KEYS), word);
    assert.equal(nearestWord(word, short), plainNearest(word, short), word);
    assert.equal(nearestWord(word, KEYS, 3), plainNearest(word, KEYS, 3), word);
  }
});
