/**
 * The short fuzz CI runs (`npm run fuzz -- --count 1000000` runs the long one):
 * 20,000 documents through parse, check, preview and every quick fix, and the
 * running server under hostile traffic.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { fuzzDocuments, fuzzServer } from './fuzz';
// (Not from ./main: that module is the `npm run fuzz` command and runs when imported.)
import { corpusBuffers } from './corpus';

const SEED = Number(process.env.XLCFG_FUZZ_SEED ?? 7_2026_11);

test(`fuzz: 20,000 documents (seed ${SEED}) through parse, check, preview and every quick fix`, () => {
  const report = fuzzDocuments(SEED, Number(process.env.XLCFG_FUZZ_COUNT ?? 20000), corpusBuffers());
  assert.deepEqual(report.failures, [], report.failures.map((f) => `document #${f.index}: ${f.message}\nsmallest input: ${f.smallest}`).join('\n\n'));
});

// Two seeds: an even seed's client pulls diagnostics (as VS Code does), an odd seed's is pushed them.
for (const seed of [SEED, SEED + 1]) {
  test(`fuzz: the server keeps answering under hostile traffic (seed ${seed}, a client that ${seed % 2 === 0 ? 'pulls' : 'is pushed'} diagnostics)`, async () => {
    const failures = await fuzzServer(join(process.cwd(), 'dist/server.js'), seed, 300);
    assert.deepEqual(failures, []);
  });
}
