/**
 * The xlcfg/preview request: ranges, versions, problems, options; the same
 * over a real in-process JSON-RPC connection; and the client's throttle and
 * stale-answer guard (client/src/preview/updater.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { requestOptions } from '../../client/src/preview/protocol';
import { ResultGuard, Throttle, Timers } from '../../client/src/preview/updater';
import { checkText } from '../../server/src/check';
import { handlePreviewRequest, PARTIAL_ABOVE, PREVIEW_REQUEST, PreviewParams, PreviewResponse, PreviewSource, registerPreview } from '../../server/src/lsp/preview';
import { PREVIEW_REQUEST as RESERVED } from '../../server/src/lsp/protocol';

const ROOT = [resolve(__dirname, '../../..'), process.cwd()].find((d) => {
  try {
    readFileSync(resolve(d, 'examples/pv-guest-agent.cfg'));
    return true;
  } catch {
    return false;
  }
})!;
const example = (name: string) => readFileSync(resolve(ROOT, 'examples', name), 'utf8');

/** A document as the server's cache holds it. */
function source(text: string, version = 1, uri = 'file:///t.cfg'): { doc: TextDocument; src: PreviewSource } {
  const doc = TextDocument.create(uri, 'xlcfg', version, text);
  return { doc, src: { checked: checkText(text), version, document: doc } };
}

async function preview(text: string, params: Partial<PreviewParams> = {}, version = 1): Promise<{ r: PreviewResponse; doc: TextDocument }> {
  const { doc, src } = source(text, version);
  const r = await handlePreviewRequest({ uri: doc.uri, ...params }, (uri) => (uri === doc.uri ? src : undefined));
  assert.ok(r, 'a response');
  return { r, doc };
}

/** Line/character of an offset, counted by hand (LF, CRLF; UTF-16 columns). */
function pos(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).replace(/\r\n/g, '\n');
  const lines = before.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

test('the request name is the reserved one', () => {
  assert.equal(PREVIEW_REQUEST, 'xlcfg/preview');
  assert.equal(PREVIEW_REQUEST, RESERVED);
});

test("ranges: a node's span becomes the LSP line/character of its channel item", async () => {
  const text = example('pv-guest-agent.cfg');
  const { r } = await preview(text, { domid: 7 });
  const p = r.preview;
  const i = p.xenstore.findIndex((e) => e.key === 'name' && e.value === 'org.qemu.guest_agent.0' && e.role === 'frontend');
  assert.ok(i >= 0, 'the frontend name node');
  // The name node comes from the name= value of the first channel item (line 16, 1-based).
  const at = text.indexOf('org.qemu.guest_agent.0,connection=socket');
  assert.deepEqual(r.ranges.xenstore[i], { start: pos(text, at), end: pos(text, at + 'org.qemu.guest_agent.0'.length) });
  assert.deepEqual(r.ranges.xenstore[i], { start: { line: 15, character: 10 }, end: { line: 15, character: 32 } });
  // Its directory, and the nodes without a value of their own, come from the whole item.
  const item = '"name=org.qemu.guest_agent.0,connection=socket,path=/run/xen/web01-qga.sock"';
  const dir = p.xenstoreDirs.findIndex((d) => d.path === p.xenstore[i].dir);
  assert.deepEqual(r.ranges.xenstoreDirs[dir], { start: pos(text, text.indexOf(item)), end: pos(text, text.indexOf(item) + item.length) });
  // The socket chardev's value: the item, connection=socket and path=... ranges.
  const a = p.qemu.argv.findIndex((x) => x.value.startsWith('socket,id=libxl-channel'));
  assert.ok(a >= 0);
  const pathAt = text.lastIndexOf('/run/xen/web01-qga.sock');
  assert.deepEqual(r.ranges.argvAll[a].at(-1), { start: pos(text, pathAt), end: pos(text, pathAt + '/run/xen/web01-qga.sock'.length) });
  // Console 0 nodes have no span: null, index for index.
  assert.equal(r.ranges.xenstore.length, p.xenstore.length);
  assert.equal(r.ranges.xenstore[p.xenstore.findIndex((e) => e.channelIndex === -1)], null);
  assert.equal(r.ranges.channels.length, p.channels.length);
  assert.equal(r.ranges.channels[1]!.start.line, 16);
});

test('ranges: every span matches TextDocument.positionAt, with CRLF and non-BMP text before it', async () => {
  const text = example('pv-guest-agent.cfg').replace(/\n/g, '\r\n').replace('# A PV guest', '# 🐧 A PV guest ✓ (é)');
  const { r, doc } = await preview(text);
  const conv = (s?: { start: number; end: number }) => (s ? { start: doc.positionAt(s.start), end: doc.positionAt(s.end) } : null);
  const p = r.preview;
  assert.deepEqual(r.ranges.xenstore, p.xenstore.map((e) => conv(e.span)));
  assert.deepEqual(r.ranges.xenstoreDirs, p.xenstoreDirs.map((d) => conv(d.span)));
  assert.deepEqual(r.ranges.argv, p.qemu.argv.map((a) => conv(a.span)));
  assert.deepEqual(r.ranges.argvAll, p.qemu.argv.map((a) => (a.spans ?? (a.span ? [a.span] : [])).map((s) => conv(s))));
  assert.deepEqual(r.ranges.notes, p.notes.map((x) => conv(x.span)));
  assert.deepEqual(r.ranges.findings, r.findings.map((x) => conv(x)));
  assert.deepEqual(r.ranges.channels, p.channels.map((c) => conv(c.span)));
  assert.ok(r.ranges.argv.some((x) => x !== null));
  // The first line holds a surrogate pair: character counts UTF-16 units, not code points.
  const name = p.xenstore.find((e) => e.key === 'name')!;
  assert.equal(r.ranges.xenstore[p.xenstore.indexOf(name)]!.start.character, 10);
});

test('version: echoed; an older server copy or an unknown document answers null', async () => {
  const text = example('pv-guest-agent.cfg');
  const { doc, src } = source(text, 12);
  const get = (uri: string) => (uri === doc.uri ? src : undefined);
  const r = await handlePreviewRequest({ uri: doc.uri, version: 12 }, get);
  assert.equal(r?.version, 12);
  assert.equal(r?.uri, doc.uri);
  assert.equal((await handlePreviewRequest({ uri: doc.uri }, get))?.version, 12);
  assert.equal((await handlePreviewRequest({ uri: doc.uri, version: 11 }, get))?.version, 12, 'a newer server copy is fine');
  assert.equal(await handlePreviewRequest({ uri: doc.uri, version: 13 }, get), null, 'the server has not seen version 13 yet');
  assert.equal(await handlePreviewRequest({ uri: 'file:///other.cfg' }, get), null);
  // An async getChecked (the server's cache) and a CachedDocument-like source without `document`.
  const cached = { checked: checkText(text), version: 4, uri: doc.uri };
  assert.equal((await handlePreviewRequest({ uri: doc.uri }, async () => cached))?.version, 4);
  await assert.rejects(handlePreviewRequest({} as PreviewParams, get), (e: unknown) => e instanceof ResponseError);
});

test('the preview speaks the vocabulary of the checker: its findings are the diagnostics, gravest first, with ranges', async () => {
  const text = example('mistakes.cfg');
  const { r } = await preview(text);
  const checked = checkText(text);
  // The same findings as the editor's, none of the renderer's own old codes.
  assert.deepEqual(
    [...r.findings].map((f) => `${f.code}@${f.start}`).sort(),
    checked.diagnostics.map((d) => `${d.code}@${d.start}`).sort(),
  );
  assert.equal(r.findingCount, checked.diagnostics.length);
  // xl refusing the file leads.
  const firstOther = r.findings.findIndex((f) => f.effect !== 'xl-refuses');
  assert.ok(firstOther > 0 && r.findings.slice(firstOther).every((f) => f.effect !== 'xl-refuses'), JSON.stringify(r.findings.map((f) => f.effect)));
  const i = r.findings.findIndex((p) => p.code === 'channel-missing-name');
  const item = '"connection=socket,path=/run/xen/broken-agent.sock"';
  const at = text.indexOf(item);
  assert.deepEqual(r.ranges.findings[i], { start: pos(text, at), end: pos(text, at + item.length) });
  assert.equal(r.ranges.findings[i]!.start.line, 7);
  assert.equal(r.preview.channels[0].renders, false);
  // Asking for another target gives that target's findings.
  const old = (await preview(text, { xen: '4.17' })).r;
  assert.ok(old.findings.some((f) => f.code === 'xen-first-channel-lost') !== r.findings.some((f) => f.code === 'xen-first-channel-lost') || old.findings.length !== r.findings.length);
});

test('the xen option changes the argv form; the file comment is the default', async () => {
  const text = example('pv-guest-agent.cfg');
  const socket = (r: PreviewResponse) => r.preview.qemu.argv.find((a) => a.value.startsWith('socket,id=libxl-channel'))!.value;
  const now = (await preview(text)).r;
  assert.match(socket(now), /server=on,wait=off$/);
  assert.equal(now.used.xenFrom, 'document');
  const old = (await preview(text, { xen: '4.14' })).r;
  assert.match(socket(old), /,server,nowait$/);
  assert.equal(old.used.xen, '4.14');
  assert.equal(old.used.xenFrom, 'request');
  assert.match(old.preview.target, /4\.14/);
  assert.notDeepEqual(old.preview.qemu.argv.map((a) => a.value), now.preview.qemu.argv.map((a) => a.value));
  // The file's own `# xlcfg: xen=` comment is the default; the request overrides it.
  const pinned = '# xlcfg: xen=4.14\n' + text;
  const fromFile = (await preview(pinned)).r;
  assert.match(socket(fromFile), /,server,nowait$/);
  assert.equal(fromFile.used.documentXen, '4.14');
  assert.match(socket((await preview(pinned, { xen: '4.20' })).r), /server=on,wait=off$/);
  // A bad version is reported and ignored.
  const bad = (await preview(text, { xen: 'banana' })).r;
  assert.equal(bad.used.xen, '4.22');
  assert.match(bad.warnings.join('\n'), /banana.*not a Xen release/);
});

test('the domid option: a number, a placeholder, or ignored with a warning', async () => {
  const text = example('pv-guest-agent.cfg');
  const argv = (r: PreviewResponse) => r.preview.qemu.argv.map((a) => a.value);
  const seven = (await preview(text, { domid: 7 })).r;
  assert.deepEqual(argv(seven).slice(1, 3), ['-xen-domid', '7']);
  assert.ok(seven.preview.xenstore.some((e) => e.path.startsWith('/local/domain/7/')));
  assert.deepEqual(argv((await preview(text, { domid: '12' })).r).slice(1, 3), ['-xen-domid', '12']);
  const ph = (await preview(text, { domid: '<dd>' })).r;
  assert.equal(ph.used.domid, '<dd>');
  assert.ok(ph.preview.xenstore.some((e) => e.path.startsWith('/local/domain/<dd>/')));
  const def = (await preview(text)).r;
  assert.equal(def.used.domid, 'DOMID');
  const bad = (await preview(text, { domid: 'rm -rf /' })).r;
  assert.equal(bad.used.domid, 'DOMID');
  assert.match(bad.warnings[0], /neither a number nor a placeholder/);
  assert.match((await preview(text, { domid: 99999 })).r.warnings[0], /not a domain id/);
  // The client's form values become these parameters.
  assert.deepEqual(requestOptions({ domid: '7', xen: ' 4.18 ' }), { domid: 7, xen: '4.18' });
  assert.deepEqual(requestOptions({ domid: '', xen: '' }, 'DOMID'), { domid: 'DOMID' });
  assert.deepEqual(requestOptions({ domid: '', xen: '' }), {});
});

test('registerPreview: the request over a real JSON-RPC connection', async () => {
  const up = new PassThrough();
  const down = new PassThrough();
  // Reader/writer objects, not raw streams: on a raw stream's end the library exits the process.
  const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  const text = example('pv-guest-agent.cfg');
  const { doc, src } = source(text, 3);
  let fail = false;
  registerPreview(server, async (uri) => {
    if (fail) throw new Error('renderer exploded');
    return uri === doc.uri ? src : undefined;
  });
  server.listen();
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  client.listen();
  try {
    const r = (await client.sendRequest(PREVIEW_REQUEST, { uri: doc.uri, version: 3, domid: 7, xen: '4.14' })) as PreviewResponse;
    assert.equal(r.version, 3);
    assert.equal(r.uri, doc.uri);
    assert.equal(r.used.xen, '4.14');
    assert.ok(r.preview.qemu.argv.some((a) => a.value === 'socket,id=libxl-channel0,path=/run/xen/web01-qga.sock,server,nowait'), 'the 4.14 form');
    assert.equal(r.ranges.channels[0]!.start.line, 15);
    assert.equal(await client.sendRequest(PREVIEW_REQUEST, { uri: 'file:///nope.cfg' }), null);
    fail = true;
    await assert.rejects(client.sendRequest(PREVIEW_REQUEST, { uri: doc.uri }), /renderer exploded/);
  } finally {
    client.dispose();
    server.dispose();
  }
});

// --- client side: throttle and guard ---------------------------------------------

function fakeTimers(): Timers & { advance(ms: number): void; pending(): number } {
  let t = 1000;
  let queue: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  return {
    now: () => t,
    setTimeout(fn, ms) {
      const id = next++;
      queue.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimeout(h) {
      queue = queue.filter((q) => q.id !== h);
    },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        const q = queue[0];
        if (!q || q.at > end) break;
        queue.shift();
        t = q.at;
        q.fn();
      }
      t = end;
    },
    pending: () => queue.length,
  };
}

test('client throttle: first run at once, a burst of edits becomes one trailing run per 300 ms', () => {
  const timers = fakeTimers();
  const runs: number[] = [];
  const th = new Throttle(() => runs.push(timers.now()), 300, timers);
  th.trigger();
  assert.deepEqual(runs, [1000], 'first render immediately');
  for (let i = 0; i < 10; i++) {
    timers.advance(20);
    th.trigger();
  }
  assert.deepEqual(runs, [1000]);
  assert.equal(timers.pending(), 1, 'one trailing run');
  timers.advance(300);
  assert.deepEqual(runs, [1000, 1300]);
  timers.advance(1000);
  th.trigger();
  assert.deepEqual(runs, [1000, 1300, 2500], 'after a quiet period: at once again');
  th.trigger();
  th.now();
  assert.deepEqual(runs, [1000, 1300, 2500, 2500], 'now() runs at once and drops the pending run');
  timers.advance(1000);
  assert.equal(runs.length, 4);
});

test('client guard: a stale answer never replaces a newer one', () => {
  const g = new ResultGuard();
  const a = g.begin(); // version 5
  const b = g.begin(); // version 6
  assert.equal(g.accept(b, 6), true);
  assert.equal(g.accept(a, 5), false, 'the answer to an older request arrives late');
  const c = g.begin();
  assert.equal(g.accept(c, 5), false, 'an answer for an older document version');
  const d = g.begin();
  g.reset(false); // options changed
  assert.equal(g.accept(d, 7), false, 'asked with the old options');
  const e = g.begin();
  assert.equal(g.isLatest(e), true);
  assert.equal(g.accept(e, 6), true);
  const f = g.begin();
  g.reset(true); // another document: its versions start anywhere
  const h = g.begin();
  assert.equal(g.accept(f, 9), false);
  assert.equal(g.accept(h, 1), true);
});

test('a file with many channels: the xenstore nodes and -chardev rows of the first 16 channels, everything with maxChannels 0', async () => {
  const n = 40;
  const text = ['name = "many"', 'type = "pv"', 'kernel = "/k"', 'channel = [', ...Array.from({ length: n }, (_, i) => `  "name=org.example.c.${i},connection=socket,path=/run/xen/c${i}.sock",`), ']', ''].join('\n');
  const all = (await preview(text, { maxChannels: 0 })).r;
  assert.equal(all.omitted, undefined);
  assert.equal(all.preview.channels.length, n);
  const { r } = await preview(text);
  assert.deepEqual(r.preview.channels.map((c) => c.index), Array.from({ length: 16 }, (_, i) => i));
  assert.ok(r.preview.xenstore.every((e) => e.channelIndex < 16));
  assert.equal(r.preview.xenstore.filter((e) => e.channelIndex >= 0).length, all.preview.xenstore.filter((e) => e.channelIndex >= 0 && e.channelIndex < 16).length);
  assert.deepEqual(r.omitted, {
    channels: n - 16,
    xenstoreEntries: all.preview.xenstore.length - r.preview.xenstore.length,
    argv: all.preview.qemu.argv.length - r.preview.qemu.argv.length,
    shown: 16,
  });
  assert.equal(r.omitted.argv, 2 * (n - 16), 'one -chardev pair per channel left out');
  // What is copied stays whole: the shell line, the libvirt XML and the udev rule cover all 40.
  assert.equal(r.preview.qemu.shell, all.preview.qemu.shell);
  assert.match(r.preview.qemu.shell, /path=\/run\/xen\/c39\.sock/);
  assert.equal(r.preview.libvirtXml, all.preview.libvirtXml);
  assert.deepEqual(r.preview.udev, all.preview.udev);
  // Directories point at their own entries after the cut, and every range belongs to its entry.
  for (const d of r.preview.xenstoreDirs) for (const i of d.entries) assert.ok(r.preview.xenstore[i].path.startsWith(d.path), `${d.path}: ${r.preview.xenstore[i].path}`);
  assert.equal(r.ranges.xenstore.length, r.preview.xenstore.length);
  const five = (await preview(text, { maxChannels: 5 })).r;
  assert.equal(five.omitted?.shown, 5);
  assert.ok(five.preview.qemu.argv.every((a) => a.channelIndex === undefined || a.channelIndex < 5));
});

test('a list of thousands of channels: only the channels shown are rendered (partial), the rest estimated', async () => {
  const n = PARTIAL_ABOVE + 500;
  const text = ['name = "huge"', 'type = "pv"', 'kernel = "/k"', 'channel = [', ...Array.from({ length: n }, (_, i) => `  "name=org.example.c.${i},connection=socket,path=/run/xen/c${i}.sock",`), ']', ''].join('\n');
  const { r } = await preview(text);
  assert.equal(r.preview.channels.length, 16);
  assert.deepEqual({ ...r.omitted, xenstoreEntries: undefined }, { channels: n - 16, xenstoreEntries: undefined, argv: 2 * (n - 16), shown: 16, partial: true });
  assert.ok(r.omitted!.xenstoreEntries > n - 16);
  // The shell line covers the channels shown, not the whole list.
  assert.match(r.preview.qemu.shell, /path=\/run\/xen\/c15\.sock/);
  assert.doesNotMatch(r.preview.qemu.shell, /path=\/run\/xen\/c16\.sock/);
  // Asking for every channel still renders them all.
  const all = (await preview(text, { maxChannels: 0 })).r;
  assert.equal(all.preview.channels.length, n);
  assert.equal(all.omitted, undefined);
});

test('a file with many devices: the first 16 with their nodes, arguments and notes, everything with maxDevices 0; ranges for each', async () => {
  const n = 30;
  const vifs = Array.from({ length: n }, (_, i) => `  "bridge=br${i}",`);
  const text = ['name = "many"', 'type = "hvm"', 'vif = [', ...vifs, ']', ''].join('\n');
  const all = (await preview(text, { maxDevices: 0 })).r;
  assert.equal(all.omittedDevices, undefined);
  // 30 vifs and the HVM guest's vkb.
  assert.equal(all.preview.devices.list.length, n + 1);
  const { r, doc } = await preview(text);
  assert.deepEqual(r.preview.devices.list.map((d) => d.index), Array.from({ length: 16 }, (_, i) => i));
  assert.ok(r.preview.devices.xenstore.every((e) => e.deviceIndex! < 16));
  assert.ok(r.preview.qemu.argv.every((a) => a.deviceIndex === undefined || a.deviceIndex < 16));
  assert.ok(r.preview.notes.every((x) => x.deviceIndex === undefined || x.deviceIndex < 16));
  assert.deepEqual(r.omittedDevices, {
    devices: n + 1 - 16,
    xenstoreEntries: all.preview.devices.xenstore.length - r.preview.devices.xenstore.length,
    argv: 4 * (n - 16),
    notes: all.preview.notes.length - r.preview.notes.length,
    shown: 16,
  });
  // The shell line keeps every card.
  assert.equal(r.preview.qemu.shell, all.preview.qemu.shell);
  assert.match(r.preview.qemu.shell, /br=br29,/);
  // Directories point at their own entries after the cut; every device range is its item.
  for (const d of r.preview.devices.xenstoreDirs) for (const i of d.entries) assert.ok(r.preview.devices.xenstore[i].path.startsWith(d.path), `${d.path}: ${r.preview.devices.xenstore[i].path}`);
  assert.equal(r.ranges.deviceXenstore.length, r.preview.devices.xenstore.length);
  assert.equal(r.ranges.deviceXenstoreDirs.length, r.preview.devices.xenstoreDirs.length);
  assert.equal(r.ranges.devices.length, 16);
  const range = r.ranges.devices[3]!;
  assert.equal(doc.getText(range), '"bridge=br3"');
  const bridge = r.preview.devices.xenstore.findIndex((e) => e.path === '/local/domain/0/backend/vif/DOMID/3/bridge');
  assert.ok(bridge >= 0);
  assert.equal(doc.getText(r.ranges.deviceXenstore[bridge]!), 'br3');
  // The client asks for every device with allDevices.
  assert.deepEqual(requestOptions({ domid: '', xen: '', allDevices: true }), { maxDevices: 0 });
});

test('a list of thousands of disks: only the first items are rendered (partial), the rest estimated', async () => {
  const n = PARTIAL_ABOVE + 200;
  const disks = Array.from({ length: n }, (_, i) => `  "/dev/vg/d${i},raw,xvd${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26) + 1},w",`);
  const text = ['name = "huge"', 'type = "pv"', 'kernel = "/k"', 'disk = [', ...disks, ']', ''].join('\n');
  const { r } = await preview(text);
  assert.equal(r.preview.devices.list.length, 16);
  assert.equal(r.omittedDevices?.partial, true);
  assert.equal(r.omittedDevices?.devices, n - 16);
  assert.ok(r.omittedDevices!.xenstoreEntries > n);
  const all = (await preview(text, { maxDevices: 0 })).r;
  assert.equal(all.preview.devices.list.length, n);
});
