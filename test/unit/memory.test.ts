/**
 * host/memory.ts: the collection the server runs when idle compacts the old
 * generation (survivors spread over many pages are moved together and the
 * emptied pages go back), which a plain full collection does not; and the
 * flag that makes it compact is off again afterwards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IdleCollector } from '../../server/src/host/memory';

const oldSpaceMb = () => (getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_size ?? NaN) / 2 ** 20;

test('the idle collection gives back the pages a plain full collection leaves with a few survivors each', async () => {
  const collector = new IdleCollector(10);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // Small objects in the old generation, every other one kept: each page stays half full, which V8 leaves as it is
  // (it moves the survivors of a page only when most of the page is free).
  const halfKept = (tag: string) => {
    const all = Array.from({ length: 600_000 }, (_, n) => ({ n, s: `${tag} ${n}` }));
    gc();
    gc();
    return all.filter((_, i) => i % 2 === 0);
  };
  const kept = halfKept('item');
  gc();
  const plain = oldSpaceMb();
  collector.touch();
  await new Promise((r) => setTimeout(r, 200));
  const compacted = oldSpaceMb();
  assert.equal(kept.length, 300_000);
  assert.ok(compacted < plain * 0.75, `old generation after a plain full collection ${plain.toFixed(1)} MB, after the idle one ${compacted.toFixed(1)} MB`);
  // The flag is off again: the same pattern once more, and a plain collection leaves it as it is (compacting it then still gives pages back).
  const keptAgain = halfKept('again');
  gc();
  const plainAgain = oldSpaceMb();
  setFlagsFromString('--compact-on-every-full-gc');
  gc();
  setFlagsFromString('--no-compact-on-every-full-gc');
  assert.equal(keptAgain.length, 300_000);
  assert.ok(oldSpaceMb() < plainAgain * 0.85, `the plain collection after the idle one compacted too: ${plainAgain.toFixed(1)} MB, compacted ${oldSpaceMb().toFixed(1)} MB`);
});
