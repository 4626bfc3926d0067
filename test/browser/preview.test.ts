/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The preview webview in a real browser: the HTML the extension builds
 * (previewHtml), the bundled dist/webview.js + dist/webview.css, a stubbed
 * acquireVsCodeApi capturing the messages it posts, and real previews
 * (previewModel through the xlcfg/preview handler) posted into it.
 *
 * Needs Debian's chromium (/usr/bin/chromium, package `chromium`) and a
 * build (`node scripts/build.mjs --tests`). Chromium is launched once.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { Browser, BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';
import { makeNonce, previewCsp, previewHtml } from '../../client/src/preview/html';
import type { PanelState, PreviewResponse, ToWebview } from '../../client/src/preview/protocol';
import { checkText } from '../../server/src/check';
import { handlePreviewRequest, PreviewParams } from '../../server/src/lsp/preview';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = [resolve(__dirname, '../../..'), process.cwd()].find((d) => existsSync(resolve(d, 'examples/pv-guest-agent.cfg'))) ?? process.cwd();
const DIST = resolve(ROOT, 'dist');
/** Tests write screenshots under out/; XLCFG_SCREENSHOT_DIR=docs/images refreshes the README's. */
const SCREENSHOT = resolve(process.env.XLCFG_SCREENSHOT_DIR || resolve(ROOT, 'out/screenshots'), 'preview.png');
const URI = 'file:///etc/xen/pv-guest-agent.cfg';

declare global {
  interface Window {
    __messages: { type: string; [k: string]: unknown }[];
    __violations: { directive: string; blocked: string; sample: string; source: string }[];
    __pwned?: unknown;
  }
}

// --- the page ---------------------------------------------------------------------

let browser: Browser;
/** One context for the file (pages in it open much faster than new contexts); each test has its own page. */
let context: BrowserContext;
let server: Server;
let origin = '';
let nonce = '';
let html = '';

before(async () => {
  if (!existsSync(CHROMIUM)) {
    assert.fail(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) to run the browser tests`);
  }
  for (const f of ['webview.js', 'webview.css']) {
    if (!existsSync(resolve(DIST, f))) assert.fail(`dist/${f} is missing: run node scripts/build.mjs first`);
  }
  server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/preview.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    } else if (path === '/webview.js' || path === '/webview.css') {
      res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/css' });
      res.end(readFileSync(resolve(DIST, path.slice(1))));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  nonce = makeNonce();
  // Exactly what the extension builds, with the test server as the webview's resource origin.
  html = previewHtml({ cspSource: origin, nonce, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/webview.css` });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context = await browser.newContext({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 1 });
  await context.addInitScript(INIT);
});

after(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

/** The VS Code webview host, stubbed: captures postMessage, keeps setState, records CSP violations. */
const INIT = () => {
  window.__messages = [];
  window.__violations = [];
  let saved: unknown;
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile });
  });
  (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
    postMessage: (m: unknown) => window.__messages.push(JSON.parse(JSON.stringify(m))),
    getState: () => saved,
    setState: (s: unknown) => {
      saved = s;
    },
  });
};

interface Opened {
  page: Page;
  console: ConsoleMessage[];
  errors: Error[];
  dialogs: string[];
}

async function open(width = 900, height = 900): Promise<Opened> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  const o: Opened = { page, console: [], errors: [], dialogs: [] };
  page.on('console', (m) => o.console.push(m));
  page.on('pageerror', (e) => o.errors.push(e));
  page.on('dialog', (d) => {
    o.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${origin}/preview.html`);
  await page.waitForFunction(() => window.__messages.some((m) => m.type === 'ready'));
  await drain(page);
  return o;
}

/** Closes a page after checking it stayed clean: no CSP violations, page errors or console errors. */
async function done(o: Opened): Promise<void> {
  const violations = await o.page.evaluate(() => window.__violations);
  assert.deepEqual(violations, [], 'no CSP violations');
  assert.deepEqual(o.errors.map((e) => e.message), [], 'no page errors');
  assert.deepEqual(o.console.filter((m) => m.type() === 'error').map((m) => m.text()), [], 'no console errors');
  assert.deepEqual(o.dialogs, [], 'no dialogs');
  await o.page.close();
}

async function send(page: Page, m: ToWebview): Promise<void> {
  await page.evaluate((msg) => window.postMessage(msg, '*'), m as unknown as Record<string, unknown>);
  // Messages are handled asynchronously; a round trip through the event loop settles them.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
}

async function drain(page: Page): Promise<Window['__messages']> {
  return page.evaluate(() => window.__messages.splice(0));
}

// --- the data -------------------------------------------------------------------------

function exampleText(name: string): string {
  return readFileSync(resolve(ROOT, 'examples', name), 'utf8');
}

async function respond(text: string, params: Partial<PreviewParams> = {}, version = 1, uri = URI): Promise<PreviewResponse> {
  const checked = checkText(text);
  const r = await handlePreviewRequest({ uri, ...params }, () => ({ checked, version }));
  assert.ok(r);
  return r;
}

function state(over: Partial<PanelState> = {}): PanelState {
  return { uri: URI, fileName: 'pv-guest-agent.cfg', options: { domid: '7', xen: '' }, locked: false, ...over };
}

async function showExample(page: Page, over: Partial<PanelState> = {}, params: Partial<PreviewParams> = { domid: 7 }): Promise<PreviewResponse> {
  const response = await respond(exampleText('pv-guest-agent.cfg'), params);
  await send(page, { type: 'update', state: state(over), response });
  await page.waitForSelector('.argv .arg');
  return response;
}

const SOCKET_ARG = 'socket,id=libxl-channel1,path=/run/xen/web01-qga.sock,server=on,wait=off';

// --- the HTML -------------------------------------------------------------------------

test('CSP: a nonce, nothing inline or unsafe, every script carries the nonce', () => {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  const csp = meta[1].replace(/&#39;|&apos;/g, "'");
  assert.equal(csp, previewCsp(origin, nonce));
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'(;|$)`));
  assert.match(csp, new RegExp(`style-src ${origin} 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.ok(scripts.length >= 1);
  for (const s of scripts) assert.ok(s.includes(` nonce="${nonce}"`), `nonce on ${s}`);
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /<style\b|style="/, 'no inline styles');
  assert.notEqual(makeNonce(), makeNonce());
  assert.match(makeNonce(), /^[A-Za-z0-9+/]{22}$/);
});

// --- the panel --------------------------------------------------------------------------

test('the xenstore tree: channel groups, the name node, read-only vs writable, runtime; expand and collapse', async () => {
  const o = await open();
  const { page, errors } = o;
  const r = await showExample(page);
  // Channel 0's group shows its name; its frontend directory holds the name node.
  const group = page.locator('.group-row', { hasText: 'Channel 0' });
  await group.waitFor();
  assert.match(await group.innerText(), /org\.qemu\.guest_agent\.0/);
  const nameRow = page.locator('.key-row[data-path="/local/domain/7/device/console/1/name"]');
  assert.ok(await nameRow.isVisible());
  assert.equal(await nameRow.locator('.key').textContent(), 'name');
  assert.equal(await nameRow.locator('.value').textContent(), 'org.qemu.guest_agent.0');
  assert.equal(await nameRow.locator('.access').textContent(), 'RO');
  // Read-only and guest-writable rows look different.
  const rw = page.locator('.key-row[data-path="/local/domain/7/device/console/1/state"]');
  assert.equal(await rw.locator('.access').textContent(), 'RW');
  const roColor = await nameRow.locator('.access').evaluate((e) => getComputedStyle(e).color);
  const rwColor = await rw.locator('.access').evaluate((e) => getComputedStyle(e).color);
  assert.notEqual(roColor, rwColor);
  // Runtime placeholders are marked (console 0's port: expand console 0 first, it starts collapsed).
  const console0 = page.locator('.group-row', { hasText: 'Console 0' });
  assert.equal(await console0.getAttribute('aria-expanded'), 'false');
  const port = page.locator('.key-row[data-path="/local/domain/7/console/port"]');
  assert.equal(await port.isVisible(), false);
  await console0.click();
  assert.equal(await console0.getAttribute('aria-expanded'), 'true');
  assert.ok(await port.isVisible());
  assert.equal(await port.locator('.value').textContent(), r.preview.xenstore.find((e) => e.path === '/local/domain/7/console/port')!.value);
  assert.ok(await port.locator('.badge.runtime').isVisible());
  assert.match((await port.locator('.value').getAttribute('class')) ?? '', /is-runtime/);
  // Collapse channel 0 with its twistie: its rows disappear; expand: back.
  await group.locator('.twistie').click();
  assert.equal(await group.getAttribute('aria-expanded'), 'false');
  assert.equal(await nameRow.isVisible(), false);
  await group.locator('.twistie').click();
  assert.equal(await group.getAttribute('aria-expanded'), 'true');
  assert.ok(await nameRow.isVisible());
  // Keyboard: ArrowDown moves to the next visible row, ArrowLeft collapses, ArrowRight expands.
  await group.focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.querySelector('.path')?.textContent), '/local/domain/7/device/console/1');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await nameRow.isVisible(), false);
  await page.keyboard.press('ArrowRight');
  assert.ok(await nameRow.isVisible());
  // libxl's private directories start collapsed.
  const libxl = page.locator('.dir-row', { hasText: '/libxl/7/device/console/1' });
  assert.equal(await libxl.getAttribute('aria-expanded'), 'false');
  await libxl.locator('.twistie').click();
  assert.ok(await page.locator('.key-row[data-path="/libxl/7/device/console/1/frontend"]').isVisible());
  // The collapsed/expanded state survives an update (typing).
  await group.locator('.twistie').click();
  await send(page, { type: 'update', state: state(), response: { ...r, version: 2 } });
  assert.equal(await page.locator('.group-row', { hasText: 'Channel 0' }).getAttribute('aria-expanded'), 'false');
  assert.deepEqual(errors, []);
  await done(o);
});

test('the argv: one argument per row with the -chardev socket value, the shell line, copy', async () => {
  const o = await open();
  const { page } = o;
  const r = await showExample(page);
  const values = await page.locator('.argv .arg .arg-value').allTextContents();
  assert.deepEqual(values, r.preview.qemu.argv.map((a) => a.value));
  assert.ok(values.includes(SOCKET_ARG));
  assert.equal(values[values.indexOf(SOCKET_ARG) - 1], '-chardev');
  assert.equal(await page.locator('pre.shell').textContent(), r.preview.qemu.shell);
  // Copy: the webview asks the extension (clipboard API is unreliable in webviews).
  await page.locator('#qemu button[data-copy="argv"]').click();
  assert.deepEqual(await drain(page), [{ type: 'copy', what: 'argv', text: r.preview.qemu.shell }]);
  await send(page, { type: 'copied', what: 'argv' });
  assert.match(await page.locator('#qemu button[data-copy="argv"]').innerText(), /Copied/);
  await done(o);
});

test('an HVM line: libxl defaults are marked, and settings it leaves out make it say it is incomplete, copy button included', async () => {
  const o = await open();
  const { page } = o;
  const r = await respond(exampleText('hvm-channels.cfg'), { domid: 7 }, 3);
  await send(page, { type: 'update', state: state({ fileName: 'hvm-channels.cfg' }), response: r });
  await page.locator('.argv .arg').first().waitFor();
  assert.deepEqual(r.preview.qemu.unrendered.map((u) => u.key), ['vcpus']);
  assert.match(await page.locator('#qemu .banner.incomplete').innerText(), /Incomplete: vcpus adds qemu arguments that are not shown/);
  assert.match((await page.locator('#qemu button[data-copy="argv"]').getAttribute('title')) ?? '', /incomplete/);
  // -boot order=cda is libxl's default (the file has no boot=): the row says so.
  const defaults = await page.locator('.argv .arg[data-source="default"] .origin').allTextContents();
  assert.ok(defaults.some((t) => /libxl default, not in the file/.test(t)), JSON.stringify(defaults));
  assert.equal(await page.locator('.argv .arg[data-source="default"]').count(), r.preview.qemu.argv.filter((a) => a.source === 'default').length);
  await done(o);
});

test('the devices section: a row per device with what qemu emulates and what is guessed, its directories, reveal; show all devices', async () => {
  const o = await open();
  const { page } = o;
  const text = 'name = "h"\ntype = "hvm"\nmemory = 1024\ndisk = [ "/srv/h.img,raw,hda,rw", "/srv/c.iso,raw,hdc:cdrom,r" ]\nvif = [ "bridge=br0" ]\n';
  const r = await respond(text, { domid: 7, xen: '4.20' });
  await send(page, { type: 'update', state: state({ fileName: 'h.cfg' }), response: r });
  const rows = page.locator('#devices .device-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), r.preview.devices.list.length);
  assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-family'))), ['disk', 'disk', 'vif', 'vkb']);
  assert.equal(await page.locator('#devices .section-header h2').textContent(), 'Devices');
  const disk = rows.nth(0);
  const diskText = await disk.innerText();
  for (const re of [/disk 0/, /hda/, /vbd 768/, /qdisk in 0/, /IDE disk 0/, /guessed/]) assert.match(diskText, re);
  assert.match(await rows.nth(1).innerText(), /IDE cdrom/);
  assert.match(await rows.nth(3).innerText(), /added/);
  // Four devices: open; the backend's params row carries the guess badge, the vif's mac too.
  const params = page.locator('.key-row[data-path="/local/domain/0/backend/qdisk/7/768/params"]');
  assert.ok(await params.isVisible());
  assert.equal(await params.locator('.value').textContent(), 'aio:/srv/h.img');
  assert.ok(await params.locator('.badge.guess').isVisible());
  assert.match((await params.getAttribute('title')) ?? '', /Guessed: libxl uses phy only if \/srv\/h\.img is a block device/);
  assert.ok(await page.locator('.key-row[data-path="/local/domain/7/device/vif/0/mac"] .badge.guess').isVisible());
  // The guest's frontend is writable by it, the backend read-only.
  assert.equal(await page.locator('.key-row[data-path="/local/domain/7/device/vbd/768/virtual-device"] .access').textContent(), 'RW');
  assert.equal(await params.locator('.access').textContent(), 'RO');
  // A device row reveals its item; a node reveals its piece.
  await disk.click();
  assert.deepEqual(await drain(page), [{ type: 'reveal', uri: URI, range: r.ranges.devices[0] }]);
  assert.deepEqual(r.ranges.devices[0], { start: { line: 3, character: 9 }, end: { line: 3, character: 32 } });
  await params.click();
  const [m] = await drain(page);
  assert.deepEqual(m.range, { start: { line: 3, character: 10 }, end: { line: 3, character: 20 } }, '/srv/h.img');
  // The qemu rows of a device name it.
  const drive = page.locator('.argv .arg', { hasText: 'file=/srv/h.img,if=ide,index=0' });
  assert.equal(await drive.locator('.origin').textContent(), 'disk 0');
  // The cursor on the disk line lights its nodes and arguments.
  await send(page, { type: 'cursor', uri: URI, line: 3, character: 12 });
  assert.ok(await page.locator('#devices .device-row.hl[data-family="disk"]').first().isVisible());
  assert.ok((await page.locator('.arg.hl .arg-value').allTextContents()).includes('file=/srv/h.img,if=ide,index=0,media=disk,format=raw,cache=writeback'));
  // Many devices: the first 16, and a button for the rest.
  const many = text.replace('vif = [ "bridge=br0" ]', `vif = [ ${Array.from({ length: 20 }, (_, i) => `"bridge=br${i}"`).join(', ')} ]`);
  await send(page, { type: 'update', state: state({ fileName: 'h.cfg' }), response: await respond(many, { domid: 7, xen: '4.20' }, 2) });
  await page.locator('#devices .banner button').waitFor();
  assert.equal(await rows.count(), 16);
  assert.match(await page.locator('#devices .banner').innerText(), /The first 16 devices are shown; 7 more/);
  await page.locator('#devices .banner button', { hasText: 'Show all 23 devices' }).click();
  assert.deepEqual(await drain(page), [{ type: 'options', options: { domid: '7', xen: '', allDevices: true } }]);
  assert.equal(await page.locator('#devices .device-row[aria-expanded="true"]').count(), 0, 'more than four devices start collapsed');
  await done(o);
});

test('clicks reveal the source: an argument, a xenstore node, a problem', async () => {
  const o = await open();
  const { page } = o;
  const r = await showExample(page);
  const i = r.preview.qemu.argv.findIndex((a) => a.value === SOCKET_ARG);
  await page.locator(`.arg[data-index="${i}"]`).click();
  assert.deepEqual(await drain(page), [{ type: 'reveal', uri: URI, range: r.ranges.argv[i] }]);
  assert.deepEqual(r.ranges.argv[i], { start: { line: 15, character: 4 }, end: { line: 15, character: 80 } });
  await page.locator('.key-row[data-path="/local/domain/7/device/console/1/name"]').click();
  assert.deepEqual(await drain(page), [{ type: 'reveal', uri: URI, range: { start: { line: 15, character: 10 }, end: { line: 15, character: 32 } } }]);
  // Keyboard: Enter on a focused argument.
  await page.locator('.arg', { hasText: 'xenpv' }).focus();
  await page.keyboard.press('Enter');
  const [m] = await drain(page);
  assert.equal(m.type, 'reveal');
  assert.equal((m.range as { start: { line: number } }).start.line, 3, 'type = "pv" is line 4');
  // Arguments without a source (fixed ones) do not reveal.
  await page.locator('.arg[data-index="3"]').click();
  assert.deepEqual(await drain(page), []);
  // Problems: the broken example, problem rows link to their line.
  const bad = await respond(exampleText('mistakes.cfg'), { domid: 7 }, 2);
  await send(page, { type: 'update', state: state({ fileName: 'mistakes.cfg' }), response: bad });
  const problem = page.locator('.problem[data-code="channel-missing-name"]');
  await problem.waitFor();
  assert.match(await problem.innerText(), /Ln 8, Col 5/);
  await problem.click();
  const k = bad.findings.findIndex((p) => p.code === 'channel-missing-name');
  assert.deepEqual(await drain(page), [{ type: 'reveal', uri: URI, range: bad.ranges.findings[k] }]);
  assert.equal(await page.locator('.problem:not(.more)').count(), bad.findings.length + bad.preview.notes.length);
  // The file has a syntax error xl refuses: the banner says so first.
  assert.match(await page.locator('.verdict[data-verdict="xl-refuses"]').innerText(), /xl refuses this file/);
  await done(o);
});

test('the options form posts changed options; the lock toggle posts its state', async () => {
  const o = await open();
  const { page } = o;
  await showExample(page);
  assert.equal(await page.locator('#opt-domid').inputValue(), '7');
  assert.equal(await page.locator('#opt-xen').getAttribute('placeholder'), '4.22');
  await page.locator('#opt-domid').fill('12');
  await page.locator('#opt-domid').press('Enter');
  assert.deepEqual(await drain(page), [{ type: 'options', options: { domid: '12', xen: '' } }]);
  await page.locator('#opt-xen').fill('4.14');
  await page.locator('#opt-xen').press('Enter');
  assert.deepEqual(await drain(page), [{ type: 'options', options: { domid: '12', xen: '4.14' } }]);
  // A domid that is neither a number nor a placeholder is not sent.
  await page.locator('#opt-domid').fill('rm -rf /');
  await page.locator('#opt-domid').press('Enter');
  assert.deepEqual(await drain(page), []);
  assert.equal(await page.locator('#opt-domid').getAttribute('aria-invalid'), 'true');
  // Typing alone sends too (debounced).
  await page.locator('#opt-domid').fill('DOMID');
  await page.waitForFunction(() => window.__messages.length > 0);
  assert.deepEqual(await drain(page), [{ type: 'options', options: { domid: 'DOMID', xen: '4.14' } }]);
  // The new rendering arrives: the xen option is reflected in the argv.
  const old = await respond(exampleText('pv-guest-agent.cfg'), { domid: 'DOMID', xen: '4.14' }, 1);
  await send(page, { type: 'update', state: state({ options: { domid: 'DOMID', xen: '4.14' } }), response: old });
  assert.ok((await page.locator('.arg-value').allTextContents()).some((v) => v.endsWith(',server,nowait')));
  assert.match(await page.locator('.chips').innerText(), /4\.14/);
  // Lock.
  const lock = page.locator('#lock');
  assert.equal(await lock.getAttribute('aria-pressed'), 'false');
  await lock.click();
  assert.deepEqual(await drain(page), [{ type: 'lock', locked: true }]);
  assert.equal(await lock.getAttribute('aria-pressed'), 'true');
  await send(page, { type: 'state', state: state({ locked: false, options: { domid: 'DOMID', xen: '4.14' } }) });
  assert.equal(await lock.getAttribute('aria-pressed'), 'false', 'the extension has the last word');
  await done(o);
});

test("the cursor's line highlights the nodes and arguments it produced", async () => {
  const o = await open();
  const { page } = o;
  const r = await showExample(page);
  const hlArgs = () => page.locator('.arg.hl .arg-value').allTextContents();
  const hlKeys = () => page.locator('.key-row.hl').evaluateAll((els) => els.map((e) => e.getAttribute('data-path')));
  // Line 16 (0-based 15): the socket channel.
  await send(page, { type: 'cursor', uri: URI, line: 15, character: 20 });
  assert.deepEqual(await hlArgs(), ['-chardev', SOCKET_ARG]);
  const keys = await hlKeys();
  assert.ok(keys.includes('/local/domain/7/device/console/1/name'));
  assert.ok(keys.includes('/local/domain/0/backend/console/7/1/path'));
  assert.ok(keys.every((k) => /\/console(\/7)?\/1\//.test(k!)), keys.join(' '));
  assert.ok(await page.locator('.group-row.hl', { hasText: 'Channel 0' }).isVisible());
  assert.equal(await page.locator('.group-row.hl', { hasText: 'Channel 1' }).count(), 0);
  // Line 17: the pty channel.
  await send(page, { type: 'cursor', uri: URI, line: 16, character: 0 });
  assert.deepEqual(await hlArgs(), ['-chardev', 'pty,id=libxl-channel2']);
  assert.ok((await hlKeys()).every((k) => /\/console(\/7)?\/2\//.test(k!)));
  // Line 3: name = "web01".
  await send(page, { type: 'cursor', uri: URI, line: 2, character: 3 });
  assert.deepEqual(await hlArgs(), ['-name', 'web01']);
  // A comment line: nothing; another document's cursor: nothing.
  await send(page, { type: 'cursor', uri: URI, line: 0, character: 0 });
  assert.equal(await page.locator('.hl').count(), 0);
  await send(page, { type: 'cursor', uri: 'file:///other.cfg', line: 15, character: 0 });
  assert.equal(await page.locator('.hl').count(), 0);
  // The highlight survives a re-render.
  await send(page, { type: 'cursor', uri: URI, line: 15, character: 0 });
  await send(page, { type: 'update', state: state(), response: { ...r, version: 3 } });
  assert.deepEqual(await hlArgs(), ['-chardev', SOCKET_ARG]);
  await done(o);
});

test('updates: a stale version never replaces a newer one; errors keep the last preview', async () => {
  const o = await open();
  const { page } = o;
  const text = exampleText('pv-guest-agent.cfg');
  await send(page, { type: 'update', state: state(), response: await respond(text, { domid: 7 }, 5) });
  await send(page, { type: 'update', state: state(), response: await respond(text.replaceAll('web01-qga', 'OLD'), { domid: 7 }, 4) });
  assert.ok((await page.locator('.arg-value').allTextContents()).includes(SOCKET_ARG), 'version 4 arrived late and was dropped');
  await send(page, { type: 'update', state: state(), response: await respond(text.replaceAll('web01-qga', 'NEW'), { domid: 7 }, 6) });
  assert.ok((await page.locator('.arg-value').allTextContents()).some((v) => v.includes('/run/xen/NEW.sock')));
  await send(page, { type: 'error', uri: URI, message: 'The preview failed: boom' });
  assert.match(await page.locator('.banner.error').innerText(), /boom/);
  assert.ok((await page.locator('.arg-value').allTextContents()).some((v) => v.includes('/run/xen/NEW.sock')));
  // Another document: its first version may be lower.
  const other = await respond(text, { domid: 9 }, 1, 'file:///b.cfg');
  await send(page, { type: 'update', state: state({ uri: 'file:///b.cfg', fileName: 'b.cfg' }), response: other });
  assert.equal(await page.locator('.file').textContent(), 'b.cfg');
  assert.ok((await page.locator('.arg-value').allTextContents()).includes('9'));
  assert.equal(await page.locator('.banner.error').count(), 0);
  await done(o);
});

test('libvirt and udev tabs: the text, and copy buttons', async () => {
  const o = await open();
  const { page } = o;
  const r = await showExample(page);
  await page.locator('.tab[data-tab="libvirt"]').click();
  assert.ok(await page.locator('#libvirt-xml').isVisible());
  assert.equal(await page.locator('#libvirt-xml').textContent(), r.preview.libvirtXml);
  assert.match(r.preview.libvirtXml, /<target type='xen' name='org\.qemu\.guest_agent\.0'\/>/);
  await page.locator('#panel-libvirt button[data-copy="libvirt"]').click();
  assert.deepEqual(await drain(page), [{ type: 'copy', what: 'libvirt', text: r.preview.libvirtXml }]);
  await page.locator('.tab[data-tab="udev"]').click();
  assert.equal(await page.locator('#libvirt-xml').isVisible(), false);
  assert.equal(await page.locator('#udev-rule').textContent(), r.preview.udev.rule);
  assert.equal(await page.locator('#udev-helper').textContent(), r.preview.udev.helper);
  await page.locator('button[data-copy="udev-helper"]').click();
  await page.locator('button[data-copy="udev-rule"]').click();
  assert.deepEqual(await drain(page), [
    { type: 'copy', what: 'udev-helper', text: r.preview.udev.helper },
    { type: 'copy', what: 'udev-rule', text: r.preview.udev.rule },
  ]);
  // Arrow keys move between tabs.
  await page.locator('.tab[data-tab="udev"]').press('ArrowRight');
  assert.equal(await page.locator('.tab[data-tab="preview"]').getAttribute('aria-selected'), 'true');
  await done(o);
});

test('the libxl tab: the configuration xl builds, each field linked to its text; where xl stops, why', async () => {
  const o = await open();
  const { page } = o;
  const r = await showExample(page);
  await page.locator('.tab[data-tab="libxl"]').click();
  assert.ok(r.preview.libxl && r.preview.libxl.rc === 0);
  const rows = page.locator('#panel-libxl .libxl-row');
  assert.equal(await rows.count(), r.preview.libxl.rows.length);
  const k = r.preview.libxl.rows.findIndex((row) => row.path === 'c_info/name');
  assert.ok(k >= 0);
  assert.equal(await rows.nth(k).textContent(), `name: ${JSON.stringify('web01')}`);
  assert.ok(r.ranges.libxlRows[k]);
  await rows.nth(k).click();
  assert.deepEqual(await drain(page), [{ type: 'reveal', uri: URI, range: r.ranges.libxlRows[k] }]);
  await page.locator('#panel-libxl button[data-copy="libxl"]').click();
  const [copy] = await drain(page);
  assert.equal(copy.type, 'copy');
  assert.match(String(copy.text), /^c_info\n {2}type: "pv"/);
  // A file xl refuses: the reason first, linked to where it is.
  const bad = await respond(exampleText('pv-guest-agent.cfg') + 'on_crash = "restrat"\n', {}, 2);
  await send(page, { type: 'update', state: state(), response: bad });
  await page.waitForSelector('#panel-libxl .banner.error');
  assert.match((await page.locator('#panel-libxl .banner.error').textContent()) ?? '', /xl stops here: on_crash = "restrat" is not an action xl knows/);
  assert.ok(bad.ranges.libxlStop);
  await page.locator('#panel-libxl .banner.error').click();
  assert.deepEqual(await drain(page), [{ type: 'reveal', uri: URI, range: bad.ranges.libxlStop }]);
  await done(o);
});

test('theme: the --vscode-* variables decide the colours', async () => {
  const o = await open();
  const { page } = o;
  await showExample(page);
  const colours = () =>
    page.evaluate(() => {
      const c = (sel: string, prop: 'color' | 'backgroundColor') => getComputedStyle(document.querySelector(sel)!)[prop];
      return { fg: c('body', 'color'), bg: c('body', 'backgroundColor'), key: c('.key-row .key', 'color'), link: c('.arg.origin-channel .origin', 'color'), tab: c('.tab.active', 'color') };
    });
  await page.evaluate(() => {
    const s = document.body.style;
    s.setProperty('--vscode-editor-foreground', 'rgb(204, 204, 204)');
    s.setProperty('--vscode-editor-background', 'rgb(31, 31, 31)');
    s.setProperty('--vscode-debugTokenExpression-name', 'rgb(197, 134, 192)');
    s.setProperty('--vscode-textLink-foreground', 'rgb(77, 170, 252)');
    s.setProperty('--vscode-panelTitle-activeForeground', 'rgb(231, 231, 231)');
  });
  const dark = await colours();
  assert.deepEqual(dark, { fg: 'rgb(204, 204, 204)', bg: 'rgb(31, 31, 31)', key: 'rgb(197, 134, 192)', link: 'rgb(77, 170, 252)', tab: 'rgb(231, 231, 231)' });
  await page.evaluate(() => {
    const s = document.body.style;
    s.setProperty('--vscode-editor-foreground', 'rgb(59, 59, 59)');
    s.setProperty('--vscode-editor-background', 'rgb(255, 255, 255)');
    s.setProperty('--vscode-debugTokenExpression-name', 'rgb(155, 70, 176)');
    s.setProperty('--vscode-textLink-foreground', 'rgb(0, 94, 184)');
    s.setProperty('--vscode-panelTitle-activeForeground', 'rgb(59, 59, 59)');
  });
  const light = await colours();
  assert.deepEqual(light, { fg: 'rgb(59, 59, 59)', bg: 'rgb(255, 255, 255)', key: 'rgb(155, 70, 176)', link: 'rgb(0, 94, 184)', tab: 'rgb(59, 59, 59)' });
  await page.close();
});

// --- hostile input ------------------------------------------------------------------------

const SCRIPT = '<script>window.__pwned=1;alert(1)</script>';
const IMG = '<img src=x onerror="window.__pwned=2;alert(2)">';
const STYLE = '</style><style>body{display:none}</style><script>window.__pwned=3</script>';
const QUOTES = `"'\`&amp;&lt;\\" onmouseover="window.__pwned=4`;
const UNICODE = '\u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD \u0627\u0644\u0633\u0644\u0627\u0645 😀👩‍💻 e\u0301\u0301\u0301 Z\u0351\u0357\u0361';
const LONG = 'A'.repeat(10_000);
const LONG_WORDS = ('x'.repeat(60) + ' ').repeat(170);
const HOSTILE = [SCRIPT, IMG, STYLE, QUOTES, UNICODE];

const HOSTILE_CFG = `name = "<script>window.__pwned=1</script>"
type = "pv"
memory = 512
channel = [
  "name=<img src=x onerror=window.__pwned=2>,connection=socket,path=/run/</style><script>alert(1)</script>.sock",
  "name=\u200F\u05E9\u05DC\u05D5\u05DD\u200E-😀-e\u0301-'q',connection=pty",
]
`;

/** Every string of a preview, replaced by hostile text (cycling), keys and perms included. */
function poison(r: PreviewResponse): PreviewResponse {
  const p = structuredClone(r);
  let n = 0;
  // Short hostile strings everywhere; a 10 000-character one (with and without spaces) every 25th.
  const next = () => {
    const k = n++;
    return k % 25 === 7 ? LONG : k % 25 === 19 ? LONG_WORDS : HOSTILE[k % HOSTILE.length];
  };
  const px = p.preview;
  for (const e of px.xenstore) {
    if (!e.isDir) {
      e.value = next();
      if (n % 3 === 0) e.key = SCRIPT + e.key;
    }
    if (n % 5 === 0) e.runtime = true;
    e.runtimeNote = IMG;
    e.writer = STYLE;
  }
  for (const d of px.xenstoreDirs) {
    d.path = `${d.path}/${next()}`;
    d.domain = UNICODE;
    d.perms = QUOTES;
  }
  for (const a of px.qemu.argv) a.value = next();
  px.qemu.shell = `${SCRIPT} ${LONG} ${IMG}`;
  px.qemu.reason = `${IMG} ${UNICODE}`;
  px.qemu.notes = [SCRIPT, LONG];
  px.qemu.env = { [SCRIPT]: IMG, LONG: LONG };
  for (const c of px.channels) c.name = `${SCRIPT}${UNICODE}${LONG_WORDS}`;
  px.notes = [{ code: 'comma-in-path', effect: 'qemu-fails', message: IMG }];
  const findings = [{ code: 'channel-missing-name', severity: 'error' as const, effect: 'libxl-refuses' as const, message: `${SCRIPT} ${LONG}`, start: 0, end: 5 }];
  px.libvirtXml = `</pre>${SCRIPT}${STYLE}\n${LONG}`;
  px.udev = { rule: `${IMG}\n${LONG}`, helper: `${STYLE}\n${UNICODE}` };
  px.target = `${SCRIPT}${UNICODE}`;
  const ranges = { ...p.ranges, findings: [{ start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }], notes: [null] };
  return { ...p, findings, findingCount: 1, ranges, warnings: [SCRIPT, LONG], used: { ...p.used, domid: IMG, documentXen: STYLE } };
}

async function assertSafe(o: Opened, label: string): Promise<void> {
  const { page } = o;
  const probe = await page.evaluate(() => ({
    pwned: window.__pwned,
    violations: window.__violations,
    scripts: document.querySelectorAll('script').length,
    imgs: document.querySelectorAll('img').length,
    styles: document.querySelectorAll('style').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
  }));
  assert.equal(probe.pwned, undefined, `${label}: no script ran`);
  assert.deepEqual(o.dialogs, [], `${label}: no dialogs`);
  assert.deepEqual(probe.violations, [], `${label}: no CSP violations`);
  assert.equal(probe.scripts, 1, `${label}: only our script element`);
  assert.equal(probe.imgs, 0, `${label}: no <img> from data`);
  assert.equal(probe.styles, 0, `${label}: no <style> from data`);
  assert.equal(probe.handlers, 0, `${label}: no inline handlers`);
  assert.deepEqual(o.errors.map((e) => e.message), [], `${label}: no page errors`);
  const bad = o.console.filter((m) => m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text()));
  assert.deepEqual(bad.map((m) => m.text()), [], `${label}: console clean`);
}

/** Page width stays within the viewport in every tab (long values wrap or clip). */
async function assertLayout(page: Page, label: string): Promise<void> {
  for (const t of ['preview', 'libvirt', 'udev']) {
    await page.locator(`.tab[data-tab="${t}"]`).click();
    const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, bodyVisible: getComputedStyle(document.body).display !== 'none' }));
    assert.ok(m.sw <= m.cw + 1, `${label}/${t}: scrollWidth ${m.sw} > ${m.cw}`);
    assert.ok(m.bodyVisible, `${label}/${t}: body still displayed`);
  }
  await page.locator('.tab[data-tab="preview"]').click();
}

test('hostile input from a real config: names, paths and the domain name stay text', async () => {
  const o = await open(800, 900);
  const { page } = o;
  const r = await respond(HOSTILE_CFG, { domid: 7 });
  await send(page, { type: 'update', state: state({ fileName: '<script>alert(1)</script>.cfg' }), response: r });
  await page.waitForSelector('.argv .arg');
  await page.locator('.group-row', { hasText: 'Console 0' }).click();
  await assertSafe(o, 'real config');
  const nameNode = page.locator('.key-row[data-path="/local/domain/7/device/console/1/name"] .value');
  assert.equal(await nameNode.textContent(), '<img src=x onerror=window.__pwned=2>');
  assert.ok(await nameNode.isVisible());
  assert.ok((await page.locator('.arg-value').allTextContents()).includes('<script>window.__pwned=1</script>'));
  const pathNode = page.locator('.key-row[data-path="/local/domain/0/backend/console/7/1/path"] .value');
  assert.equal(await pathNode.textContent(), '/run/</style><script>alert(1)</script>.sock');
  const rtl = page.locator('.key-row[data-path="/local/domain/7/device/console/2/name"] .value');
  assert.equal(await rtl.textContent(), '\u200F\u05E9\u05DC\u05D5\u05DD\u200E-😀-e\u0301-\'q\'');
  assert.equal(await page.locator('.file').textContent(), '<script>alert(1)</script>.cfg');
  await assertLayout(page, 'real config');
  await assertSafe(o, 'real config after tabs');
  await page.close();
});

test('hostile input everywhere: script, img, quotes, </style>, RTL/emoji/combining, 10 000 characters', async () => {
  const o = await open(800, 900);
  const { page } = o;
  const r = poison(await respond(exampleText('pv-guest-agent.cfg'), { domid: 7 }));
  await send(page, { type: 'update', state: state({ fileName: STYLE, options: { domid: IMG, xen: SCRIPT } }), response: r });
  await page.waitForSelector('.argv .arg');
  // Expand everything (one round trip: the twisties' own click handlers).
  await page.evaluate(() => {
    for (const t of document.querySelectorAll<HTMLElement>('[aria-expanded="false"] > .twistie')) t.click();
  });
  assert.equal(await page.locator('[aria-expanded="false"]').count(), 0);
  await send(page, { type: 'error', uri: URI, message: SCRIPT + IMG });
  await send(page, { type: 'cursor', uri: URI, line: 15, character: 0 });
  await assertSafe(o, 'poisoned');
  // Every hostile string is there, literally.
  const text = await page.evaluate(() => document.body.textContent ?? '');
  for (const s of [...HOSTILE, LONG]) assert.ok(text.includes(s), `literal text: ${s.slice(0, 40)}`);
  const visible = await page.locator('#panel-preview').innerText();
  assert.ok(visible.includes(SCRIPT) && visible.includes(IMG), 'visible as text');
  assert.equal(await page.locator('.problem .message').first().textContent(), `${SCRIPT} ${LONG}`);
  assert.equal(await page.locator('pre.shell').textContent(), r.preview.qemu.shell);
  // Long values are clamped, not page-long; the page does not scroll sideways.
  const tallest = await page.locator('.key-row').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().height)));
  assert.ok(tallest < 120, `a key row is ${tallest}px high`);
  const argRow = await page.locator('.arg').evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().height)));
  assert.ok(argRow < 120, `an argument row is ${argRow}px high`);
  await assertLayout(page, 'poisoned');
  // The copy buttons still carry the exact text.
  await drain(page);
  await page.locator('#qemu button[data-copy="argv"]').click();
  assert.deepEqual(await drain(page), [{ type: 'copy', what: 'argv', text: r.preview.qemu.shell }]);
  // The inputs hold the hostile option values as values.
  assert.equal(await page.locator('#opt-domid').inputValue(), IMG);
  await assertSafe(o, 'poisoned after interaction');
  await page.close();
});

// --- screenshot -------------------------------------------------------------------------

/** VS Code's Dark Modern theme, as the variables VS Code puts on a webview's <html>. */
const DARK_MODERN: Record<string, string> = {
  '--vscode-font-family': "system-ui, 'Ubuntu', 'Droid Sans', 'DejaVu Sans', sans-serif",
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': "'Droid Sans Mono', 'DejaVu Sans Mono', monospace",
  '--vscode-editor-font-size': '13px',
  '--vscode-foreground': '#cccccc',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-widget-border': '#313131',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-textLink-activeForeground': '#4daafc',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-debugTokenExpression-name': '#c586c0',
  '--vscode-debugTokenExpression-string': '#ce9178',
  '--vscode-debugTokenExpression-number': '#b5cea8',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-green': '#89d185',
  '--vscode-editorError-foreground': '#f14c4c',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-editor-selectionHighlightBackground': '#add6ff26',
  '--vscode-editorCursor-foreground': '#aeafad',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-editorLineNumber-foreground': '#6e7681',
  '--vscode-input-background': '#313131',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-input-placeholderForeground': '#989898',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-button-secondaryHoverBackground': '#3c3c3c',
  '--vscode-button-border': '#ffffff12',
  '--vscode-panelTitle-activeForeground': '#e7e7e7',
  '--vscode-panelTitle-inactiveForeground': '#9d9d9d',
  '--vscode-panelTitle-activeBorder': '#0078d4',
  '--vscode-toolbar-hoverBackground': '#5a5d5e50',
  '--vscode-icon-foreground': '#cccccc',
  '--vscode-inputOption-activeBackground': '#2489db82',
  '--vscode-inputOption-activeBorder': '#2488db',
  '--vscode-inputOption-activeForeground': '#ffffff',
  '--vscode-sideBarSectionHeader-foreground': '#cccccc',
  '--vscode-symbolIcon-folderForeground': '#cccccc',
};

test('screenshot of the panel (Dark Modern) -> preview.png', async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 860, height: 1180 });
  await page.goto(`${origin}/preview.html`);
  await page.waitForFunction(() => window.__messages.some((m) => m.type === 'ready'));
  await page.evaluate((vars) => {
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    document.body.classList.add('vscode-dark');
  }, DARK_MODERN);
  await showExample(page);
  await send(page, { type: 'cursor', uri: URI, line: 15, character: 30 });
  await page.locator('.group-row', { hasText: 'Channel 1' }).locator('.twistie').click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(400, 330);
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  assert.ok(readFileSync(SCREENSHOT).length > 10_000);
  await page.close();
});
