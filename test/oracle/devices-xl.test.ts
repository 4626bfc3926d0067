/**
 * Real xl (4.14, 4.17, 4.20: `xl -N create`) as the judge of the device
 * readers (model/devices/*.ts): on generated device lists of every family,
 * inside a minimal valid domain,
 *   1. xl's exit status equals the reader's (0 when it reads every item;
 *      the XlExit status where it stops);
 *   2. what xl prints on stderr equals the `xl` lines of the reader's events
 *      (the config's file name normalised to FILE);
 *   3. when xl accepts the file, the family's array in xl's JSON equals the
 *      reader's libxl objects. Both leave defaults out (xl's JSON generator
 *      skips fields equal to their default; the readers set only what xl
 *      set), so the comparison is JSON text against JSON text.
 * Failures are shrunk to the smallest config that still disagrees.
 *
 * Environment: XLCFG_DEVICES_SEED (default fixed), XLCFG_DEVICES_COUNT
 * (configs per family and release, default 800: 19 families x 3 releases keep CI in its time), XLCFG_DEVICES_FAMILIES
 * (comma-separated, default all).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FAMILY_CASES, FamilyCase, Outcome } from './devicesXlCases';
import { gen, Item, quoteValue } from './devicesXlConfigs';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { ORACLE_RELEASES, OracleRelease, runXl, XlRun, xlUnavailable } from './xl/realXl';
import { parseXlJson, plain } from './xl/domainDiff';

const SEED = Number(process.env.XLCFG_DEVICES_SEED ?? 20261204);
const COUNT = Number(process.env.XLCFG_DEVICES_COUNT ?? 800);
const ONLY = process.env.XLCFG_DEVICES_FAMILIES?.split(',');

function configOf(c: FamilyCase, items: Item[]): string {
  return c.base + c.lines(items.map(quoteValue)).join('\n') + '\n';
}

/** xl's side: exit status, stderr lines (file name normalised), the family's JSON. */
function theirs(c: FamilyCase, run: XlRun): Outcome {
  // realXl reads xl's output as latin1; xl writes the config's bytes (UTF-8).
  const utf8 = (t: string) => Buffer.from(t, 'latin1').toString('utf8');
  const stderr = utf8(run.stderr).replace(/[^\s`']*\/c\d+\.cfg(?=:)/g, 'FILE');
  // The shell running xl reports a crash on the same stream: not xl's words.
  const lines = stderr.split('\n').filter((l) => !/^(Segmentation fault|Aborted)( \(core dumped\))?$/.test(l));
  if (lines[lines.length - 1] === '') lines.pop();
  if (run.rc !== 0) return { rc: run.rc, lines };
  // (Integers beyond 2^53 kept exact, as decimal strings.)
  const json = parseXlJson(utf8(run.stdout))!;
  return { rc: 0, lines, devices: c.json(json) };
}

/** An outcome without what xlcfg says is unpredictable. */
function predictable(o: Outcome, u: Outcome['unpredictable']): Outcome {
  if (!u) return o;
  if (u === 'all') return { rc: 0, lines: [] };
  const devices = Array.isArray(o.devices) ? o.devices.map((d) => Object.fromEntries(Object.entries(d as object).filter(([k]) => !u.fields.includes(k)))) : o.devices;
  return { rc: o.rc, lines: o.lines.filter((l) => !u.lines.includes(l)), devices };
}

function differences(c: FamilyCase, release: OracleRelease, items: Item[], run: XlRun): string[] {
  const raw = c.ours(items, release);
  const ours = predictable(raw, raw.unpredictable);
  const t = predictable(theirs(c, run), raw.unpredictable);
  const out: string[] = [];
  if (ours.rc !== t.rc) out.push(`exit status: xlcfg ${ours.rc}, xl ${t.rc}`);
  if (JSON.stringify(ours.lines) !== JSON.stringify(t.lines)) out.push(`stderr differs:\n    xlcfg: ${JSON.stringify(ours.lines)}\n    xl:    ${JSON.stringify(t.lines)}`);
  const devices = ours.devices === undefined ? undefined : plain(ours.devices);
  if (!out.length && t.rc === 0 && JSON.stringify(devices) !== JSON.stringify(t.devices)) {
    out.push(`${c.family} differ:\n    xlcfg: ${JSON.stringify(devices)}\n    xl:    ${JSON.stringify(t.devices)}`);
  }
  return out;
}

/** Smaller versions of a string: one ','-piece fewer, then one character fewer. */
function* smallerString(x: string): Generator<string> {
  const pieces = x.split(',');
  if (pieces.length > 1) for (let p = 0; p < pieces.length; p++) yield pieces.filter((_, q) => q !== p).join(',');
  for (let k = 0; k < x.length; k++) yield x.slice(0, k) + x.slice(k + 1);
}

function* smaller(items: Item[]): Generator<Item[]> {
  for (let i = 0; i < items.length; i++) yield items.filter((_, j) => j !== i);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (typeof it === 'string') for (const s of smallerString(it)) yield items.map((x, j) => (j === i ? s : x));
    else {
      for (let k = 0; k < it.length; k++) yield items.map((x, j) => (j === i ? it.filter((_, q) => q !== k) : x));
      for (let k = 0; k < it.length; k++) for (const s of smallerString(it[k])) yield items.map((x, j) => (j === i ? it.map((y, q) => (q === k ? s : y)) : x));
    }
  }
}

function shrink(c: FamilyCase, release: OracleRelease, items: Item[]): Item[] {
  let best = items;
  for (let round = 0; round < 80; round++) {
    const candidates = [...smaller(best)];
    if (!candidates.length) break;
    const runs = runXl(release, candidates.map((x) => configOf(c, x)));
    const k = candidates.findIndex((x, i) => differences(c, release, x, runs[i]).length > 0);
    if (k < 0) break;
    best = candidates[k];
  }
  return best;
}

for (const c of FAMILY_CASES) {
  if (ONLY && !ONLY.includes(c.family)) continue;
  for (const release of ORACLE_RELEASES) {
    test(`real xl ${release} and xlcfg agree on ${COUNT} generated ${c.family} lists (seed ${SEED}; XLCFG_DEVICES_SEED reproduces them)`, () => {
      const missing = xlUnavailable(release);
      assert.equal(missing, undefined, missing);
      const lists = Array.from({ length: COUNT }, (_, i) => c.items(gen(SEED, i), SEED, i));
      const runs = runXl(release, lists.map((items) => configOf(c, items)));
      const failures: string[] = [];
      let accepted = 0;
      for (let i = 0; i < lists.length && failures.length < 3; i++) {
        if (runs[i].rc === 0) accepted++;
        const diffs = differences(c, release, lists[i], runs[i]);
        if (!diffs.length) continue;
        const small = shrink(c, release, lists[i]);
        const smallDiffs = differences(c, release, small, runXl(release, [configOf(c, small)])[0]);
        failures.push(`${c.family} list #${i} (seed ${SEED}): ${JSON.stringify(lists[i])}\n  smallest disagreeing list: ${JSON.stringify(small)}\n  ${smallDiffs.join('\n  ')}`);
      }
      assert.equal(failures.length, 0, failures.join('\n\n'));
      const reads = !c.since || c.since(parseXenVersion(release)!);
      assert.ok(accepted > 0 && (c.alwaysAccepted || !reads || accepted < lists.length), `xl ${release} accepted ${accepted} of ${lists.length} ${c.family} lists: the generator misses one outcome`);
      console.log(`${c.family} on xl ${release}: ${lists.length} lists (seed ${SEED}), ${accepted} accepted, all agree`);
    });
  }
}
