/**
 * Completion on in-memory documents: `|` marks the cursor.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText } from '../../server/src/check';
import { allKeyDocs } from '../../server/src/docs/keys';
import { completeAt, fuzzyMatch, PlainCompletion, provideCompletion, valueSnippet } from '../../server/src/lsp/completion';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/lsp/configuration';
import { cursorContext } from '../../server/src/lsp/cursor';
import { DocumentCache } from '../../server/src/lsp/documentCache';
import { snippetDefaults } from './fixHarness';

function at(marked: string, snippets = true, settings = DEFAULT_SETTINGS) {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const cached = new DocumentCache().get({ uri: 'file:///t.cfg', version: 1, getText: () => text }, settings);
  return { text, offset, cached, items: completeAt(cached, offset, { snippets }) };
}

/** The document after accepting an item (snippet placeholders take their defaults). */
function accept(text: string, item: PlainCompletion): string {
  const insert = item.snippet ? snippetDefaults(item.insertText) : item.insertText;
  return text.slice(0, item.replace.start) + insert + text.slice(item.replace.end);
}

function find(items: PlainCompletion[], label: string): PlainCompletion {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} in ${JSON.stringify(items.map((i) => i.label))}`);
  return item;
}

test('every documented key is offered on an empty line, with detail and documentation', () => {
  const { items } = at('|');
  assert.equal(items.length, allKeyDocs().length);
  for (const i of items) {
    assert.ok(i.detail, i.label);
    assert.match(i.documentation ?? '', /Since Xen/, i.label);
  }
  assert.deepEqual(find(items, 'memory').replace, { start: 0, end: 0 });
});

test('on an empty line the common keys come first, name (required) before all', () => {
  const { items } = at('|');
  const order = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
  assert.deepEqual(order.slice(0, 6), ['name', 'type', 'memory', 'maxmem', 'vcpus', 'maxvcpus']);
  assert.ok(order.indexOf('disk') < order.indexOf('acpi'), 'disk before the rarer acpi');
  assert.ok(order.indexOf('vif') < order.indexOf('altp2m'));
  // Deprecated keys go last.
  assert.ok(order.indexOf('builder') > order.indexOf('xenstore_feature_mask'));
});

test('keys of another guest type or architecture are not offered once the file says which', () => {
  const labels = (text: string) => at(text).items.map((i) => i.label);
  const hvm = labels('type = "hvm"\n|');
  for (const k of ['boot', 'viridian', 'serial', 'usb']) assert.ok(hvm.includes(k), k);
  for (const k of ['bootloader', 'e820_host', 'pvshim', 'gic_version', 'dtdev']) assert.ok(!hvm.includes(k), k);
  const pv = labels('type = "pv"\n|');
  assert.ok(pv.includes('bootloader') && pv.includes('e820_host'));
  assert.ok(!pv.includes('viridian') && !pv.includes('pvshim'));
  // Arm: an Arm-only key in the file; the x86-only keys go.
  const arm = labels('type = "pvh"\ngic_version = "v3"\n|');
  assert.ok(arm.includes('dtdev') && arm.includes('pvshim') === false && !arm.includes('cpuid'));
  // Nothing said: everything is offered.
  assert.equal(labels('|').length, allKeyDocs().length);
  // A key the file has already stays offered (to be found, not judged here).
  assert.ok(labels('type = "hvm"\nbootloader = "pygrub"\n|').includes('bootloader'));
});

test('keys are filtered by what is typed and replace the typed word', () => {
  const { items } = at('name = "vm"\nmem|\n');
  assert.ok(items.length > 0 && items.length < 20, `${items.length} items`);
  const mem = find(items, 'memory');
  assert.deepEqual(mem.replace, { start: 12, end: 15 });
  assert.equal(mem.insertText, 'memory = ${1:1024}');
  assert.equal(mem.snippet, true);
  assert.ok(!items.some((i) => i.label === 'name'));
});

test('key snippets by kind', () => {
  const k = (label: string) => find(at('|').items, label).insertText;
  assert.equal(k('type'), 'type = "${1|pv,pvh,hvm|}"');
  assert.equal(k('memory'), 'memory = ${1:1024}');
  assert.equal(k('acpi'), 'acpi = ${1|1,0|}');
  assert.equal(k('usbversion'), 'usbversion = ${1|1,2,3|}');
  assert.equal(k('kernel'), 'kernel = "${1:PATH}"');
  assert.equal(k('disk'), 'disk = [ "$1" ]');
  assert.equal(k('channel'), 'channel = [ "name=${1:org.example.agent.0},connection=${2|socket,pty|}${3:,path=/run/xen/${4:domain}-${5:agent}.sock}" ]');
  // The channel snippet uses the domain's name when the file has one.
  assert.match(find(at('name = "web1"\n|').items, 'channel').insertText, /\$\{4:web1\}/);
});

test('every key snippet, accepted with its defaults, gives a line with no syntax error', () => {
  for (const doc of allKeyDocs()) {
    const line = `${doc.key} = ${snippetDefaults(valueSnippet(doc))}\n`;
    const errors = checkText(line).diagnostics.filter((d) => d.code.startsWith('syntax-'));
    assert.deepEqual(errors, [], `${doc.key}: ${JSON.stringify(line)}`);
  }
});

test('without snippet support the key is inserted with " = " only', () => {
  const { items } = at('mem|', false);
  const mem = find(items, 'memory');
  assert.equal(mem.insertText, 'memory = ');
  assert.ok(!mem.snippet);
});

test('renaming an existing setting inserts only the name', () => {
  const { items } = at('memo|ry = 512\n');
  const mem = find(items, 'memory');
  assert.equal(mem.insertText, 'memory');
  assert.deepEqual(mem.replace, { start: 0, end: 6 });
});

test('enumerated values after key = : quoted outside a string', () => {
  const { text, items } = at('type = |\n');
  assert.deepEqual(
    items.map((i) => i.label),
    ['pv', 'pvh', 'hvm'],
  );
  assert.equal(accept(text, find(items, 'hvm')), 'type = "hvm"\n');
  const partial = at('type = hv|\n');
  assert.equal(accept(partial.text, find(partial.items, 'hvm')), 'type = "hvm"\n');
});

test('enumerated values inside a string replace only the word inside the quotes', () => {
  const { text, items } = at('type = "h|"\n');
  const hvm = find(items, 'hvm');
  assert.equal(hvm.insertText, 'hvm');
  assert.equal(accept(text, hvm), 'type = "hvm"\n');
  const single = at("on_crash = 're|start'\n");
  assert.equal(accept(single.text, find(single.items, 'rename-restart')), "on_crash = 'rename-restart'\n");
  // An unterminated string: still only the word.
  const open = at('bios = "se|\n');
  assert.equal(accept(open.text, find(open.items, 'seabios')), 'bios = "seabios\n');
});

test('boolean values are bare 0 and 1', () => {
  const { text, items } = at('acpi = |\n');
  assert.deepEqual(items.map((i) => i.label).sort(), ['0', '1']);
  assert.equal(accept(text, find(items, '1')), 'acpi = 1\n');
});

test('list items: quoted, inside the brackets (also on a later line of the list)', () => {
  const one = at('viridian = [ "base", | ]\n');
  assert.ok(one.items.some((i) => i.label === 'freq'));
  assert.equal(accept(one.text, find(one.items, 'freq')), 'viridian = [ "base", "freq" ]\n');
  const multi = at('viridian = [\n  "base",\n  |\n]\n');
  assert.ok(multi.items.some((i) => i.label === 'freq'), JSON.stringify(multi.items.map((i) => i.label)));
});

test('a new statement after an unclosed list completes keys', () => {
  const ctx = at('disk = [ "a.img",\nmem|\n');
  assert.ok(ctx.items.some((i) => i.label === 'memory'));
});

test('spec sub-keys inside a vif string, and their values after =', () => {
  const { text, items } = at('vif = [ "mac=00:16:3e:00:00:01,|" ]\n');
  assert.ok(items.some((i) => i.label === 'bridge'));
  assert.ok(!items.some((i) => i.label === 'mac'), 'mac is already given');
  assert.ok(items.some((i) => i.label === 'trusted' || i.label === 'untrusted'), 'flags are offered');
  assert.equal(accept(text, find(items, 'bridge')), 'vif = [ "mac=00:16:3e:00:00:01,bridge=" ]\n');
  const typeValues = at('vif = [ "type=|" ]\n');
  assert.deepEqual(typeValues.items.map((i) => i.label), ['ioemu', 'vif']);
  assert.equal(accept(typeValues.text, find(typeValues.items, 'vif')), 'vif = [ "type=vif" ]\n');
  const snippet = at('vif = [ "ty|" ]\n');
  assert.equal(find(snippet.items, 'type').insertText, 'type=${1|ioemu,vif|}');
  const disk = at('disk = [ "format=raw, vdev=xvda, acc|" ]\n');
  assert.equal(accept(disk.text, find(disk.items, 'access')), 'disk = [ "format=raw, vdev=xvda, access=ro" ]\n');
  // Editing the name of an existing piece keeps its '='.
  const rename = at('vif = [ "brid|=xenbr0" ]\n');
  assert.equal(accept(rename.text, find(rename.items, 'bridge')), 'vif = [ "bridge=xenbr0" ]\n');
});

test('channel strings are completed by the channel features, not the generic sub-key completion', () => {
  const labels = at('name = "vm"\nchannel = [ "name=a,|" ]\n').items.map((i) => i.label);
  assert.deepEqual(labels, ['connection', 'path', 'backend']);
  // A generic spec key still gets the generic completion.
  assert.ok(at('vif = [ "brid|" ]\n').items.some((i) => i.label === 'bridge'));
});

test('rule codes in suppression comments, names and values in directives', () => {
  const codes = at('# xlcfg-disable-next-line xen-key|\nfoo = 1\n');
  assert.ok(codes.items.some((i) => i.label === 'xen-key-unknown'));
  assert.ok(codes.items.every((i) => i.label.startsWith('xen-key') || fuzzyMatch('xen-key', i.label)));
  const dialect = at('# xlcfg: dialect=|\n');
  assert.deepEqual(dialect.items.map((i) => i.label), ['auto', 'upstream', 'seed']);
  const names = at('# xlcfg: |\n');
  assert.deepEqual(names.items.map((i) => i.label), ['xen', 'dialect']);
  assert.deepEqual(at('# just a comment about |\n').items, []);
});

test('keys newer than the target release say so', () => {
  const settings = normalizeSettings({ xen: { version: '4.10' } }).settings;
  const { items } = at('|', true, settings);
  assert.match(find(items, 'bootloader_restrict').documentation ?? '', /Not in Xen 4\.10/);
  assert.doesNotMatch(find(items, 'memory').documentation ?? '', /Not in/);
});

test('cursor context', () => {
  const ctx = (marked: string) => {
    const o = marked.indexOf('|');
    const text = marked.slice(0, o) + marked.slice(o + 1);
    return cursorContext(checkText(text), o);
  };
  assert.equal(ctx('mem|').kind, 'key');
  assert.equal(ctx('memory = 5|').kind, 'value');
  assert.equal(ctx('memory = 512 # a|').kind, 'comment');
  assert.equal(ctx('name = "a#b|"').kind, 'string');
  assert.equal(ctx('name = "a\\"|"').kind, 'string');
  assert.equal(ctx('name = "a"|').kind, 'none');
  assert.equal(ctx('disk = [ "a" ] |').kind, 'none');
  assert.equal(ctx('memory += |').kind, 'value');
  assert.equal(ctx('name = "x"; vcpus = |').kind, 'value');
  const s = ctx('disk = [ "a", "b|" ]');
  assert.ok(s.kind === 'string' && s.key === 'disk' && s.inList && s.itemIndex === 1 && s.string.closed && s.string.node?.value === 'b');
});

test('LSP items: text edits, snippet format, markdown, deprecated tag', () => {
  const text = 'buil\n';
  const doc = TextDocument.create('file:///t.cfg', 'xlcfg', 1, text);
  const cached = new DocumentCache().get(doc, DEFAULT_SETTINGS);
  const list = provideCompletion(doc, cached, { line: 0, character: 4 }, { snippets: true });
  const builder = list.items.find((i) => i.label === 'builder')!;
  assert.ok(builder);
  assert.deepEqual(builder.textEdit, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'builder = "${1|hvm,generic|}"' });
  assert.equal(builder.insertTextFormat, 2);
  assert.deepEqual(builder.tags, [1]);
  assert.equal((builder.documentation as { kind: string }).kind, 'markdown');
});
