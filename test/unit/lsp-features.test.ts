/**
 * Hover, outline, folding, diagnostics conversion, code actions, settings and
 * the per-version cache, on in-memory documents.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag, SymbolKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText } from '../../server/src/check';
import { parseManPage } from '../../server/src/docs/manpage';
import { codeActions } from '../../server/src/lsp/codeActions';
import { checkOptionsFor, DEFAULT_SETTINGS, normalizeSettings, SettingsStore } from '../../server/src/lsp/configuration';
import { diagnosticFieldsFor, DiagnosticsPublisher, fromLspDiagnostic, MAX_PUBLISHED_DIAGNOSTICS, publishedFindings, toLspDiagnostic, toLspDiagnostics } from '../../server/src/lsp/diagnostics';
import { CachedDocument, DocumentCache } from '../../server/src/lsp/documentCache';
import { documentLinks } from '../../server/src/lsp/documentLinks';
import { foldingRanges } from '../../server/src/lsp/folding';
import { hoverAt } from '../../server/src/lsp/hover';
import { keyHoverMarkdown } from '../../server/src/lsp/markdown';
import { allKeyDocs, getKeyDoc } from '../../server/src/docs/keys';
import { PREVIEW_REQUEST, ruleDocsHref } from '../../server/src/lsp/protocol';
import { documentSymbols, shorten } from '../../server/src/lsp/symbols';
import { parse } from '../../server/src/syntax/parser';

function load(text: string, settings = DEFAULT_SETTINGS): { doc: TextDocument; cached: CachedDocument } {
  const doc = TextDocument.create('file:///t.cfg', 'xlcfg', 1, text);
  return { doc, cached: new DocumentCache().get(doc, settings) };
}

const MAN = `.TH XL.CFG 5 "2024-01-01" "4.99.0" "Xen"
.SH "OPTIONS"
.SS "General Options"
.IX Subsection "General Options"
.IP "\\fBmemory=MBYTES\\fR" 4
.IX Item "memory=MBYTES"
Start the guest with MBYTES megabytes of RAM (man page words).
`;
const fakeMan = () => ({ path: '/nonexistent/xl.cfg.5', page: parseManPage(MAN) });

// --- hover -------------------------------------------------------------------------

test('hover on a key: own words, and the man page text labelled with its section', () => {
  const { cached } = load('memory = 512\n');
  const own = hoverAt(cached, 2)!;
  assert.ok(own);
  assert.deepEqual([own.start, own.end], [0, 6]);
  assert.match(own.markdown, /\*\*memory\*\* — number — MiB/);
  assert.match(own.markdown, /[Ss]ince Xen 4\.2 or earlier/);
  assert.doesNotMatch(own.markdown, /installed xl\.cfg/);
  const withMan = hoverAt(cached, 6, fakeMan)!;
  assert.match(withMan.markdown, /From the installed xl\.cfg\(5\)\*\* \(Xen 4\.99\.0\), section \*General Options\*/);
  assert.match(withMan.markdown, /man page words/);
});

test('hover on an enum key lists its values; deprecated and version notes', () => {
  const settings = normalizeSettings({ xen: { version: '4.8' } }).settings;
  const { cached } = load('type = "hvm"\nbuilder = "hvm"\n', settings);
  const type = hoverAt(cached, 1)!.markdown;
  assert.match(type, /Values: `pv` · `pvh` · `hvm`/);
  assert.match(type, /Not in Xen 4\.8/);
  assert.match(hoverAt(cached, 14)!.markdown, /deprecated since Xen 4\.10/);
});

test('a key hover says each fact once (one "since", one "deprecated")', () => {
  for (const doc of allKeyDocs()) {
    const md = keyHoverMarkdown(doc);
    const versions = [...md.matchAll(/[Ss]ince Xen ([0-9.]+)/g)].map((m) => m[1]);
    assert.equal(new Set(versions).size, versions.length, `${doc.key}: ${md}`);
    const lines = md.split('\n').filter((l) => l.trim());
    assert.equal(new Set(lines).size, lines.length, `${doc.key}: a line twice`);
    assert.ok(!(/deprecated since/.test(md) && /^Deprecated\.$/m.test(md)), `${doc.key}: deprecated twice`);
  }
  const channel = keyHoverMarkdown(getKeyDoc('channel')!);
  assert.equal(channel.match(/4\.5/g)?.length, 1, channel);
});

test('hover on an unknown key, on a value, on nothing', () => {
  const { cached } = load('frobnicate = 1\nmemory = 512\n\n');
  assert.match(hoverAt(cached, 3)!.markdown, /not a documented xl\.cfg setting/);
  assert.equal(hoverAt(cached, 25), undefined);
  assert.equal(hoverAt(cached, 28), undefined);
});

test('hover on a spec sub-key inside a string (generic), not on channel strings', () => {
  const text = 'vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\nchannel = [ "name=a,connection=pty" ]\n';
  const { cached } = load(text);
  const h = hoverAt(cached, text.indexOf('bridge') + 2)!;
  assert.match(h.markdown, /\*\*bridge\*\* in `vif` specs/);
  assert.equal(text.slice(h.start, h.end), 'bridge=xenbr0');
  // Channel strings get the channel hover (its own words, the channel's index), not the generic one.
  const ch = hoverAt(cached, text.indexOf('connection') + 2)!;
  assert.match(ch.markdown, /^\*\*`connection`\*\* \(channel 0, /);
  assert.doesNotMatch(ch.markdown, /in `channel` specs/);
});

test('hover on rule codes and directives in comments', () => {
  const text = '# xlcfg: xen=4.11 dialect=bogus\n# xlcfg-disable-next-line xen-key-unknown\nfoo = 1\n';
  const { cached } = load(text);
  const rule = hoverAt(cached, text.indexOf('xen-key-unknown') + 3)!;
  assert.match(rule.markdown, /\*\*xen-key-unknown\*\*/);
  assert.match(rule.markdown, new RegExp(ruleDocsHref('xen-key-unknown').replace(/[.?*+^$()[\]{}|\\/]/g, '\\$&')));
  const dir = hoverAt(cached, 4)!;
  assert.match(dir.markdown, /checked for Xen 4\.11 \(from this file's # xlcfg: xen= comment\)/);
  assert.match(dir.markdown, /Ignored: 'bogus' is not a channel dialect/);
});

// --- outline and folding --------------------------------------------------------------

test('document symbols: one per setting, kinds, ranges, spec-list children', () => {
  const text = 'name = "vm"\nmemory = 512\nacpi = 1\ndisk = [\n  "format=raw,vdev=xvda,target=/dev/vg/a-very-long-logical-volume-name",\n  "b.img",\n]\nextra += " quiet"\nvcpus =\n';
  const { doc, cached } = load(text);
  const syms = documentSymbols(cached, doc);
  assert.deepEqual(
    syms.map((s) => [s.name, s.kind, s.detail]),
    [
      ['name', SymbolKind.String, '"vm"'],
      ['memory', SymbolKind.Number, '512'],
      ['acpi', SymbolKind.Boolean, '1'],
      ['disk', SymbolKind.Array, '[2 items]'],
      ['extra', SymbolKind.String, '+= " quiet"'],
      ['vcpus', SymbolKind.Property, 'incomplete'],
    ],
  );
  const disk = syms[3];
  assert.deepEqual(disk.range, { start: { line: 3, character: 0 }, end: { line: 6, character: 1 } });
  assert.deepEqual(disk.selectionRange, { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } });
  assert.deepEqual(
    disk.children!.map((c) => c.name),
    // A disk xl reads is named by its vdev; one it refuses by its text.
    ['xvda', 'b.img'],
  );
  assert.equal(shorten('x'.repeat(50)).length, 40);
});

test('channel items in the outline are named by their name=', () => {
  const { doc, cached } = load('channel = [ "name=org.a,connection=pty", "connection=pty" ]\n');
  assert.deepEqual(documentSymbols(cached, doc)[0].children!.map((c) => c.name), ['org.a', 'channel 1 (no name)']);
});

test('folding: multi-line lists (nested too) and comment blocks', () => {
  const text = ['# header', '# more', 'name = "vm"', 'disk = [', '  "a",', '  "b",', ']', 'vnuma = [ [ "pnode=0",', '  "size=512" ],', '  [ "pnode=1" ] ]', '# lone', 'x = 1 # trailing', '# a', '# b', ''].join('\n');
  const { cached } = load(text);
  assert.deepEqual(foldingRanges(cached), [
    { startLine: 0, endLine: 1, kind: 'comment' },
    { startLine: 3, endLine: 5 },
    { startLine: 7, endLine: 9 },
    { startLine: 7, endLine: 8 },
    { startLine: 12, endLine: 13, kind: 'comment' },
  ]);
  assert.equal(foldingRanges(cached, 2).length, 2);
});

// --- diagnostics and code actions -----------------------------------------------------------

test('LSP diagnostics carry code, source, link, related information and tags; no data; capped', () => {
  const text = 'name = "x"\nkernel = "/k"\ndisk = [ "a",\n';
  const { doc, cached } = load(text);
  const [d] = toLspDiagnostics(cached, doc);
  assert.equal(d.code, 'syntax-unclosed-list');
  assert.equal(d.source, 'xlcfg');
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.equal(d.codeDescription?.href, 'https://github.com/xlcfg/xlcfg#rule-syntax-unclosed-list');
  assert.deepEqual(d.range, { start: { line: 2, character: 7 }, end: { line: 2, character: 8 } });
  assert.equal(d.relatedInformation?.[0].location.uri, 'file:///t.cfg');
  const tagged = toLspDiagnostic({ code: 'xen-key-deprecated', severity: 'warning', effect: 'style', message: 'm', start: 0, end: 1, tags: ['deprecated', 'unnecessary'], data: { x: 1 } }, doc);
  assert.deepEqual(tagged.tags, [2, 1]);
  // The fix data stays on the server: a client's copy is matched to the current findings.
  assert.equal('data' in tagged, false);
  // A client that declares no publishDiagnostics capability gets the plain fields only; one that takes some tags, those.
  const plain = toLspDiagnostics(cached, doc, diagnosticFieldsFor(undefined))[0];
  assert.deepEqual(Object.keys(plain).sort(), ['code', 'message', 'range', 'severity', 'source']);
  const some = toLspDiagnostic({ code: 'xen-key-deprecated', severity: 'warning', effect: 'style', message: 'm', start: 0, end: 1, tags: ['deprecated', 'unnecessary'] }, doc, diagnosticFieldsFor({ tagSupport: { valueSet: [DiagnosticTag.Unnecessary] }, relatedInformation: true }));
  assert.deepEqual(some.tags, [DiagnosticTag.Unnecessary]);
  assert.equal(some.codeDescription, undefined);
  const all = toLspDiagnostics(cached, doc, diagnosticFieldsFor({ relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } }))[0];
  assert.deepEqual(all, d);
  const many = load('$\n'.repeat(MAX_PUBLISHED_DIAGNOSTICS + 50));
  assert.equal(toLspDiagnostics(many.cached, many.doc).length, MAX_PUBLISHED_DIAGNOSTICS);
  // And back: the client's copy maps to the cached original.
  assert.equal(fromLspDiagnostic(d, doc, cached), cached.checked.diagnostics[0]);
  assert.equal(fromLspDiagnostic({ ...d, source: 'other' }, doc, cached), undefined);
});

test('over the cap, the errors are published first (never crowded out by warnings), in document order', () => {
  // 1,200 settings assigned twice (warnings), then an error at the end of the file.
  const text = 'name = "x"\nkernel = "/k"\n' + Array.from({ length: 1200 }, (_, i) => `k${i} = 1\nk${i} = 2\n`).join('') + 'on_crash = "restrat"\n';
  const { doc, cached } = load(text);
  const all = cached.checked.diagnostics;
  assert.ok(all.length > MAX_PUBLISHED_DIAGNOSTICS);
  const errors = all.filter((x) => x.severity === 'error');
  assert.ok(errors.length >= 1 && all.indexOf(errors[errors.length - 1]) >= MAX_PUBLISHED_DIAGNOSTICS, 'the error is past the cap in document order');
  const sent = toLspDiagnostics(cached, doc);
  assert.equal(sent.length, MAX_PUBLISHED_DIAGNOSTICS);
  assert.equal(sent.filter((x) => x.severity === DiagnosticSeverity.Error).length, errors.length);
  const lines = sent.map((x) => x.range.start.line);
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  // Under the cap, nothing is reordered or dropped.
  assert.deepEqual(publishedFindings(all.slice(0, 10), 1000), all.slice(0, 10));
});

test('code actions: quick fixes tied to their diagnostic, preferred first, suppression last, deduplicated', () => {
  const text = 'name = "x"\r\nkernel = "/k"\r\nmemory = 512\r\nvcpus = 2\r\nfrobnicate = 1\r\n';
  const { doc, cached } = load(text);
  const diagnostics = toLspDiagnostics(cached, doc);
  const actions = codeActions({ textDocument: { uri: doc.uri }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }, context: { diagnostics } }, doc, cached, { documentChanges: true });
  const titles = actions.map((a) => a.title);
  assert.equal(titles.filter((t) => t.startsWith('Convert the line endings')).length, 1, JSON.stringify(titles));
  const crlf = actions.find((a) => a.title.startsWith('Convert'))!;
  assert.equal(crlf.kind, CodeActionKind.QuickFix);
  assert.equal(crlf.isPreferred, true);
  assert.equal(crlf.diagnostics!.length, diagnostics.filter((d) => d.code === 'syntax-crlf').length);
  const edit = crlf.edit!.documentChanges![0] as { textDocument: { version: number }; edits: Array<{ range: unknown; newText: string }> };
  assert.equal(edit.textDocument.version, 1);
  assert.equal(TextDocument.applyEdits(doc, edit.edits as never), text.replace(/\r\n/g, '\n'));
  const unknown = diagnostics.find((d) => d.code === 'xen-key-unknown');
  if (unknown) assert.ok(titles.includes('Disable xen-key-unknown for this line'));
  assert.ok(titles.indexOf('Convert the line endings to LF (whole file)') < titles.findIndex((t) => t.startsWith('Disable')));
  // Only quick fixes are produced.
  assert.deepEqual(codeActions({ textDocument: { uri: doc.uri }, range: diagnostics[0].range, context: { diagnostics, only: [CodeActionKind.Refactor] } }, doc, cached), []);
  // Plain `changes` for clients without documentChanges.
  const plain = codeActions({ textDocument: { uri: doc.uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } }, doc, cached);
  assert.ok(plain[0].edit!.changes![doc.uri].length > 0);
});

// --- settings, options and cache ------------------------------------------------------------------

test('settings are normalised: defaults, nested or flat keys, bad values ignored with a warning', () => {
  assert.deepEqual(normalizeSettings(undefined).settings, DEFAULT_SETTINGS);
  const n = normalizeSettings({
    channel: { dialect: 'SEED' },
    xen: { version: 4.17 },
    rules: { 'xen-key-unknown': 'error', 'channel-name-style': 'info', 'no-such-rule': 'off', 'channel-empty-name': 'loud' },
    manPage: { enabled: false, path: '/x' },
  });
  assert.deepEqual(n.settings, { channel: { dialect: 'seed' }, xen: { version: '4.17' }, rules: { 'xen-key-unknown': 'error', 'channel-name-style': 'information' }, manPage: { enabled: false, path: '/x' } });
  assert.equal(n.warnings.length, 2);
  const flat = normalizeSettings({ 'channel.dialect': 'upstream', 'xen.version': 'banana', 'manPage.enabled': 'yes' });
  assert.equal(flat.settings.channel.dialect, 'upstream');
  assert.equal(flat.settings.xen.version, '', 'a bad version leaves the default target (the installed xl, else the newest)');
  assert.match(flat.warnings.join('\n'), /'banana' is not a Xen version/);
  assert.equal(flat.warnings.length, 2);
  assert.equal(normalizeSettings({ xlcfg: { xen: { version: '4.11' } } }).settings.xen.version, '4.11');
});

test('check options: settings, then the file directives on top', () => {
  const settings = normalizeSettings({ channel: { dialect: 'upstream' }, xen: { version: '4.17' }, rules: { 'xen-key-unknown': 'off' } }).settings;
  const plain = checkOptionsFor(settings, parse('memory = 1\n'), 'file:///etc/xen/vm.cfg');
  assert.equal(plain.options.dialect, 'upstream');
  assert.equal(plain.xen.label, '4.17');
  assert.deepEqual(plain.options.rules, { 'xen-key-unknown': 'off' });
  assert.equal(plain.options.fileName, '/etc/xen/vm.cfg');
  const over = checkOptionsFor(settings, parse('# xlcfg: xen=4.11 dialect=seed\nmemory = 1\n'));
  assert.equal(over.options.dialect, 'seed');
  assert.equal(over.xen.label, '4.11');
});

test('the cache parses once per version and re-checks (without parsing) on a settings change', () => {
  const cache = new DocumentCache();
  let text = 'memory = 512\nfrobnicate = 1\n';
  const doc = { uri: 'file:///c.cfg', version: 1, getText: () => text };
  const a = cache.get(doc, DEFAULT_SETTINGS);
  assert.equal(cache.get(doc, DEFAULT_SETTINGS), a);
  assert.deepEqual(cache.stats, { parses: 1, checks: 1 });
  const quiet = normalizeSettings({ rules: { 'xen-key-unknown': 'off' } }).settings;
  const b = cache.get(doc, quiet);
  assert.deepEqual(cache.stats, { parses: 1, checks: 2 });
  assert.ok(!b.checked.diagnostics.some((d) => d.code === 'xen-key-unknown'));
  assert.equal(b.checked.tree, a.checked.tree);
  text = 'memory = 1024\n';
  doc.version = 2;
  const c = cache.get(doc, quiet);
  assert.equal(c.version, 2);
  assert.deepEqual(cache.stats, { parses: 2, checks: 3 });
  assert.equal(cache.peek('file:///c.cfg', 1), undefined);
  assert.equal(cache.peek('file:///c.cfg', 2), c);
});

test('settings store: fetched once per document, refetched after a change, defaults on failure or timeout', async () => {
  let calls = 0;
  const warnings: string[] = [];
  const store = new SettingsStore(async () => {
    calls++;
    return { xen: { version: '4.1' + calls } };
  }, (w) => warnings.push(w));
  assert.equal((await store.get('a')).xen.version, '4.11');
  assert.equal((await store.get('a')).xen.version, '4.11');
  assert.equal(store.peek('a')?.xen.version, '4.11');
  assert.equal(calls, 1);
  store.changed(null);
  assert.equal(store.peek('a'), undefined);
  assert.equal((await store.get('a')).xen.version, '4.12');
  const failing = new SettingsStore(() => Promise.reject(new Error('nope')), (w) => warnings.push(w));
  assert.deepEqual(await failing.get('b'), DEFAULT_SETTINGS);
  const hanging = new SettingsStore(() => new Promise(() => undefined), undefined, 20);
  assert.deepEqual(await hanging.get('c'), DEFAULT_SETTINGS);
  const pushed = new SettingsStore(undefined);
  pushed.changed({ xlcfg: { channel: { dialect: 'seed' } } });
  assert.equal((await pushed.get('d')).channel.dialect, 'seed');
  assert.ok(warnings.some((w) => /nope/.test(w)));
});

test('diagnostics publisher: one publication for the last version of a burst, none for stale versions', async () => {
  const docs = new Map<string, TextDocument>();
  const published: Array<[string, number, number]> = [];
  let notify = () => {};
  const next = () => new Promise<void>((resolve) => (notify = resolve));
  const cache = new DocumentCache();
  const publisher = new DiagnosticsPublisher({
    document: (uri) => docs.get(uri),
    check: async (d) => cache.get(d, DEFAULT_SETTINGS),
    publish: (uri, version, ds) => {
      published.push([uri, version, ds.length]);
      notify();
    },
    fields: () => diagnosticFieldsFor(undefined),
    error: (m) => assert.fail(m),
  });
  const uri = 'file:///p.cfg';
  let doc = TextDocument.create(uri, 'xlcfg', 1, 'Memory = 1\n');
  docs.set(uri, doc);
  let published1 = next();
  for (let v = 1; v <= 5; v++) {
    doc = TextDocument.update(doc, [{ text: v === 5 ? 'name = "p"\nkernel = "/k"\nmemory = 1\n' : `Memory = ${v}\n` }], v);
    docs.set(uri, doc);
    publisher.schedule(uri, v);
  }
  await published1;
  assert.deepEqual(published, [[uri, 5, 0]]);
  assert.equal(cache.stats.parses, 1);
  // A settings change republishes the same version.
  published1 = next();
  publisher.scheduleAll([uri]);
  await published1;
  assert.deepEqual(published.map((p) => p[1]), [5, 5]);
});

test('the checker is still the single source: check options from settings reach checkText', () => {
  const settings = normalizeSettings({ rules: { 'xen-key-unknown': 'error' } }).settings;
  const { cached } = load('frobnicate = 1\n', settings);
  const d = cached.checked.diagnostics.find((x) => x.code === 'xen-key-unknown');
  assert.ok(d, JSON.stringify(checkText('frobnicate = 1\n').diagnostics));
  assert.equal(d.severity, 'error');
  assert.equal(PREVIEW_REQUEST, 'xlcfg/preview');
});

// --- document links ------------------------------------------------------------------

test('document links: absolute paths of kernel, ramdisk, bootloader, firmware open the file; names and relative paths do not', () => {
  const text = [
    'kernel = "/boot/vmlinuz-6.1"',
    "ramdisk = '/boot/initrd img'",
    'bootloader = "pygrub"',
    'firmware = "uefi"',
    'device_model_override = "bin/qemu"',
    'pvshim_path = "/usr/lib/xen/boot/xen-shim"',
    'name = "/not/a/path/key"',
    'ramdisk += "/more"',
    '',
  ].join('\n');
  const { doc, cached } = load(text);
  const links = documentLinks(cached, doc);
  assert.deepEqual(
    links.map((l) => [doc.getText(l.range), l.target]),
    [
      ['/boot/vmlinuz-6.1', 'file:///boot/vmlinuz-6.1'],
      ['/boot/initrd img', 'file:///boot/initrd%20img'],
      ['/usr/lib/xen/boot/xen-shim', 'file:///usr/lib/xen/boot/xen-shim'],
    ],
  );
  assert.match(links[0].tooltip ?? '', /kernel/);
});
