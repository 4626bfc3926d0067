/**
 * The xl.cfg(5) page as Debian installs it (xen-utils-common): the parser and
 * the locator on the real page, the compressed forms through the real tools,
 * and our summaries checked against the real text (no run of 8 words shared).
 * Part of the full suite (.ci/run installs the packages); a missing page fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { allKeyDocs, getSpecKeyDocs, specParents } from '../../server/src/docs/keys';
import { manEntriesFor, manPageKeys, parseManPage } from '../../server/src/docs/manpage';
import { manEntriesMarkdown, roffToMarkdown } from '../../server/src/docs/manpageMarkdown';
import { findManPage, loadManPage, readManPage } from '../../server/src/host/manpageLocator';

const INSTALLED = '/usr/share/man/man5/xl.cfg.5.gz';
const MAN5 = '/usr/share/man/man5';
const XL_CFG_PAGE = join(MAN5, 'xl.cfg.5.gz');
const FIXTURE = '.TH xl.cfg 5 "2030-01-01" "9.8.7" "Xen"\n.SH OPTIONS\n.IP "\\fBname\\fR" 4\n.IX Item "name"\nThe name.\n';

// ---------------------------------------------------------------------------
// The real installed page

function installed(): string | undefined {
  return existsSync(INSTALLED) ? readManPage(INSTALLED) : undefined;
}

/** An independent, simpler count of depth-0 items in OPTIONS, for cross-checking. */
function naiveCount(roff: string): { entries: number; keys: number } {
  let depth = 0;
  let inOptions = false;
  const keys = new Set<string>();
  let entries = 0;
  for (const line of roff.split('\n')) {
    if (line.startsWith('.SH')) {
      inOptions = /^\.SH\s+"?OPTIONS"?\s*$/.test(line);
      depth = 0;
    } else if (line.startsWith('.RS')) depth++;
    else if (line.startsWith('.RE')) depth--;
    else if (inOptions && depth === 0) {
      const m = /^\.IX Item "([a-z0-9_]+)/.exec(line);
      if (m) {
        entries++;
        keys.add(m[1]);
      }
    }
  }
  return { entries, keys: keys.size };
}

test('installed xl.cfg(5): entry and key counts', (t) => {
  const roff = installed();
  assert.ok(roff, `${INSTALLED} is not installed (Debian package xen-utils-common; .ci/run installs it)`);
  const page = parseManPage(roff);
  const keys = manPageKeys(page);
  const naive = naiveCount(roff);
  t.diagnostic(`version ${page.version}: ${page.entries.length} entries, ${keys.length} distinct keys`);
  assert.equal(page.entries.length, naive.entries);
  assert.equal(keys.length, naive.keys);
  assert.ok(keys.length >= 140, `plausible key count (${keys.length})`);
  assert.ok(page.entries.length >= keys.length && page.entries.length < keys.length + 40);
  if (page.version?.startsWith('4.17.')) {
    // what the reference found for 4.17.7 (same pod text in the 4.17.x line)
    assert.equal(page.entries.length, 164);
    assert.equal(keys.length, 148);
    const ended: Record<string, number> = {};
    for (const e of page.entries) ended[e.endedBy] = (ended[e.endedBy] ?? 0) + 1;
    assert.deepEqual(ended, { item: 134, PP: 21, SS: 8, SH: 1 });
  }
  for (const e of page.entries) {
    assert.equal(e.section, 'OPTIONS');
    assert.ok(e.subsection, `${e.key} has a subsection`);
  }
});

test('installed xl.cfg(5): version from .TH', () => {
  const roff = installed();
  assert.ok(roff, `${INSTALLED} is not installed (Debian package xen-utils-common; .ci/run installs it)`);
  const page = parseManPage(roff);
  assert.equal(page.title, 'xl.cfg');
  assert.equal(page.manSection, '5');
  assert.match(page.version ?? '', /^4\.17\.\d+/);
});

test('installed xl.cfg(5): channel, type, firmware, memory', () => {
  const roff = installed();
  assert.ok(roff, `${INSTALLED} is not installed (Debian package xen-utils-common; .ci/run installs it)`);
  const page = parseManPage(roff);

  const channel = manEntriesFor(page, 'channel');
  assert.equal(channel.length, 1);
  assert.equal(channel[0].subsection, 'Devices');
  const channelMd = roffToMarkdown(channel[0].lines);
  assert.match(channelMd, /connection/);
  assert.match(channelMd, /socket/i);
  assert.match(channelMd, /^- \*\*connection=CONNECTION\*\*$/m);
  assert.match(channelMd, /^ {2}- \*\*SOCKET\*\*$/m);

  assert.equal(manEntriesFor(page, 'type').length, 3);
  const firmware = manEntriesFor(page, 'firmware');
  assert.equal(firmware.length, 7);
  assert.equal(firmware.filter((e) => e.subsection === 'PV guest options').length, 1);
  assert.equal(firmware.filter((e) => e.subsection === 'HVM guest options').length, 6);
  assert.equal(manEntriesFor(page, 'builder').length, 2);
  assert.deepEqual(
    manEntriesFor(page, 'bootloader').map((e) => e.headings[0]),
    ['Paravirtualised (PV) Guest Specific Options', 'PVH Guest Specific Options'],
  );

  const memory = manEntriesMarkdown(page, 'memory')!;
  assert.ok(memory.length > 10);
  assert.match(memory, /^\*\*memory=/);
  for (const bad of ['\\f', '\\*(', '\\s-1', '.IP']) assert.ok(!memory.includes(bad), `memory markdown has ${bad}`);
});

test('installed xl.cfg(5): no entry renders with leftover roff', () => {
  const roff = installed();
  assert.ok(roff, `${INSTALLED} is not installed (Debian package xen-utils-common; .ci/run installs it)`);
  const page = parseManPage(roff);
  for (const e of page.entries) {
    const md = roffToMarkdown(e.lines);
    assert.doesNotMatch(md, /\\f[BIRP(]|\\\*[([]|\\s[-+0-9]|\\\(|\\&|\\\|/, e.item);
    assert.doesNotMatch(md, /^\s*\.(IP|IX|RS|RE|Sp|Vb|Ve|ie|el|PP)\b/m, e.item);
    assert.ok(md.startsWith('**'), `${e.item} starts with its bold term`);
  }
});


test('locator finds the installed page with default options', () => {
  assert.ok(existsSync(INSTALLED), `${INSTALLED} is not installed (Debian package xen-utils-common)`);
  const found = findManPage();
  assert.ok(found, 'found a page');
  assert.match(found, /\/man5\/xl\.cfg\.5(\.gz|\.bz2|\.xz|\.zst)?$/);
  const text = readManPage(found);
  assert.ok(text && text.includes('.TH xl.cfg 5'));
  // with an empty environment the usual roots still find it
  assert.equal(findManPage({ env: {} }), INSTALLED);
  const loaded = loadManPage({ env: {} });
  assert.ok(loaded);
  assert.equal(loaded.path, INSTALLED);
  assert.ok(manPageKeys(loaded.page).length >= 140);
});


test('locator reads bz2, xz and zst pages through the installed tools', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'xlcfg-man-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [tool, ext] of [['bzip2', '.bz2'], ['xz', '.xz'], ['zstd', '.zst']] as const) {
    const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    assert.ok(!probe.error && probe.status === 0, `${tool} is not installed (.ci/run installs bzip2, xz-utils and zstd)`);
    const compressed = spawnSync(tool, ['-c'], { input: Buffer.from(FIXTURE) }).stdout;
    const file = join(dir, `xl.cfg.5${ext}`);
    writeFileSync(file, compressed);
    assert.equal(readManPage(file), FIXTURE, tool);
    assert.equal(findManPage({ configuredPath: file }), file);
  }
});

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

const RUN = 8;

/** Every run of RUN consecutive words of the installed man pages (xl.cfg and the related ones). */
function manPageRuns(): Set<string> | undefined {
  if (!existsSync(XL_CFG_PAGE)) return undefined;
  const runs = new Set<string>();
  const pages = ['xl.cfg.5.gz', 'xl-disk-configuration.5.gz', 'xl-network-configuration.5.gz', 'xl-pci-configuration.5.gz'];
  for (const name of pages) {
    const file = join(MAN5, name);
    if (!existsSync(file)) continue;
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const th = lines.findIndex((l) => l.startsWith('.TH '));
    const w = words(roffToMarkdown(lines.slice(th + 1)));
    for (let i = 0; i + RUN <= w.length; i++) runs.add(w.slice(i, i + RUN).join(' '));
  }
  return runs;
}

function sharedRun(summary: string, runs: Set<string>): string | undefined {
  const w = words(summary);
  for (let i = 0; i + RUN <= w.length; i++) {
    const run = w.slice(i, i + RUN).join(' ');
    if (runs.has(run)) return run;
  }
  return undefined;
}


test('no summary shares a run of 8 words with the installed man pages', () => {
  const runs = manPageRuns();
  assert.ok(runs, `${XL_CFG_PAGE} is not installed (Debian package xen-utils-common)`);
  assert.ok(runs.size > 1000, 'man page text extracted');
  const copied: string[] = [];
  for (const d of allKeyDocs()) {
    const run = sharedRun(d.summary, runs);
    if (run) copied.push(`${d.key}: "${run}"`);
  }
  for (const parent of specParents()) {
    for (const d of getSpecKeyDocs(parent)) {
      const run = sharedRun(d.summary, runs);
      if (run) copied.push(`${parent} ${d.subkey}: "${run}"`);
    }
  }
  assert.deepEqual(copied, []);
});
