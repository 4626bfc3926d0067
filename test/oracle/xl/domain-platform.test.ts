/**
 * Real xl as the judge of the platform part of parse_config_data
 * (model/xl/steps/platform.ts), for Xen 4.14, 4.17 and 4.20: generated
 * configs (platformConfigs.ts) must agree with `xl -N create` on the exit
 * status, every stderr line and every value of the JSON. Two things xl
 * prints the port does not build are left out of the comparison: empty
 * objects (members other steps fill) and the random bytes of
 * ms_vm_genid = "generate". Failures are shrunk to the fewest lines.
 *
 * Environment: XLCFG_PLATFORM_SEED (default fixed, printed),
 * XLCFG_PLATFORM_COUNT (default 1200 per release).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fields, parseXlJson, plain, portLines, portOf, xlLines } from './domainDiff';
import { platformConfig } from './platformConfigs';
import { ORACLE_RELEASES, type OracleRelease, runXl, type XlRun, xlUnavailable } from './realXl';

const SEED = Number(process.env.XLCFG_PLATFORM_SEED ?? 20261207);
const COUNT = Number(process.env.XLCFG_PLATFORM_COUNT ?? 1200);

function empty(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(empty);
}

function isGenid(v: unknown): boolean {
  return Array.isArray(v) && v.length === 16 && v.every((b) => Number.isInteger(b) && b >= 0 && b < 256);
}

/** Where the port and xl disagree on one config (nothing: they agree). */
export function platformDifferences(text: string, release: OracleRelease, run: XlRun): string[] {
  const r = portOf(text, release);
  if (r.limit) return [`the port gave up: ${r.limit}`];
  const out: string[] = [];
  if (r.rc !== run.rc) out.push(`exit status: port ${r.rc}, xl ${run.rc}`);
  const ours = portLines(r);
  const theirs = xlLines(run);
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) out.push(`stderr:\n    port: ${JSON.stringify(ours)}\n    xl:   ${JSON.stringify(theirs)}`);
  if (r.rc === 0 && run.rc === 0) {
    for (const d of fields(plain(r.config), parseXlJson(run.stdout))) {
      if (d.extra) continue;
      if (d.port === undefined && empty(d.xl)) continue;
      if (d.path.endsWith('type.hvm.ms_vm_genid') && d.port === undefined && isGenid(d.xl)) continue;
      out.push(`${d.path}: port ${JSON.stringify(d.port)}, xl ${JSON.stringify(d.xl)}`);
    }
  }
  return out;
}

/** The config with one line fewer (the name line stays). */
function* smaller(config: string): Generator<string> {
  const lines = config.trimEnd().split('\n');
  for (let i = 1; i < lines.length; i++) yield [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') + '\n';
}

function shrink(config: string, release: OracleRelease): string {
  let cur = config;
  for (let progress = true; progress; ) {
    progress = false;
    const cands = [...smaller(cur)];
    if (!cands.length) break;
    const runs = runXl(release, cands);
    for (let i = 0; i < cands.length; i++) {
      if (platformDifferences(cands[i], release, runs[i]).length) {
        cur = cands[i];
        progress = true;
        break;
      }
    }
  }
  return cur;
}

for (const release of ORACLE_RELEASES) {
  const why = xlUnavailable(release);
  test(`platform keys agree with real xl ${release} (seed ${SEED}, ${COUNT} configs)`, { skip: why }, () => {
    const configs = Array.from({ length: COUNT }, (_, i) => platformConfig(SEED, i));
    const runs = runXl(release, configs);
    const failures: string[] = [];
    let refused = 0;
    configs.forEach((cfg, i) => {
      if (runs[i].rc !== 0) refused++;
      const d = platformDifferences(cfg, release, runs[i]);
      if (d.length) failures.push(`#${i}`);
    });
    if (failures.length) {
      const first = configs[Number(failures[0].slice(1))];
      const small = shrink(first, release);
      const d = platformDifferences(small, release, runXl(release, [small])[0]);
      assert.fail(`${failures.length}/${COUNT} configs disagree with xl ${release} (seed ${SEED}; ${failures.slice(0, 10).join(' ')}). Smallest:\n${small}\n${d.join('\n')}`);
    }
    // The generator reaches both sides: some files xl takes, some it refuses.
    assert.ok(refused > COUNT / 20 && refused < COUNT - COUNT / 20, `${refused}/${COUNT} refused`);
  });
}
