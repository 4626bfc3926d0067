/**
 * server/data/libxl-idl.json, consistent in itself for every release. (That
 * it is what scripts/gen-libxl-idl.mjs makes of a clone of Xen is checked
 * with the clone: `node scripts/gen-libxl-idl.mjs XEN_CLONE --check`, see
 * server/data/README.md; CI has no clone.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import data from '../../server/data/libxl-idl.json';
import { libxlRelease } from '../../server/src/model/libxlIdl';
import { XEN_RELEASES } from '../../server/src/model/xenReleases';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { LIBXL_GEN_FUNCTIONS } from '../../server/src/render/libxlJson';

function cmp(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

const RELEASES = XEN_RELEASES.map((r) => r.join('.')).filter((r) => !/^4\.[0-4]\./.test(r));

test('libxl-idl.json: every release from 4.5.0 has its facts once, every type a field names exists, every builtin prints with a function the printer has', () => {
  for (const release of RELEASES) {
    const rel = libxlRelease(parseXenVersion(release)!);
    assert.equal(rel.release, release);
    const infos = data.records.filter((r) => 'release' in r && r.ranges.some(([a, b]) => cmp(release, a) >= 0 && (b === '' || cmp(release, b) <= 0)));
    assert.equal(infos.length, 1, `${release}: ${infos.length} release records`);
    for (const b of rel.builtins.values()) {
      assert.ok(LIBXL_GEN_FUNCTIONS.has(b.gen), `${release}: ${b.name} prints with ${b.gen}`);
      if (b.jsonc) assert.ok(LIBXL_GEN_FUNCTIONS.has(b.jsonc), `${release}: ${b.name} prints with ${b.jsonc}`);
      assert.equal(b.jsonc !== null, rel.library === 'json-c', `${release}: ${b.name}'s json-c function`);
    }
    const known = (type: string) => rel.types.has(type.replace(/\[\]$/, '')) || rel.builtins.has(type.replace(/\[\]$/, ''));
    assert.ok(rel.types.has('libxl_domain_config'), release);
    for (const t of rel.types.values()) {
      if (t.kind === 'enum') {
        assert.ok(t.values.length > 0, `${release}: ${t.name} has no values`);
        assert.equal(new Set(t.values.map((v) => v.name)).size, t.values.length, `${release}: ${t.name} names a value twice`);
        continue;
      }
      const names = new Set<string>();
      for (const m of t.members) {
        assert.ok(!names.has(m.name), `${release}: ${t.name}.${m.name} twice`);
        names.add(m.name);
        if (m.kind === 'field') {
          assert.ok(known(m.type), `${release}: ${t.name}.${m.name} has unknown type ${m.type}`);
          assert.equal(m.print === 'changed', 'default' in m, `${release}: ${t.name}.${m.name}: a default exactly when printed if changed`);
          assert.equal(m.print === 'nonempty', m.type.endsWith('[]'), `${release}: ${t.name}.${m.name}: arrays are printed when not empty`);
        } else {
          const e = rel.types.get(m.enum);
          assert.equal(e?.kind, 'enum', `${release}: ${t.name}'s union ${m.name} is keyed by ${m.enum}`);
          for (const [member, type] of Object.entries(m.members)) {
            assert.ok(e.kind === 'enum' && e.values.some((v) => v.name === member), `${release}: ${t.name}.${m.name}.${member} is not a value of ${m.enum}`);
            if (type !== null) assert.equal(rel.types.get(type)?.kind, 'struct', `${release}: ${t.name}.${m.name}.${member}`);
          }
          if (m.default !== null) assert.ok(m.default in m.members, `${release}: ${t.name}.${m.name}'s default member ${m.default}`);
        }
      }
    }
  }
});
