/**
 * libxl's JSON printed back: real xl (4.14, 4.17, 4.20) on every corpus file
 * it accepts and on hand-written configs that set many keys; its stdout is
 * read into the object form (keys in order, integers exact) and printed by
 * render/libxlJson.ts for the same release, which must give xl's stdout
 * byte for byte. This checks field order per release, that no value xl
 * printed is one we would leave out as a default, every struct we add back,
 * the text layout and the escaping of strings.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import type { LibxlValue } from '../../server/src/model/xl/types';
import { libxlJsonText, libxlJsonValue } from '../../server/src/render/libxlJson';
import { corpusFiles, findCorpus } from '../corpus';
import { readLibxlJson } from '../libxlJsonReader';
import { LIBXL_JSON_CONFIGS } from './libxlJsonConfigs';
import { ORACLE_RELEASES, runXl, xlUnavailable } from './xl/realXl';

type Obj = { [field: string]: LibxlValue };

/** The first line where two texts differ, for the message. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: xl ${JSON.stringify(x[i])}, ours ${JSON.stringify(y[i])}`;
  }
  return 'same lines';
}

/** Prints xl's own JSON back; returns what is wrong (undefined: the same bytes). */
function roundTrip(stdout: string, release: string): string | undefined {
  const xen = parseXenVersion(release)!;
  let value: LibxlValue;
  try {
    value = readLibxlJson(stdout);
  } catch (e) {
    return `xl's stdout is not one JSON value: ${(e as Error).message}`;
  }
  let ours: string;
  try {
    ours = libxlJsonText(value as Obj, xen);
  } catch (e) {
    return `libxlJsonText throws: ${(e as Error).message}`;
  }
  if (ours !== stdout) return firstDifference(stdout, ours);
  // The value form is the same text, parsed.
  assert.deepEqual(libxlJsonValue(value as Obj, xen), value);
  return undefined;
}

for (const release of ORACLE_RELEASES) {
  test(`real xl ${release}: its JSON for every corpus file it accepts, printed back, is the same bytes`, (t) => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const dir = findCorpus();
    if (!dir) {
      t.skip('corpus not found (set XLCFG_CORPUS)');
      return;
    }
    const files = corpusFiles(dir).filter((f) => !f.endsWith('.xml') && !f.endsWith('.md') && !f.endsWith('.txt'));
    const runs = runXl(release, files.map((f) => readFileSync(f)));
    const failures: string[] = [];
    let accepted = 0;
    runs.forEach((run, i) => {
      if (run.rc !== 0) return;
      accepted++;
      const wrong = roundTrip(run.stdout, release);
      if (wrong) failures.push(`${files[i]}: ${wrong}`);
    });
    t.diagnostic(`${accepted} of ${files.length} corpus files accepted by xl ${release}, all printed back`);
    assert.ok(accepted >= 50, `only ${accepted} corpus files accepted`);
    assert.deepEqual(failures, []);
  });

  test(`real xl ${release}: its JSON for hand-written configs that set many keys, printed back, is the same bytes`, () => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const runs = runXl(release, LIBXL_JSON_CONFIGS.map((c) => c.text));
    const failures: string[] = [];
    runs.forEach((run, i) => {
      const name = LIBXL_JSON_CONFIGS[i].name;
      if (run.rc !== 0) failures.push(`${name}: xl ${release} refuses it (${run.rc}): ${run.stderr.trim()}`);
      else {
        const wrong = roundTrip(run.stdout, release);
        if (wrong) failures.push(`${name}: ${wrong}`);
      }
    });
    assert.deepEqual(failures, []);
  });
}
