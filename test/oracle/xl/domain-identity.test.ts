/**
 * Real xl as the judge of the first parts of parse_config_data (identity,
 * resources and shutdown actions: model/xl/steps/identity.ts, resources.ts,
 * actions.ts), for Xen 4.14, 4.17 and 4.20: on generated configs
 * (identityConfigs.ts) the port exits with xl's status, prints xl's stderr
 * lines, and `xlcfg show --json` prints xl's JSON byte for byte (xl runs with
 * a nil uuid, which it leaves out). Failures are shrunk to the fewest lines.
 *
 * Environment: XLCFG_IDENTITY_SEED (default fixed, printed),
 * XLCFG_IDENTITY_COUNT (default 1000 per release).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { libxlJsonText } from '../../../server/src/render/libxlJson';
import { portLines, portOf, xlLines } from './domainDiff';
import { identityConfig } from './identityConfigs';
import { ORACLE_RELEASES, type OracleRelease, runXl, type XlRun, xlUnavailable } from './realXl';

const SEED = Number(process.env.XLCFG_IDENTITY_SEED ?? 20261207);
const COUNT = Number(process.env.XLCFG_IDENTITY_COUNT ?? 1000);

function differences(text: string, release: OracleRelease, run: XlRun): string[] {
  if (portOf(text, release).limit) return [];
  const r = portOf(text, release);
  const out: string[] = [];
  if (r.rc !== run.rc) out.push(`exit status: port ${r.rc}, xl ${run.rc}`);
  const ours = portLines(r);
  const theirs = xlLines(run);
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) out.push(`stderr:\n    port: ${JSON.stringify(ours)}\n    xl:   ${JSON.stringify(theirs)}`);
  // (What the port leaves out as too large to build, xl prints: no JSON to compare there.)
  if (r.rc === 0 && run.rc === 0 && !r.limit) {
    const json = Buffer.from(libxlJsonText(r.config, parseXenVersion(release)!), 'utf8').toString('latin1');
    if (json !== run.stdout) out.push(`JSON:\n    port: ${JSON.stringify(json)}\n    xl:   ${JSON.stringify(run.stdout)}`);
  }
  return out;
}

function shrink(config: string, release: OracleRelease): string {
  let cur = config;
  for (let progress = true; progress; ) {
    progress = false;
    const lines = cur.trimEnd().split('\n');
    const cands = lines.map((_, i) => [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') + '\n');
    const runs = runXl(release, cands);
    const k = cands.findIndex((c, i) => differences(c, release, runs[i]).length > 0);
    if (k >= 0) {
      cur = cands[k];
      progress = true;
    }
  }
  return cur;
}

for (const release of ORACLE_RELEASES) {
  test(`identity, resources and actions agree with real xl ${release} (seed ${SEED}, ${COUNT} configs; XLCFG_IDENTITY_SEED reproduces them)`, () => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const configs = Array.from({ length: COUNT }, (_, i) => identityConfig(SEED, i));
    const runs = runXl(release, configs);
    let refused = 0;
    let huge = 0;
    const failures: number[] = [];
    configs.forEach((cfg, i) => {
      // A map of billions of vCPUs: xl allocates it (or fails to, or fails printing it) as the
      // machine's memory allows; the port does not build it. Not comparable.
      if (portOf(cfg, release).limit) {
        huge++;
        return;
      }
      if (runs[i].rc !== 0) refused++;
      if (differences(cfg, release, runs[i]).length) failures.push(i);
    });
    assert.ok(huge <= COUNT / 100, `${huge} configs too large to compare`);
    if (failures.length) {
      const small = shrink(configs[failures[0]], release);
      assert.fail(`${failures.length}/${COUNT} configs disagree with xl ${release} (seed ${SEED}; #${failures.slice(0, 10).join(' #')}). Smallest:\n${small}\n${differences(small, release, runXl(release, [small])[0]).join('\n')}`);
    }
    assert.ok(refused > COUNT / 20 && refused < COUNT - COUNT / 20, `${refused}/${COUNT} refused: the generator misses one outcome`);
  });
}
