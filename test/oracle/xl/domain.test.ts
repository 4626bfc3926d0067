/**
 * Real xl (4.14, 4.17, 4.20: `xl -N create`) as the judge of the whole
 * domain config, on every corpus file:
 *   1. xl refuses the file (exit != 0) exactly when `xlcfg check` reports a
 *      finding whose effect is `xl-refuses`;
 *   2. the port of parse_config_data exits with xl's status, prints xl's
 *      stderr lines (libxl's own log lines aside) and, when xl accepts the
 *      file, `xlcfg show --json` prints xl's JSON byte for byte (xl runs
 *      with a nil uuid, which it leaves out, and the port sets none).
 * The host: 256 cpus and 64 NUMA nodes for xl and for xlcfg (xlcfg's
 * default host, EDITOR_HOST), so that vNUMA placements real hosts have pass.
 *
 * The parts of parse_config_data have their own generated-config oracles
 * (domain-*.test.ts); XLCFG_CORPUS points at another corpus.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkText } from '../../../server/src/check';
import { decodeBytes } from '../../../server/src/cli/readDocument';
import { buildSettings } from '../../../server/src/model/settings';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { EDITOR_HOST } from '../../../server/src/model/xl/context';
import { readDomain } from '../../../server/src/model/xl/readDomain';
import { libxlJsonText } from '../../../server/src/render/libxlJson';
import { parse } from '../../../server/src/syntax/parser';
import { corpusFiles, findCorpus } from '../../corpus';
import { portLines, xlLines } from './domainDiff';
import { ORACLE_RELEASES, runXl, xlUnavailable } from './realXl';

const HOST_ENV = { XLSHIM_NR_CPUS: String(EDITOR_HOST.nrCpus), XLSHIM_NR_NODES: String(EDITOR_HOST.nrNodes) };

for (const release of ORACLE_RELEASES) {
  test(`real xl ${release} and xlcfg agree on every corpus file: refusal, stderr, exit status and the JSON of show --json`, (t) => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    if (!findCorpus()) {
      t.diagnostic('no corpus here (../shared/corpus or XLCFG_CORPUS): nothing to compare');
      return;
    }
    const xen = parseXenVersion(release)!;
    const files = corpusFiles();
    const buffers = files.map((f) => readFileSync(f));
    const runs = runXl(release, buffers, { env: HOST_ENV });
    const failures: string[] = [];
    let accepted = 0;
    for (let i = 0; i < files.length && failures.length < 10; i++) {
      const { text, bytes } = decodeBytes(buffers[i]);
      const run = runs[i];
      const name = files[i].replace(/^.*\/corpus\//, '');
      // 1. The editor's verdict.
      const fatal = checkText(text, { xen }, { bytes }).diagnostics.filter((d) => d.effect === 'xl-refuses');
      if (fatal.length > 0 !== (run.rc !== 0)) {
        failures.push(`${name}: xl exits ${run.rc} (${xlLines(run).slice(-1)[0] ?? ''}); xlcfg ${fatal.length ? `says it refuses: ${fatal[0].code}: ${fatal[0].message}` : 'finds nothing that makes xl refuse it'}`);
        continue;
      }
      // 2. The port, as show prints it.
      const r = readDomain(buildSettings(parse(text, { bytes })), xen, { source: 'FILE', host: EDITOR_HOST });
      if (r.rc !== run.rc) failures.push(`${name}: exit status: port ${r.rc}, xl ${run.rc}`);
      const ours = portLines(r);
      const theirs = xlLines(run);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) failures.push(`${name}: stderr\n    xlcfg: ${JSON.stringify(ours)}\n    xl:    ${JSON.stringify(theirs)}`);
      if (run.rc !== 0 || r.rc !== 0) continue;
      accepted++;
      // xl writes the config's bytes: UTF-8 text as UTF-8, a file read byte for byte as those bytes.
      const json = Buffer.from(libxlJsonText(r.config, xen), bytes ? 'latin1' : 'utf8').toString('latin1');
      if (json !== run.stdout) failures.push(`${name}: show --json differs from xl's JSON:\n${firstDifference(json, run.stdout)}`);
    }
    assert.equal(failures.length, 0, failures.join('\n\n'));
    assert.ok(accepted > files.length / 3, `xl ${release} accepted only ${accepted} of ${files.length} corpus files`);
  });
}

/** The first differing line of two texts, with a line of context. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `  line ${i + 1}:\n    xlcfg: ${JSON.stringify(x.slice(Math.max(0, i - 1), i + 2))}\n    xl:    ${JSON.stringify(y.slice(Math.max(0, i - 1), i + 2))}`;
  }
  return '  (same lines, different bytes)';
}
