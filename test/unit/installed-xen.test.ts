/**
 * The default target: the release of the xl installed on this machine (the
 * real binary, refined by Debian's package version; else the installed
 * xl.cfg(5)'s version), else the newest release. Tested on fake machines.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkText, describeTarget } from '../../server/src/check';
import { findInstalledXen } from '../../server/src/host/installedXen';
import { checkOptionsFor, DEFAULT_SETTINGS } from '../../server/src/lsp/configuration';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { parse } from '../../server/src/syntax/parser';

function machine(files: Record<string, string>): { root: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'xlcfg-host-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

const DPKG = (pkg: string, version: string) => `Package: ${pkg}\nStatus: install ok installed\nVersion: ${version}\n`;
const env = {};

test('the newest installed xl binary, to the point release its Debian package says', () => {
  const m = machine({
    'lib/xen-4.14/bin/xl': '',
    'lib/xen-4.17/bin/xl': '',
    'dpkg/status': `${DPKG('xen-utils-4.14', '4.14.6-1')}\n${DPKG('xen-utils-4.17', '4.17.7+13-g2445b30a44-0+deb12u1')}`,
  });
  try {
    const paths = { libDir: join(m.root, 'lib'), dpkgStatus: join(m.root, 'dpkg/status'), manPage: () => undefined };
    assert.deepEqual(findInstalledXen(paths, env), { version: '4.17.7', from: join(m.root, 'lib/xen-4.17/bin/xl') });
    // Without the package record: the branch (its newest point release).
    assert.deepEqual(findInstalledXen({ ...paths, dpkgStatus: join(m.root, 'none') }, env)?.version, '4.17');
  } finally {
    m.done();
  }
});

test('no xl binary: the installed man page says the version; nothing: no installed Xen', () => {
  const m = machine({ 'man/xl.cfg.5': '.TH xl.cfg 5 "2026-11-04" "4.17.7" "Xen"\n.SH NAME\nxl.cfg\n' });
  try {
    const paths = { libDir: join(m.root, 'lib'), dpkgStatus: join(m.root, 'none'), manPage: () => join(m.root, 'man/xl.cfg.5') };
    assert.deepEqual(findInstalledXen(paths, env), { version: '4.17.7', from: join(m.root, 'man/xl.cfg.5') });
    assert.equal(findInstalledXen({ ...paths, manPage: () => undefined }, env), undefined);
  } finally {
    m.done();
  }
  assert.deepEqual(findInstalledXen({}, { XLCFG_INSTALLED_XEN: '4.14' }), { version: '4.14', from: 'XLCFG_INSTALLED_XEN' });
  assert.equal(findInstalledXen({}, { XLCFG_INSTALLED_XEN: '' }), undefined);
});

test('the target and where it came from: file comment, setting, installed xl, newest', () => {
  const installed = { xen: parseXenVersion('4.17.7')!, source: { kind: 'installed' as const, detail: '/usr/lib/xen-4.17/bin/xl' } };
  const text = 'name = "g"\nchannel = [ "name=a.b.0,connection=pty" ]\n';
  const fromHost = checkText(text, checkOptionsFor(DEFAULT_SETTINGS, parse(text), undefined, installed).options);
  assert.equal(describeTarget(fromHost.options.xen, fromHost.options.xenSource), 'Xen 4.17.7 (the xl installed here: /usr/lib/xen-4.17/bin/xl)');
  // Debian 12's xl loses the first channel: told so by default there.
  assert.ok(fromHost.diagnostics.some((d) => d.code === 'xen-first-channel-lost'));
  const set = { ...DEFAULT_SETTINGS, xen: { version: '4.20.1' } };
  const fromSetting = checkText(text, checkOptionsFor(set, parse(text), undefined, installed).options);
  assert.match(describeTarget(fromSetting.options.xen, fromSetting.options.xenSource), /^Xen 4\.20\.1 \(from the xlcfg\.xen\.version setting\)$/);
  const pinned = '# xlcfg: xen=4.11\n' + text;
  const fromFile = checkText(pinned, checkOptionsFor(set, parse(pinned), undefined, installed).options);
  assert.match(describeTarget(fromFile.options.xen, fromFile.options.xenSource), /^Xen 4\.11 \(from this file's # xlcfg: xen= comment\)$/);
  const plain = checkText(text);
  assert.match(describeTarget(plain.options.xen, plain.options.xenSource), /^Xen 4\.22 \(the newest release/);
});
