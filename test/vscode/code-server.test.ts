/**
 * The product as people get it, in a real VS Code: code-server 4.100.3
 * (VS Code 1.100.3, its extension host on node, headless) driven by Debian's
 * chromium through playwright-core. One code-server and one browser for the
 * whole file:
 *
 *  1. the .vsix (built here with the `npm run package` vsce flags) holds only
 *     the bundles, grammar, language configuration, icon, README, CHANGELOG
 *     and LICENSE, and its engines.vscode accepts the VS Code tested here;
 *  2. it installs with `code-server --install-extension`;
 *  3. the extension-host suite (test/vscode/suite, the @vscode/test-electron
 *     style run() through the extensionTestsPath payload) passes against the
 *     real `vscode` API, with the extension loaded from the repository folder
 *     as a development extension (XLCFG_SUITE_EXTENSION=vsix: from the
 *     installed .vsix instead);
 *  4. browser end to end with the installed .vsix: squiggle and Problems row
 *     with its code, the light-bulb quick fix, completion inside a channel
 *     string, the preview to the side updating as you type. Screenshots go to
 *     out/screenshots/e2e-*.png (XLCFG_SCREENSHOT_DIR=docs/images refreshes the README's).
 *
 * code-server is installed on first use into .cache/code-server by
 * scripts/install-code-server.sh (about 1.5-2 min, needs the Debian packages
 * listed there). Needs dist/ (node scripts/build.mjs) and /usr/bin/chromium.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Browser, chromium } from 'playwright-core';
import { bundledVSCodeVersion, CodeServer, CodeServerDirs, codeServerVersion, installCodeServer, installVsix, makeDirs, run } from './codeServer';
import { E2E, E2EOptions } from './e2e';
import { FIXTURE_FILE, makeWorkspace, readResult, resultProblems, ROOT, satisfiesCaret, SUITE_INDEX, SuiteResult, summary } from './shared';
import { zipEntries, zipRead } from './zip';

const CHROMIUM = process.env.XLCFG_CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = process.env.XLCFG_SCREENSHOT_DIR || join(ROOT, 'out/screenshots');
const timings: Record<string, number> = {};
const time = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
  const t0 = Date.now();
  try {
    return await f();
  } finally {
    timings[what] = Date.now() - t0;
  }
};

let home = '';
let dirs: CodeServerDirs;
let vsix = '';
let server: CodeServer | undefined;
let browser: Browser | undefined;
let entry = '';
let packageJson: { name: string; publisher: string; version: string; engines: { vscode: string }; scripts: Record<string, string> };
const workspaces: string[] = [];
const started = Date.now();

before(async () => {
  for (const f of ['dist/client.js', 'dist/server.js']) if (!existsSync(join(ROOT, f))) assert.fail(`${f} is missing: run node scripts/build.mjs first`);
  if (!existsSync(CHROMIUM)) assert.fail(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
  packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  home = mkdtempSync(join(tmpdir(), 'xlcfg-code-server-'));
  dirs = makeDirs(home);
  vsix = join(home, `${packageJson.name}.vsix`);
  // Independent, so side by side: code-server (first time only), the extension-host suite bundle, the .vsix.
  const [installed] = await Promise.all([
    time('install code-server', installCodeServer),
    time('build the extension-host suite', async () => {
      const r = await run(process.execPath, [join(ROOT, 'scripts/build-vscode-tests.mjs')], { timeout: 120_000 });
      if (r.code !== 0) throw new Error(`build-vscode-tests.mjs failed:\n${r.stdout}${r.stderr}`);
    }),
    time('package the .vsix', async () => {
      // The flags of `npm run package`, with the output in the test's own folder (dist/ was built by npm test already).
      const m = /\bvsce (package\b[^&|;]*)$/.exec(packageJson.scripts.package);
      assert.ok(m, `scripts.package runs vsce package: ${packageJson.scripts.package}`);
      const args = m[1].trim().split(/\s+/);
      const o = args.findIndex((a) => a === '-o' || a === '--out');
      if (o >= 0) args.splice(o, 2);
      const r = await run(process.execPath, [join(ROOT, 'node_modules/@vscode/vsce/vsce'), ...args, '-o', vsix], { timeout: 180_000 });
      if (r.code !== 0 || !existsSync(vsix)) throw new Error(`vsce package failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }),
  ]);
  entry = installed.entry;
  await time('install the .vsix', () => installVsix(entry, dirs, vsix));
  const resultFile = join(home, 'suite-result.json');
  server = await time('start code-server', () => CodeServer.start(entry, dirs, { XLCFG_VSCODE_RESULT: resultFile }));
  browser = await time('launch chromium', () =>
    chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }),
  );
});

after(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  for (const w of workspaces) rmSync(w, { recursive: true, force: true });
  if (home && !process.env.XLCFG_KEEP_TMP) rmSync(home, { recursive: true, force: true });
  timings.total = Date.now() - started;
  console.log(`code-server ${entry ? codeServerVersion(entry) : '?'} timings (ms): ${JSON.stringify(timings)}`);
});

// --- 1. the package --------------------------------------------------------------------

/** What may go into the .vsix: the bundles, grammar, language configuration, icon, README, CHANGELOG, LICENSE. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/LICENSE(\.txt|\.md)?$/i,
  /^extension\/language-configuration\.json$/,
  /^extension\/syntaxes\/xlcfg\.tmLanguage\.json$/,
  /^extension\/images\/icon\.png$/,
  /^extension\/dist\/(client|server|webview)\.js$/,
  /^extension\/dist\/webview\.css$/,
];
const REQUIRED = [
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/language-configuration.json',
  'extension/syntaxes/xlcfg.tmLanguage.json',
  'extension/images/icon.png',
  'extension/dist/client.js',
  'extension/dist/server.js',
];

test('the .vsix holds only the bundles, grammar, language configuration, icon, README, CHANGELOG and LICENSE', () => {
  const zip = readFileSync(vsix);
  const entries = zipEntries(zip);
  const names = entries.map((e) => e.name);
  const unexpected = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
  assert.deepEqual(unexpected, [], `files that should not be in the .vsix (sources, maps, node_modules, tests?): ${unexpected.join(', ')}`);
  for (const r of REQUIRED) assert.ok(names.includes(r), `${r} is in the .vsix (have ${names.join(', ')})`);
  assert.ok(names.some((n) => /^extension\/LICENSE/i.test(n)), 'a LICENSE');
  // Every file the manifest refers to is packed.
  const manifest = JSON.parse(zipRead(zip, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
  const referenced = [manifest.main, manifest.icon, ...manifest.contributes.languages.map((l: { configuration?: string }) => l.configuration), ...manifest.contributes.grammars.map((g: { path: string }) => g.path)].filter(Boolean);
  for (const f of referenced) assert.ok(names.includes(`extension/${String(f).replace(/^\.\//, '')}`), `${f} (referenced by package.json) is packed`);
  if (existsSync(join(ROOT, 'dist/webview.js'))) {
    for (const f of ['dist/webview.js', 'dist/webview.css']) if (existsSync(join(ROOT, f))) assert.ok(names.includes(`extension/${f}`), `${f} (the preview) is packed`);
  }
  // The bundles are self-contained (--no-dependencies): nothing required but node's own modules and `vscode`.
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'vscode']);
  for (const e of entries.filter((e) => /^extension\/dist\/(client|server)\.js$/.test(e.name))) {
    const code = zipRead(zip, e).toString('utf8');
    const required = new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
    const missing = [...required].filter((r) => !builtins.has(r) && !r.startsWith('.'));
    assert.deepEqual(missing, [], `${e.name} requires modules that are not packed`);
  }
  // engines.vscode: the range the tests run against, and no newer than the @types/vscode the code is written for.
  assert.equal(manifest.engines.vscode, packageJson.engines.vscode);
  const bundled = bundledVSCodeVersion(entry);
  assert.ok(satisfiesCaret(bundled, manifest.engines.vscode), `VS Code ${bundled} (code-server) satisfies engines.vscode ${manifest.engines.vscode}`);
  const types = JSON.parse(readFileSync(join(ROOT, 'node_modules/@types/vscode/package.json'), 'utf8')).version as string;
  assert.ok(satisfiesCaret(manifest.engines.vscode.replace(/^\^/, ''), `^${types}`), `engines.vscode ${manifest.engines.vscode} is at least @types/vscode ${types}`);
  const size = zip.length;
  assert.ok(size < 2_000_000, `the .vsix is small (${size} bytes)`);
});

test('code-server --install-extension installed the .vsix', () => {
  const folders = readdirSync(dirs.extensions).filter((n) => n.startsWith(`${packageJson.publisher}.${packageJson.name}-`));
  assert.deepEqual(folders, [`${packageJson.publisher}.${packageJson.name}-${packageJson.version}`]);
  const installed = join(dirs.extensions, folders[0]);
  for (const f of ['package.json', 'dist/client.js', 'dist/server.js']) assert.ok(existsSync(join(installed, f)), `${f} installed`);
  assert.ok(!existsSync(join(installed, 'node_modules')), 'no node_modules');
});

// --- 2. the extension-host suite ------------------------------------------------------------

test('extension-host suite (real vscode API) passes in code-server', { timeout: 150_000 }, async () => {
  assert.ok(server && browser);
  const resultFile = join(home, 'suite-result.json');
  rmSync(resultFile, { force: true });
  const ws = makeWorkspace();
  workspaces.push(ws);
  const fromVsix = process.env.XLCFG_SUITE_EXTENSION === 'vsix';
  const devPath = fromVsix ? join(dirs.extensions, `${packageJson.publisher}.${packageJson.name}-${packageJson.version}`) : ROOT;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  let closed = false;
  page.on('close', () => (closed = true));
  const t0 = Date.now();
  let r: SuiteResult | undefined;
  try {
    await page.goto(server.workbench(ws, [
      ['extensionDevelopmentPath', server.remote(devPath)],
      ['extensionTestsPath', server.remote(SUITE_INDEX)],
    ]));
    // Poll the result file (the page closes itself when run() settles).
    for (;;) {
      r = readResult(resultFile);
      if (r?.complete) break;
      if (closed && Date.now() - t0 > 1000) {
        await new Promise((res) => setTimeout(res, 500));
        r = readResult(resultFile);
        break;
      }
      if (Date.now() - t0 > 140_000) break;
      await new Promise((res) => setTimeout(res, 200));
    }
  } finally {
    timings['extension-host suite'] = Date.now() - t0;
    await context.close().catch(() => undefined);
  }
  if (r) console.log(summary(r));
  const problems = resultProblems(r);
  const why = [problems, errors.length ? `browser console errors:\n${errors.slice(-10).join('\n')}` : '', server.extensionHostLogs(3000)].filter(Boolean).join('\n');
  assert.equal(problems, '', why);
  assert.ok(r);
  assert.equal(r.extension?.isActive, true);
  assert.equal(r.extension?.path, devPath, 'the extension under test was loaded from the expected folder');
  assert.ok(satisfiesCaret(r.vscodeVersion, packageJson.engines.vscode), `VS Code ${r.vscodeVersion} satisfies engines.vscode ${packageJson.engines.vscode}`);
  assert.ok(r.tests.length >= 7, `ran ${r.tests.length} tests`);
});

// --- 3. in the browser, as a person uses it (the installed .vsix) --------------------------

let e2e: E2E | undefined;
const e2eOptions = (): E2EOptions => ({ server: server!, browser: browser!, screenshots: SCREENSHOTS, file: FIXTURE_FILE });

/** One e2e step, timed; the page stays open from the first step to the last. */
async function e2eStep(name: string, f: (e: E2E) => Promise<void>): Promise<void> {
  const t0 = Date.now();
  try {
    if (!e2e) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const ws = makeWorkspace('xlcfg-e2e-');
      workspaces.push(ws);
      e2e = await E2E.open({ ...e2eOptions(), workspace: ws });
      timings['e2e workbench ready'] = Date.now() - t0;
    }
    await e2e.step(name, () => f(e2e!));
  } finally {
    timings[`e2e ${name}`] = Date.now() - t0;
  }
}

test('e2e: opening a broken config shows the squiggle and the Problems entry with its code', { timeout: 120_000 }, () => e2eStep('diagnostics', (e) => e.diagnostics()));

test('e2e: the quick fix from the light bulb (Ctrl+.) changes the text and the problem goes away', { timeout: 60_000 }, () => e2eStep('quickfix', (e) => e.quickFix()));

test('e2e: typing a new channel entry with completion inside the channel string', { timeout: 60_000 }, () => e2eStep('completion', (e) => e.completion()));

test('e2e: "xl.cfg: Open Preview to the Side" shows the xenstore tree and the argv, updated as you type', { timeout: 60_000 }, async () => {
  try {
    await e2eStep('preview', (e) => e.preview());
  } finally {
    await e2e?.close();
  }
});
