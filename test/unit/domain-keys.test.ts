/**
 * The port of parse_config_data against the key tables generated from Xen's
 * source (server/data/xl-read-keys.json, xl-key-kinds.json: the libxlu
 * getter calls of every release's xl): at every release from 4.5.0, point
 * releases included, the port looks up exactly the keys that release's xl
 * reads (over a few guests: PV, PVH, HVM, with and without a display), and
 * reads each with a kind of getter that release uses for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XL_KEYS, xlKeyKinds, xlReadsKey } from '../../server/src/docs/xlKeys';
import { buildSettings } from '../../server/src/model/settings';
import { XEN_RELEASES } from '../../server/src/model/xenReleases';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { readDomain } from '../../server/src/model/xl/readDomain';
import { parse } from '../../server/src/syntax/parser';

/** Guests that together take xl through every branch that reads a key. */
const PROBES = [
  'name = "g"\nkernel = "/k"\n',
  'name = "g"\ntype = "pvh"\nkernel = "/k"\n',
  'name = "g"\ntype = "hvm"\n',
  'name = "g"\nbuilder = "hvm"\n',
  'name = "g"\ntype = "hvm"\nvnc = 1\nsdl = 1\nviridian = [ "all" ]\nfirmware = "ovmf"\n',
  'name = "g"\nkernel = "/k"\nvnc = 1\nsdl = 1\n',
].map((p) => buildSettings(parse(p)));

test('at every release, the port reads the keys that release reads, each with a getter that release uses for it', () => {
  let releases = 0;
  for (const r of XEN_RELEASES) {
    if (r[0] === 4 && r[1] < 5) continue;
    releases++;
    const xen = parseXenVersion(r.join('.'))!;
    const kinds = new Map<string, Set<string>>();
    for (const model of PROBES) {
      const reading = readDomain(model, xen);
      for (const k of reading.read) if (!kinds.has(k)) kinds.set(k, new Set());
      for (const [k, as] of reading.readAs) for (const kind of as) kinds.get(k)!.add(kind);
    }
    for (const [key, as] of kinds) {
      const table = xlKeyKinds(key, xen);
      assert.ok(table, `${xen.label}: the port reads '${key}', which this release's xl does not`);
      for (const kind of as) assert.ok(table.includes(kind as never), `${xen.label}: the port reads '${key}' as ${kind}; xl reads it as ${table.join(' or ')}`);
    }
    const missed = XL_KEYS.filter((k) => xlReadsKey(k, xen) === 'reads' && !kinds.has(k));
    assert.deepEqual(missed, [], `${xen.label}: xl reads these keys, the port never looks them up`);
  }
  assert.ok(releases > 100, `only ${releases} releases`);
});
