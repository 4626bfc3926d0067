/**
 * Format Document never changes what xl reads, by Xen's own parser:
 * libxlutil's verdict and stored settings (names, operators, values, byte for
 * byte) are the same before and after formatting, on the corpus (when it is
 * there) and on generated files: the oracle's hostile stream and well-formed
 * files written every which way (test/unit/messyConfigs.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeBytes } from '../../server/src/cli/readDocument';
import { formatText } from '../../server/src/format';
import { corpusFiles } from '../corpus';
import { messyConfig } from '../unit/messyConfigs';
import { generateDocument } from './generate';
import { OracleResult, OracleValue, runOracle } from './libxlu';

/** The bytes of the formatted file (a file read byte for byte is written back the same way). */
function formatted(doc: Buffer): Buffer {
  const { text, bytes } = decodeBytes(doc);
  return Buffer.from(formatText(text).text, bytes ? 'latin1' : 'utf8');
}

function valueKey(v: OracleValue): string {
  return Buffer.isBuffer(v) ? `"${v.toString('hex')}"` : `[${v.map(valueKey).join(',')}]`;
}

/** What xl reads: the verdict and the stored settings (line numbers may move). */
function reading(r: OracleResult): string {
  if (r.crashed) return 'crashed';
  return JSON.stringify({ rc: r.rc, settings: r.settings.map((s) => `${s.name.toString('hex')} ${s.op} ${valueKey(s.value)}`) });
}

function assertSameReading(docs: Buffer[], names: string[]): number {
  const after = docs.map(formatted);
  const changed = after.map((a, i) => !a.equals(docs[i]));
  const idx = docs.map((_, i) => i).filter((i) => changed[i]);
  if (!idx.length) return 0;
  const before = runOracle(idx.map((i) => docs[i]));
  const now = runOracle(idx.map((i) => after[i]));
  const bad = idx.filter((_, k) => reading(before[k]) !== reading(now[k]));
  assert.deepEqual(
    bad.map((i) => names[i]),
    [],
    bad.length ? `libxlutil reads ${names[bad[0]]} differently after formatting:\n--- before\n${docs[bad[0]].toString('latin1')}\n--- after\n${after[bad[0]].toString('latin1')}` : '',
  );
  return idx.length;
}

test('libxlutil reads every corpus file the same after formatting', (t) => {
  const files = corpusFiles();
  if (!files.length) {
    t.skip('corpus not found (XLCFG_CORPUS, ../shared/corpus)');
    return;
  }
  const n = assertSameReading(files.map((f) => readFileSync(f)), files);
  assert.ok(n > 100, `formatting changed ${n} corpus files`);
});

test('libxlutil reads generated files the same after formatting (2,000 oracle documents, 3,000 written every which way)', () => {
  const corpus = corpusFiles().map((f) => readFileSync(f));
  const docs = [...Array.from({ length: 2000 }, (_, i) => generateDocument(4242, i, { corpus })), ...Array.from({ length: 3000 }, (_, i) => Buffer.from(messyConfig(i + 1)))];
  const names = docs.map((_, i) => (i < 2000 ? `oracle document #${i} (seed 4242)` : `messy config seed ${i - 1999}`));
  const n = assertSameReading(docs, names);
  assert.ok(n > 2500, `formatting changed ${n} generated files`);
});
