/**
 * Issue 17's last criterion, on generated configs: real xl (4.14, 4.17,
 * 4.20) refuses a file exactly when `xlcfg check` reports a finding whose
 * effect is `xl-refuses`, whatever part of the config is wrong. The configs
 * are the parts' own generators (identity and resources, platform, display,
 * devices, channels: good
 * and bad values of every key they cover), each mixed with the others'
 * lines, so that one file can be wrong in several places.
 *
 * The editor assumes a host any guest fits (EDITOR_HOST: 256 cpus, 64 NUMA
 * nodes); xl runs on the same fake host. XLCFG_VERDICT_SEED and
 * XLCFG_VERDICT_COUNT (configs per release, default 1200) reproduce a run.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText } from '../../../server/src/check';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { EDITOR_HOST } from '../../../server/src/model/xl/context';
import { domainReading } from '../../../server/src/model/xl/domainReading';
import { channelConfig } from './channelConfigs';
import { deviceDomainConfig } from './deviceDomainConfigs';
import { displayConfig } from './displayConfigs';
import { unpredictable, xlLines } from './domainDiff';
import { identityConfig } from './identityConfigs';
import { platformConfig } from './platformConfigs';
import { ORACLE_RELEASES, runXl, xlUnavailable, type OracleRelease } from './realXl';

const SEED = Number(process.env.XLCFG_VERDICT_SEED ?? 20261207);
const COUNT = Number(process.env.XLCFG_VERDICT_COUNT ?? 1200);
const HOST_ENV = { XLSHIM_NR_CPUS: String(EDITOR_HOST.nrCpus), XLSHIM_NR_NODES: String(EDITOR_HOST.nrNodes) };

/** The body of a generated config (its settings, without name/type lines the mix gets from the first part). */
function body(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '' && !/^\s*(name|type|builder|kernel|memory)\s*=/.test(l));
}

/** Config i: one part's config, sometimes with another part's settings after it. */
function config(release: OracleRelease, i: number): string {
  const parts = [
    () => identityConfig(SEED, i),
    () => platformConfig(SEED, i),
    () => displayConfig(SEED, i, release),
    () => deviceDomainConfig(SEED, i),
    () => channelConfig(SEED, i),
  ];
  const main = parts[i % parts.length]();
  if (i % 3 !== 0) return main;
  const other = parts[(i + 1 + (i >> 2)) % parts.length]();
  return `${main.replace(/\n*$/, '\n')}${body(other).join('\n')}\n`;
}

for (const release of ORACLE_RELEASES) {
  test(`real xl ${release} refuses exactly the generated configs xlcfg check says it refuses (${COUNT}, seed ${SEED})`, () => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const xen = parseXenVersion(release)!;
    const texts = Array.from({ length: COUNT }, (_, i) => config(release, i));
    const runs = runXl(release, texts, { env: HOST_ENV });
    const failures: string[] = [];
    let refused = 0;
    for (let i = 0; i < texts.length && failures.length < 5; i++) {
      const run = runs[i];
      // xl's dry run skips what libxl checks at creation; a crash of xl itself (139) is a refusal too.
      const xlRefuses = run.rc !== 0;
      if (xlRefuses) refused++;
      const checked = checkText(texts[i], { xen });
      // A map of billions of vCPUs (xl allocates it as the machine's memory allows), or xl reading
      // memory it never wrote (the port says so): xl's fate is not the file's. Not comparable.
      const reading = domainReading(checked.model, xen);
      if (reading.limit || unpredictable(reading) === 'skip') continue;
      const fatal = checked.diagnostics.filter((d) => d.effect === 'xl-refuses');
      if (fatal.length > 0 === xlRefuses) continue;
      failures.push(
        `config #${i} (seed ${SEED}):\n${texts[i]}\n  xl: exit ${run.rc} ${JSON.stringify(xlLines(run).slice(-2))}\n  xlcfg: ${fatal.length ? fatal.map((d) => `${d.code}: ${d.message}`).join('\n         ') : 'no finding that makes xl refuse it'}`,
      );
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
    assert.ok(refused > COUNT / 20 && refused < COUNT - COUNT / 20, `xl ${release} refused ${refused} of ${COUNT}: the generators miss one outcome`);
  });
}
