/**
 * Real xl (4.14, 4.17, 4.20: `xl -N create`) as the judge of the device
 * part of the parse_config_data port (model/xl/steps/devices.ts,
 * affinity.ts, channel.ts): on generated configs that combine device lists
 * of every family with the domain settings they depend on (guest type,
 * vcpus/maxvcpus, cpus=/cpus_soft=, vnuma, pci_*, rdm=), the port and xl
 * agree on
 *   1. the exit status,
 *   2. every line xl prints on stderr (libxl's own log lines aside),
 *   3. when xl accepts the file: every device array of the JSON, b_info's
 *      ioports/irqs/iomem, the vCPU affinities, NUMA placement, vnuma nodes,
 *      max_vcpus, max_memkb, avail_vcpus, the HVM rdm and the PV e820_host
 *      pci= turns on (what differs is easier to read there); then the whole
 *      JSON as `xlcfg show --json` prints it (render/libxlJson.ts), byte for
 *      byte.
 * Where the port says xl reads memory it does not own ('device-undefined',
 * or an "unpredictable" affinity), what depends on it is left out on both
 * sides; a config where that decides xl's fate is skipped (and counted).
 * A second batch runs on a host of 12 cpus in 3 NUMA nodes
 * (XLSHIM_NR_CPUS, XLSHIM_NR_NODES), where node maps are smaller than cpu
 * maps. Failures are shrunk to the smallest config that still disagrees.
 *
 * The corpus too, the same way, on the oracle's host and on one of 16 cpus
 * in 4 nodes (for its vnuma files).
 *
 * Environment: XLCFG_DOMAIN_DEVICES_SEED (default fixed),
 * XLCFG_DOMAIN_DEVICES_COUNT (configs per release, default 1500).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeBytes } from '../../../server/src/cli/readDocument';
import { corpusFiles, findCorpus } from '../../corpus';
import { parse } from '../../../server/src/syntax/parser';
import { buildSettings } from '../../../server/src/model/settings';
import { parseXenVersion } from '../../../server/src/model/xenVersion';
import { readDomain, type DomainReading } from '../../../server/src/model/xl/readDomain';
import type { XlHost } from '../../../server/src/model/xl/context';
import { libxlJsonText } from '../../../server/src/render/libxlJson';
import { deviceDomainConfig } from './deviceDomainConfigs';
import { parseXlJson, plain, portLines, unpredictable } from './domainDiff';
import { ORACLE_RELEASES, OracleRelease, runXl, xlCache, XlRun, xlUnavailable } from './realXl';

const SEED = Number(process.env.XLCFG_DOMAIN_DEVICES_SEED ?? 20261217);
const COUNT = Number(process.env.XLCFG_DOMAIN_DEVICES_COUNT ?? 1500);

interface Host {
  port: XlHost;
  env: Record<string, string>;
}
const DEFAULT_HOST: Host = { port: { nrCpus: 8, nrNodes: 1, memMb: 16384 }, env: {} };
const NUMA_HOST: Host = { port: { nrCpus: 12, nrNodes: 3, memMb: 16384 }, env: { XLSHIM_NR_CPUS: '12', XLSHIM_NR_NODES: '3' } };

const ARRAYS = ['disks', 'nics', 'pcidevs', 'dtdevs', 'vfbs', 'vkbs', 'vtpms', 'p9s', 'pvcallsifs', 'vdispls', 'vsnds', 'channels', 'usbctrls', 'usbdevs', 'virtios'];
/** b_info fields compared, with the value xl leaves out (its default). */
const B_INFO: Record<string, unknown> = {
  ioports: [],
  irqs: [],
  iomem: [],
  vcpu_hard_affinity: [],
  vcpu_soft_affinity: [],
  numa_placement: 'default',
  vnuma_nodes: [],
  max_vcpus: 0,
  max_memkb: '18446744073709551615',
  avail_vcpus: [],
};

type Json = Record<string, unknown>;

/** Fields left out of the comparison when the port says xl reads memory it does not own. */
const UNPREDICTABLE_FIELDS = ['mac', 'func', 'rdm_policy', 'rdm', 'distances'];

/** realXl reads xl's output as latin1; xl writes the config's bytes (UTF-8). */
const utf8 = (t: string) => Buffer.from(t, 'latin1').toString('utf8');

/**
 * xl's stderr lines, the config's path as FILE (only the oracle's own path:
 * a message without a line break runs on into it), libxl's log lines and the
 * shell's crash notes left out.
 */
function xlLines(run: XlRun): string[] {
  const dirs = ['/shim', xlCache()].map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const text = utf8(run.stderr)
    .replace(new RegExp(`(?:${dirs})/work-[A-Za-z0-9]+/c\\d+\\.cfg(?=:)`, 'g'), 'FILE')
    // The shell's note of a crash (after a line xl left open, it runs on from it).
    .replace(/(Segmentation fault|Aborted)( \(core dumped\))?\n?$/, '');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.filter((l) => !/^libxl: /.test(l));
}

function portReading(text: string | Buffer, release: OracleRelease, host: Host): DomainReading {
  const { text: t, bytes } = typeof text === 'string' ? { text, bytes: false } : decodeBytes(text);
  return readDomain(buildSettings(parse(t, { bytes })), parseXenVersion(release)!, { source: 'FILE', host: host.port });
}

/** Without the unpredictable fields (a compared key "a.b.rdm" is one when its last part is). */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Json).filter(([k]) => !UNPREDICTABLE_FIELDS.includes(k.split('.').pop()!)).map(([k, x]) => [k, strip(x)]));
  return v;
}

/** The compared part of a libxl_domain_config (xl's JSON or the port's object), defaults as absent. */
function compared(config: Json): Json {
  const out: Json = {};
  for (const k of ARRAYS) {
    // d_config's p9 array (4.9: "p9").
    const v = (config[k] as unknown[] | undefined) ?? [];
    if (v.length) out[k] = v;
  }
  const b = (config.b_info ?? {}) as Json;
  for (const [k, dflt] of Object.entries(B_INFO)) {
    const v = b[k];
    if (v === undefined || JSON.stringify(v) === JSON.stringify(dflt)) continue;
    out[`b_info.${k}`] = v;
  }
  const hvm = b['type.hvm'] as Json | undefined;
  if (hvm) out['b_info.type.hvm.rdm'] = hvm.rdm ?? {};
  const pv = b['type.pv'] as Json | undefined;
  if (pv?.e820_host !== undefined) out['b_info.type.pv.e820_host'] = pv.e820_host;
  return out;
}

function differences(text: string | Buffer, release: OracleRelease, run: XlRun, host: Host): { diffs: string[]; skipped?: boolean } {
  const r = portReading(text, release, host);
  if (r.limit) return { diffs: [`the port gave up: ${r.limit}`] };
  const u = unpredictable(r);
  if (u === 'skip') return { diffs: [], skipped: true };
  const diffs: string[] = [];
  if (r.rc !== run.rc) diffs.push(`exit status: port ${r.rc}, xl ${run.rc}`);
  return { diffs: [...diffs, ...sameResult(r, u, run)] };
}

/** Beyond the exit status: stderr, and the compared JSON when xl accepts. */
function sameResult(r: DomainReading, u: 'fields' | undefined, run: XlRun): string[] {
  const diffs: string[] = [];
  // A line xl may or may not print (it runs on from a line left open): taken out of the text.
  const without = (lines: string[]) => (u ? lines.join('\n').split("Invalid parameter `mac'.\n").join('').replace(/Invalid parameter `mac'\.$/, '').split('\n').filter((l, i, all) => l !== '' || i < all.length - 1) : lines);
  const ours = without(portLines(r));
  const theirs = without(xlLines(run));
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) diffs.push(`stderr:\n    port: ${JSON.stringify(ours)}\n    xl:   ${JSON.stringify(theirs)}`);
  if (!diffs.length && run.rc === 0) {
    const xl = compared(parseXlJson(utf8(run.stdout)) as Json);
    // (parseXlJson keeps every integer of 16 digits or more as a string: so do the port's.)
    const port = compared(JSON.parse(JSON.stringify(plain(r.config), (_, x) => (typeof x === 'number' && Math.abs(x) >= 1e15 ? String(x) : x))) as Json);
    const a = u ? strip(port) : port;
    const b = u ? strip(xl) : xl;
    for (const k of new Set([...Object.keys(a as Json), ...Object.keys(b as Json)])) {
      const x = JSON.stringify((a as Json)[k]);
      const y = JSON.stringify((b as Json)[k]);
      if (x !== y) diffs.push(`${k}:\n    port: ${x}\n    xl:   ${y}`);
    }
    // Then the whole JSON, as show --json prints it, byte for byte.
    if (!u && !diffs.length) {
      let json: string;
      try {
        json = libxlJsonText(r.config, r.xen);
      } catch (e) {
        return [`the JSON printer refuses the port's object: ${(e as Error).message}`];
      }
      const text = utf8(run.stdout);
      if (json !== text) {
        const x = json.split('\n');
        const y = text.split('\n');
        let k = 0;
        while (x[k] === y[k]) k++;
        diffs.push(`show --json, line ${k + 1}:\n    port: ${JSON.stringify(x.slice(Math.max(0, k - 2), k + 2))}\n    xl:   ${JSON.stringify(y.slice(Math.max(0, k - 2), k + 2))}`);
      }
    }
  }
  return diffs;
}

/** Smaller configs: one line fewer (the name, type and kernel stay: without them the guest is another one), then one list item fewer. */
function* smaller(text: string): Generator<string> {
  const lines = text.split('\n').filter((l) => l !== '');
  for (let i = 0; i < lines.length; i++) if (!/^(name|type|kernel) /.test(lines[i])) yield [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') + '\n';
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\w+ = \[ )(.*)( \])$/.exec(lines[i]);
    if (!m) continue;
    const items = m[2].match(/"(?:[^"\\]|\\.)*"|\[ (?:"(?:[^"\\]|\\.)*"(?:, )?)* \]|\[ \]/g) ?? [];
    for (let k = 0; k < items.length; k++) {
      const rest = items.filter((_, j) => j !== k);
      yield [...lines.slice(0, i), `${m[1]}${rest.join(', ')}${m[3]}`, ...lines.slice(i + 1)].join('\n') + '\n';
    }
  }
}

function shrink(text: string, release: OracleRelease, host: Host): string {
  let best = text;
  for (let round = 0; round < 60; round++) {
    const candidates = [...smaller(best)];
    if (!candidates.length) break;
    const runs = runXl(release, candidates, { env: host.env });
    const k = candidates.findIndex((c, i) => differences(c, release, runs[i], host).diffs.length > 0);
    if (k < 0) break;
    best = candidates[k];
  }
  return best;
}

function check(release: OracleRelease, configs: string[], host: Host, what: string): void {
  const runs = runXl(release, configs, { env: host.env });
  const failures: string[] = [];
  let accepted = 0;
  let skipped = 0;
  const statuses = new Map<number, number>();
  /** How many accepted configs have each compared part (what the comparison covered). */
  const parts = new Map<string, number>();
  for (let i = 0; i < configs.length && failures.length < 3; i++) {
    statuses.set(runs[i].rc, (statuses.get(runs[i].rc) ?? 0) + 1);
    const { diffs, skipped: skip } = differences(configs[i], release, runs[i], host);
    if (skip) skipped++;
    else if (runs[i].rc === 0) {
      accepted++;
      for (const k of Object.keys(compared(parseXlJson(utf8(runs[i].stdout)) as Json))) parts.set(k, (parts.get(k) ?? 0) + 1);
    }
    if (!diffs.length) continue;
    const small = shrink(configs[i], release, host);
    const smallDiffs = differences(small, release, runXl(release, [small], { env: host.env })[0], host).diffs;
    failures.push(`${what} #${i} (seed ${SEED}): xl ${release} and the port disagree.\n  smallest such config:\n${small.replace(/^/gm, '    | ')}\n  ${smallDiffs.join('\n  ')}`);
  }
  assert.equal(failures.length, 0, failures.join('\n\n'));
  assert.ok(accepted > configs.length / 20, `xl ${release} accepted only ${accepted} of ${configs.length}: the generator misses the accepted side`);
  assert.ok(accepted < configs.length, `xl ${release} accepted every config: the generator misses the refused side`);
  const rcs = [...statuses].sort((a, b) => a[0] - b[0]).map(([rc, n]) => `${rc}: ${n}`).join(', ');
  const covered = [...parts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k.replace(/^b_info\./, '')} ${n}`).join(', ');
  console.log(`${what} on xl ${release}: ${configs.length} configs (seed ${SEED}), ${accepted} accepted (compared part by part, then show --json byte for byte), ${skipped} skipped as unpredictable, all agree; exit statuses ${rcs}; accepted configs with: ${covered}`);
}

const CORPUS_HOSTS: Array<[string, Host]> = [
  ['8 cpus, 1 node', DEFAULT_HOST],
  ['16 cpus, 4 nodes', { port: { nrCpus: 16, nrNodes: 4, memMb: 16384 }, env: { XLSHIM_NR_CPUS: '16', XLSHIM_NR_NODES: '4' } }],
];

function checkCorpus(release: OracleRelease, files: string[], host: Host, what: string): void {
  const buffers = files.map((f) => readFileSync(f));
  const runs = runXl(release, buffers, { env: host.env });
  const failures: string[] = [];
  let accepted = 0;
  let skipped = 0;
  buffers.forEach((buf, i) => {
    const { diffs, skipped: skip } = differences(buf, release, runs[i], host);
    if (skip) skipped++;
    else if (runs[i].rc === 0) accepted++;
    if (diffs.length) failures.push(`${files[i]} (xl ${release}, ${what}):\n  ${diffs.join('\n  ')}`);
  });
  assert.equal(failures.length, 0, failures.slice(0, 5).join('\n\n'));
  assert.ok(accepted > 0, `xl ${release} accepted no corpus file: is it set up right?`);
  console.log(`corpus on xl ${release} (${what}): ${files.length} files, ${accepted} accepted (compared part by part, then show --json byte for byte), ${skipped} unpredictable, all agree`);
}

for (const release of ORACLE_RELEASES) {
  test(`real xl ${release} and the port agree on the devices, affinities and vnuma of the corpus`, (t) => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const dir = findCorpus();
    if (!dir) {
      t.skip('corpus not found (set XLCFG_CORPUS)');
      return;
    }
    for (const [what, host] of CORPUS_HOSTS) checkCorpus(release, corpusFiles(dir), host, what);
  });

  test(`real xl ${release} and the port agree on ${COUNT} generated configs with device lists, affinities and vnuma (seed ${SEED})`, () => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const configs = Array.from({ length: COUNT }, (_, i) => deviceDomainConfig(SEED, i));
    check(release, configs, DEFAULT_HOST, 'generated config');
  });

  test(`real xl ${release} and the port agree on a host of 12 cpus in 3 NUMA nodes (cpus=node:N, vnuma pnode=)`, () => {
    const missing = xlUnavailable(release);
    assert.equal(missing, undefined, missing);
    const n = Math.max(100, Math.floor(COUNT / 5));
    const configs = Array.from({ length: n }, (_, i) => deviceDomainConfig(SEED + 1, i));
    check(release, configs, NUMA_HOST, 'generated config (NUMA host)');
  });
}
