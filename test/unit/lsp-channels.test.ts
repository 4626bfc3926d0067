/**
 * Channel-aware completion, hover and outline, through the same entry points
 * the server uses (with the channel providers registered as at startup).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../../server/src/check/edit';
import { parseManPage } from '../../server/src/docs/manpage';
import { completeAt } from '../../server/src/lsp/completion';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/configuration';
import { CachedDocument, DocumentCache } from '../../server/src/lsp/documentCache';
import { hoverAt } from '../../server/src/lsp/hover';
import { documentSymbols } from '../../server/src/lsp/symbols';
import { checkText } from '../../server/src/check';


function load(text: string): { doc: TextDocument; cached: CachedDocument } {
  const doc = TextDocument.create('file:///t.cfg', 'xlcfg', 1, text);
  return { doc, cached: new DocumentCache().get(doc, DEFAULT_SETTINGS) };
}

/** Completion at the `|` marker. */
function complete(marked: string, snippets = false) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const { cached } = load(text);
  const items = completeAt(cached, offset, { snippets });
  const apply = (label: string) => {
    const item = items.find((i) => i.label === label);
    assert.ok(item, `no ${label} in ${items.map((i) => i.label).join(', ')}`);
    return applyEdits(text, [{ start: item.replace.start, end: item.replace.end, newText: item.insertText }]);
  };
  return { text, items, labels: items.map((i) => i.label), apply };
}

test('completion inside a channel string: the keys not given yet, then the values of connection=', () => {
  const keys = complete('name = "vm1"\nchannel = [ "name=a.b.0,|" ]\n');
  assert.deepEqual(keys.labels, ['connection', 'path', 'backend']);
  assert.equal(keys.apply('connection'), 'name = "vm1"\nchannel = [ "name=a.b.0,connection=" ]\n');
  const values = complete('name = "vm1"\nchannel = [ "name=a.b.0,connection=so|" ]\n');
  assert.deepEqual(values.labels, ['socket', 'pty']);
  assert.equal(values.apply('socket'), 'name = "vm1"\nchannel = [ "name=a.b.0,connection=socket" ]\n');
});

test('completion follows the dialect: type= values in a file for the 2014 proposal, connection= for a release', () => {
  const c = complete('# xlcfg: xen=seed-2014\nchannel = [ "name=a,type=pty", "name=b,type=|" ]\n');
  assert.deepEqual(c.labels, ['none', 'pty', 'path', 'socket']);
  const k = complete('# xlcfg: xen=seed-2014\nchannel = [ "name=a,type=pty", "name=b,|" ]\n');
  assert.deepEqual(k.labels, ['type', 'path', 'backend']);
  // The same file for a release is read as that release's xl reads it: type= is not a key there.
  const r = complete('channel = [ "name=a,type=pty", "name=b,|" ]\n');
  assert.deepEqual(r.labels, ['connection', 'path', 'backend']);
});

test('completion of path= suggests a socket path from the domain and channel names', () => {
  const c = complete('name = "web01"\nkernel = "/k"\nchannel = [ "name=org.qemu.guest_agent.0,connection=socket,path=|" ]\n');
  assert.equal(c.apply(c.labels[0]), 'name = "web01"\nkernel = "/k"\nchannel = [ "name=org.qemu.guest_agent.0,connection=socket,path=/run/xen/web01-org.qemu.guest_agent.0.sock" ]\n');
  const result = checkText(c.apply(c.labels[0])).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(result, []);
});

test('completion never breaks the quoting: single-quoted strings and unterminated strings', () => {
  const c = complete("channel = [ 'name=a.b.0,connection=p|' ]\n");
  assert.equal(c.apply('pty'), "channel = [ 'name=a.b.0,connection=pty' ]\n");
  const open = complete('channel = [ "name=a.b.0,conn|\n');
  assert.ok(open.labels.includes('connection'));
});

test('completion of a whole entry in the channel list and inside empty quotes', () => {
  const bare = complete('name = "vm1"\nchannel = [\n    |\n]\n', true);
  assert.ok(bare.labels.includes('socket channel'));
  const item = bare.items.find((i) => i.label === 'socket channel')!;
  assert.equal(item.snippet, true);
  assert.match(item.insertText, /^"name=\$\{1:org\.example\.agent\.0\},connection=socket,path=\$\{2:\/run\/xen\/vm1-\$\{3:agent\}\.sock\}"$/);
  const plain = complete('name = "vm1"\nchannel = [\n    |\n]\n');
  const text = plain.apply('pty channel');
  assert.equal(text, 'name = "vm1"\nchannel = [\n    "name=org.example.agent.0,connection=pty"\n]\n');
  const inQuotes = complete('channel = [ "|" ]\n');
  assert.ok(inQuotes.labels.includes('QEMU guest agent channel'));
});

const CHANNEL_MAN = `.TH xl.cfg 5 "2024-01-01" "4.17.5" "Xen"
.SH "OPTIONS"
.SS "Devices"
.IX Subsection "Devices"
.IP "\\fBchannel=[ CHANNEL_SPEC_STRING ]\\fR" 4
.IX Item "channel=[ CHANNEL_SPEC_STRING ]"
Channel intro (man page words).
.RS 4
.IP "\\fBname=NAME\\fR" 4
.IX Item "name=NAME"
Name text from the man page.
.IP "\\fBconnection=CONNECTION\\fR" 4
.IX Item "connection=CONNECTION"
Connection text.
.RS 4
.IP "\\fB\\s-1SOCKET\\s0\\fR" 4
.IX Item "SOCKET"
Socket text from the man page.
.IP "\\fB\\s-1PTY\\s0\\fR" 4
.IX Item "PTY"
Pty text.
.RE
.RE
`;
const man = () => ({ path: '/x/xl.cfg.5', page: parseManPage(CHANNEL_MAN) });

test('hover on channel keys and values: own words, the console number, and the man page text when installed', () => {
  const text = 'name = "vm1"\nchannel = [ "name=org.a.b.0,connection=pty", "name=org.c.d.0,connection=socket,path=/run/x.sock" ]\n';
  const { cached } = load(text);
  const at = (needle: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
    return i + 1;
  };
  const name = hoverAt(cached, at('org.c.d.0'))!;
  assert.match(name.markdown, /console 2/);
  assert.match(name.markdown, /\/dev\/xen-channel\/org\.c\.d\.0/);
  assert.equal(text.slice(name.start, name.end), 'name=org.c.d.0');
  const own = hoverAt(cached, at('socket'))!;
  assert.match(own.markdown, /listening Unix socket/);
  assert.doesNotMatch(own.markdown, /installed xl\.cfg/);
  const fromMan = hoverAt(cached, at('socket'), man)!;
  assert.match(fromMan.markdown, /Socket text from the man page/);
  assert.doesNotMatch(fromMan.markdown, /Pty text/);
  const nameMan = hoverAt(cached, at('name=org.a'), man)!;
  assert.match(nameMan.markdown, /Name text from the man page/);
  const path = hoverAt(cached, at('path='))!;
  assert.match(path.markdown, /11 of at most 107 bytes/);
});

test('hover gives the console number of the target release: channel i is console i where xl numbers channels from 0 (4.11.0-4.18.4, 4.19.0-4.19.1, 4.20.0), i+1 elsewhere', () => {
  const items = 'channel = [ "name=org.a.b.0,connection=pty", "name=org.c.d.0,connection=pty", "name=org.e.f.0,connection=pty" ]\n';
  const consoleOf = (xen: string, needle: string) => {
    const text = `# xlcfg: xen=${xen}\nname = "vm1"\n${items}`;
    const md = hoverAt(load(text).cached, text.indexOf(needle) + 1)!.markdown;
    return /lands on console 0/.test(md) ? 'lost' : (/console (\d+)/.exec(md)?.[1] ?? md);
  };
  for (const xen of ['4.11.0', '4.17', '4.18.4', '4.19.0', '4.19.1', '4.20.0']) {
    assert.equal(consoleOf(xen, 'org.a.b.0'), 'lost', xen);
    assert.equal(consoleOf(xen, 'org.c.d.0'), '1', xen);
    assert.equal(consoleOf(xen, 'org.e.f.0'), '2', xen);
  }
  for (const xen of ['4.10', '4.18.5', '4.18', '4.19.2', '4.20.1', '4.21', '4.22']) {
    assert.equal(consoleOf(xen, 'org.a.b.0'), '1', xen);
    assert.equal(consoleOf(xen, 'org.c.d.0'), '2', xen);
    assert.equal(consoleOf(xen, 'org.e.f.0'), '3', xen);
  }
});

test('hover on an unknown channel key explains that xl ignores it', () => {
  const text = 'channel = [ "name=a.b.0,conection=pty" ]\n';
  const h = hoverAt(load(text).cached, text.indexOf('conection') + 2)!;
  assert.match(h.markdown, /unknown channel parameter 'conection', ignoring/);
});

test('outline: channel children are named by their name=', () => {
  const text = 'channel = [ "name=org.a.b.0,connection=pty", "connection=socket,path=/x" ]\n';
  const { doc, cached } = load(text);
  const symbols = documentSymbols(cached, doc);
  const channel = symbols.find((s) => s.name === 'channel')!;
  assert.deepEqual(channel.children!.map((c) => c.name), ['org.a.b.0', 'channel 1 (no name)']);
  assert.match(channel.children![1].detail ?? '', /socket \/x/);
});

test('hover on a key says since which release xl reads it', () => {
  const text = 'channel = [ "name=a.b.0,connection=pty" ]\n';
  const h = hoverAt(load(text).cached, 2)!;
  assert.match(h.markdown, /Read by xl since Xen 4\.5/);
});
