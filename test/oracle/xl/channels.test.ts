/**
 * Real xl as the judge of channels, for Xen 4.14, 4.17 and 4.20: on the
 * corpus and on generated configs whose channel lists mix every kind of item,
 *   1. xl refuses the file (exit != 0) exactly when xlcfg reports a finding
 *      whose effect is `xl-refuses`;
 *   2. when xl accepts it, the channels the port of xl's reading builds
 *      (model/xl/steps/channel.ts) equal the channels of xl's JSON: order,
 *      devid (or its absence), name, connection, path, backend_domname.
 * Failures are shrunk to the smallest config that still disagrees.
 *
 * Environment: XLCFG_CHANNEL_SEED (default fixed), XLCFG_CHANNEL_COUNT
 * (default 5000 per release), XLCFG_CORPUS.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkText } from '../../../server/src/check';
import { decodeBytes } from '../../../server/src/cli/readDocument';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { readDomain } from '../../../server/src/model/xl/readDomain';
import { corpusFiles, findCorpus } from '../../corpus';
import { channelConfig } from './channelConfigs';
import { ORACLE_RELEASES, OracleRelease, runXl, XlRun, xlUnavailable } from './realXl';

const SEED = Number(process.env.XLCFG_CHANNEL_SEED ?? 20261202);
const COUNT = Number(process.env.XLCFG_CHANNEL_COUNT ?? 5000);

interface Verdict {
  refuses: boolean;
  /** Why (the xl-refuses findings), for messages. */
  why: string[];
  /** The channels as libxl's JSON would show them (when xl accepts). */
  channels: unknown[];
}

/** What xlcfg says xl does with the file: refusal from the channel findings, the channels from the port of xl's reading. */
function xlcfgVerdict(config: Buffer | string, release: OracleRelease): Verdict {
  const xen = parseXenVersion(release)!;
  const { text, bytes } = typeof config === 'string' ? { text: config, bytes: false } : decodeBytes(config);
  const doc = checkText(text, { xen }, { bytes });
  const fatal = doc.diagnostics.filter((d) => d.effect === 'xl-refuses');
  const channels = (readDomain(doc.model, xen, { source: 'FILE' }).config.channels as unknown[] | undefined) ?? [];
  return { refuses: fatal.length > 0, why: fatal.map((d) => `${d.code}: ${d.message}`), channels };
}

/** What xl did, in the same terms. */
function xlVerdictOf(run: XlRun): { refuses: boolean; channels?: unknown[] } {
  if (run.rc !== 0) return { refuses: true };
  const json = JSON.parse(run.stdout) as { channels?: unknown[] };
  return { refuses: false, channels: json.channels ?? [] };
}

function differences(ours: Verdict, run: XlRun): string[] {
  const theirs = xlVerdictOf(run);
  if (ours.refuses !== theirs.refuses) {
    return [
      theirs.refuses
        ? `xl refuses it (exit ${run.rc}: ${run.stderr.trim() || '(no message)'}) but xlcfg reports no finding with effect xl-refuses`
        : `xl accepts it but xlcfg says xl refuses it: ${ours.why.join(' | ')}`,
    ];
  }
  if (theirs.refuses) return [];
  const a = JSON.stringify(ours.channels);
  const b = JSON.stringify(theirs.channels);
  return a === b ? [] : [`channels differ:\n    xlcfg: ${a}\n    xl:    ${b}`];
}

/** Smaller versions of a config: one channel item, or one piece of one, or one character fewer. */
function* smaller(config: string): Generator<string> {
  const lines = config.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^channel/.test(lines[i])) continue;
    const m = /^(channel \+?= \[ )(.*)( \])$/.exec(lines[i]);
    if (!m) continue;
    const items = m[2].match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[ [^\]]* \]/g) ?? [];
    for (let k = 0; k < items.length; k++) {
      const rest = items.filter((_, j) => j !== k);
      yield [...lines.slice(0, i), `${m[1]}${rest.join(', ')}${m[3]}`, ...lines.slice(i + 1)].join('\n');
    }
    for (let k = 0; k < items.length; k++) {
      const body = items[k].slice(1, -1);
      const pieces = body.split(',');
      for (let p = 0; p < pieces.length && pieces.length > 1; p++) {
        const item = items[k][0] + pieces.filter((_, j) => j !== p).join(',') + items[k][0];
        yield [...lines.slice(0, i), `${m[1]}${items.map((x, j) => (j === k ? item : x)).join(', ')}${m[3]}`, ...lines.slice(i + 1)].join('\n');
      }
    }
  }
}

function shrink(config: string, release: OracleRelease): string {
  let best = config;
  for (let round = 0; round < 40; round++) {
    const candidates = [...smaller(best)];
    if (!candidates.length) break;
    const runs = runXl(release, candidates);
    const k = candidates.findIndex((c, i) => differences(xlcfgVerdict(c, release), runs[i]).length > 0);
    if (k < 0) break;
    best = candidates[k];
  }
  return best;
}

function check(release: OracleRelease, configs: Array<string | Buffer>, names: string[], canShrink: boolean): string[] {
  const runs = runXl(release, configs);
  const failures: string[] = [];
  let refused = 0;
  for (let i = 0; i < configs.length && failures.length < 3; i++) {
    if (runs[i].rc !== 0) refused++;
    const diffs = differences(xlcfgVerdict(configs[i], release), runs[i]);
    if (!diffs.length) continue;
    const small = canShrink && typeof configs[i] === 'string' ? shrink(configs[i] as string, release) : undefined;
    const shown = small ?? configs[i].toString();
    const smallDiffs = small ? differences(xlcfgVerdict(small, release), runXl(release, [small])[0]) : diffs;
    failures.push(`${names[i]}: xl ${release} and xlcfg disagree.\n  ${small ? 'smallest such config' : 'config'}:\n${shown.replace(/^/gm, '    | ')}\n  ${smallDiffs.join('\n  ')}`);
  }
  assert.ok(configs.length === 0 || refused < configs.length, `xl ${release} refused every config: is it set up right? (${runs[0]?.stderr})`);
  return failures;
}

for (const release of ORACLE_RELEASES) {
  test(`real xl ${release} and xlcfg agree on ${COUNT} generated channel configs (seed ${SEED}; XLCFG_CHANNEL_SEED reproduces them)`, () => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const configs = Array.from({ length: COUNT }, (_, i) => channelConfig(SEED, i));
    const names = configs.map((_, i) => `generated config #${i} (seed ${SEED})`);
    const failures = check(release, configs, names, true);
    assert.equal(failures.length, 0, failures.join('\n\n'));
  });

  test(`real xl ${release} and xlcfg agree on the channels of every corpus file xl accepts`, (t) => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const dir = findCorpus();
    if (!dir) {
      t.skip('corpus not found (set XLCFG_CORPUS)');
      return;
    }
    const files = corpusFiles(dir);
    const configs = files.map((f) => readFileSync(f));
    const runs = runXl(release, configs);
    const failures: string[] = [];
    for (let i = 0; i < files.length; i++) {
      if (runs[i].rc !== 0) continue;
      const ours = xlcfgVerdict(configs[i], release);
      const theirs = xlVerdictOf(runs[i]);
      if (ours.refuses) failures.push(`${files[i]}: xl ${release} accepts it, xlcfg says it refuses: ${ours.why.join(' | ')}`);
      else if (JSON.stringify(ours.channels) !== JSON.stringify(theirs.channels)) failures.push(`${files[i]}: channels differ: ${JSON.stringify(ours.channels)} vs ${JSON.stringify(theirs.channels)}`);
    }
    assert.equal(failures.length, 0, failures.slice(0, 5).join('\n'));
  });
}
