/**
 * `npm run bench`: every performance figure xlcfg claims, measured in one run
 * on seeded inputs, printed as a table beside its target and written to
 * bench/results.json. Not a test: nothing here fails on a missed target.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { checkText } from '../server/src/check';
import { bigConfig, configOfLines, editingDocument } from './inputs';

const root = process.cwd();
const SEED = 424242;

interface Row {
  figure: string;
  value: string;
  target: string;
  met?: boolean;
  note?: string;
}
const rows: Row[] = [];
const results: Record<string, unknown> = {};

function row(figure: string, value: string, target: string, met?: boolean, note?: string): void {
  rows.push({ figure, value, target, met, note });
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

// --- parse + check throughput, against libxlutil ------------------------------------------

function timeCheck(text: string, runs: number): { best: number; median: number; times: number[] } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    checkText(text);
    times.push(performance.now() - t0);
  }
  return { best: Math.min(...times), median: quantile(times, 0.5), times };
}

function libxluBench(file: string, runs: number): { best: number; median: number } | undefined {
  const exe = join(root, 'out/oracle/libxlu-oracle');
  if (!existsSync(exe)) {
    mkdirSync(join(root, 'out/oracle'), { recursive: true });
    const cc = spawnSync('gcc', ['-O2', '-o', exe, join(root, 'test/oracle/libxlu-oracle.c'), '-lxlutil']);
    if (cc.status !== 0) return undefined;
  }
  const r = spawnSync(exe, ['--bench', String(runs), file], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  const j = JSON.parse(r.stdout);
  return { best: j.best_ns / 1e6, median: j.median_ns / 1e6 };
}

/**
 * xlcfg and libxlutil take turns, round by round, so that both are timed
 * under the same conditions (a shared machine's speed drifts over seconds);
 * the ratio is the median of the rounds' ratios.
 */
function throughput(dir: string): void {
  for (const [label, bytes, rounds, runs] of [['1 MB', 1_000_000, 7, 5], ['10 MB', 10_000_000, 5, 1]] as const) {
    const text = bigConfig(SEED, bytes);
    const file = join(dir, `bench-${bytes}.cfg`);
    writeFileSync(file, text);
    checkText(text); // warm up
    const ours: number[] = [];
    const theirs: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const o = timeCheck(text, runs);
      const t = libxluBench(file, Math.max(3, runs));
      ours.push(...o.times);
      if (!t) continue;
      theirs.push(t.median);
      ratios.push(o.median / t.median);
    }
    const oursMedian = quantile(ours, 0.5);
    const theirsMedian = theirs.length ? quantile(theirs, 0.5) : NaN;
    const ratio = ratios.length ? quantile(ratios, 0.5) : NaN;
    results[`throughput_${bytes}`] = { bytes: text.length, xlcfg_ms: { best: Math.min(...ours), median: oursMedian }, libxlutil_ms: theirs.length ? { best: Math.min(...theirs), median: theirsMedian } : undefined, ratio, round_ratios: ratios };
    row(
      `parse + check ${label} (median)`,
      `${ms(oursMedian)} vs libxlutil ${theirs.length ? ms(theirsMedian) : 'n/a'} = ${ratio.toFixed(2)}x`,
      '<= 2x libxlutil',
      ratios.length ? ratio <= 2 : undefined,
      ratios.length ? `${rounds} interleaved rounds: ${Math.min(...ratios).toFixed(2)}x to ${Math.max(...ratios).toFixed(2)}x` : undefined,
    );
  }
}

function scaling(): void {
  const t: Record<number, number> = {};
  for (const lines of [1000, 10000, 100000]) {
    const text = configOfLines(SEED, lines);
    checkText(text); // warm up
    t[lines] = timeCheck(text, lines >= 100000 ? 5 : 15).median;
  }
  const r1 = t[10000] / t[1000];
  const r2 = t[100000] / t[10000];
  results.scaling = { ms: t, ratio_10k_1k: r1, ratio_100k_10k: r2 };
  row('scaling 1k / 10k / 100k lines', `${ms(t[1000])} / ${ms(t[10000])} / ${ms(t[100000])} (x${r1.toFixed(1)}, x${r2.toFixed(1)})`, 't(100k)/t(10k) <= 12', r2 <= 12);
}

// --- LSP over stdio ----------------------------------------------------------------------

interface Server {
  proc: ChildProcess;
  conn: ProtocolConnection;
  diagnostics: Map<number, number>;
  waiters: Map<number, () => void>;
}

async function startServer(): Promise<Server> {
  // XLCFG_SERVER_NODE_ARGS: extra node flags for the server (e.g. --cpu-prof when profiling a miss).
  const nodeArgs = (process.env.XLCFG_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, join(root, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const server: Server = { proc, conn, diagnostics: new Map(), waiters: new Map() };
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.version === undefined) return;
    server.diagnostics.set(p.version, performance.now());
    server.waiters.get(p.version)?.();
  });
  conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } } },
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return server;
}

function waitDiagnostics(s: Server, version: number, timeoutMs = 10000): Promise<number> {
  const have = s.diagnostics.get(version);
  if (have !== undefined) return Promise.resolve(have);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no diagnostics for version ${version}`)), timeoutMs);
    s.waiters.set(version, () => {
      clearTimeout(t);
      s.waiters.delete(version);
      resolve(s.diagnostics.get(version)!);
    });
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

async function lsp(): Promise<void> {
  const text = editingDocument(5000, 500);
  const lines = text.split('\n');
  const uri = 'file:///bench/edit.cfg';
  const s = await startServer();
  await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xlcfg', version: 1, text } });
  await waitDiagnostics(s, 1, 30000);
  // The server's RSS along the way (where memory grows, when the figure at the end is missed).
  const rssAlong: Record<string, number> = { opened: rssOf(s.proc.pid!) };
  let version = 1;
  const latencies: number[] = [];
  for (let i = 0; i < 200; i++) {
    version++;
    let change;
    if (i % 4 === 3) {
      // add a line, or delete the one added before
      change = i % 8 === 3 ? { range: { start: { line: 600, character: 0 }, end: { line: 600, character: 0 } }, text: 'vcpus = 4\n' } : { range: { start: { line: 600, character: 0 }, end: { line: 601, character: 0 } }, text: '' };
    } else {
      // type inside a channel string: after "name=org.example.agent.N"
      const line = 5 + ((i * 37) % 500);
      const col = lines[line].indexOf('"name=') + 6;
      change = { range: { start: { line, character: col }, end: { line, character: col } }, text: 'x' };
    }
    const t0 = performance.now();
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    const t1 = await waitDiagnostics(s, version);
    latencies.push(t1 - t0);
  }
  const p95 = quantile(latencies, 0.95);
  // The first edits after opening run before V8 has optimized the incremental path: shown apart, not left out.
  const warm = latencies.slice(20);
  const warmP95 = quantile(warm, 0.95);
  results.keystroke_to_diagnostics = { p50: quantile(latencies, 0.5), p95, edits: latencies.length, lines: 5000, channels: 500, first20_max: Math.max(...latencies.slice(0, 20)), all: latencies.map((x) => Math.round(x * 100) / 100), warm_p95: warmP95, warm_p50: quantile(warm, 0.5) };
  row(
    'keystroke -> diagnostics (5000 lines, 500 channels), p95',
    `${ms(p95)} (p50 ${ms(quantile(latencies, 0.5))})`,
    '<= 5 ms',
    p95 <= 5,
    `edits 21-200: p95 ${ms(warmP95)}; slowest of the first 20: ${ms(Math.max(...latencies.slice(0, 20)))}`,
  );

  rssAlong.edited = rssOf(s.proc.pid!);
  const timed = async (fn: (i: number) => Promise<unknown>, n = 200) => {
    const xs: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await fn(i);
      xs.push(performance.now() - t0);
    }
    return { p50: quantile(xs, 0.5), p95: quantile(xs, 0.95) };
  };
  const inString = (i: number) => {
    const line = 5 + ((i * 53) % 500);
    return { line, character: lines[line].indexOf('connection=') + 3 };
  };
  // The transport's own share: a request the server answers at once (unknown method -> MethodNotFound).
  const roundTrip = await timed(() => s.conn.sendRequest('xlcfg/benchNoSuchMethod', {}).catch(() => undefined));
  results.round_trip = roundTrip;
  const transport = `a bare JSON-RPC round trip: p95 ${ms(roundTrip.p95)}`;
  const completion = await timed((i) => s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: inString(i) }));
  results.completion = completion;
  row('completion inside a channel string, p95', ms(completion.p95), '<= 2 ms', completion.p95 <= 2, transport);
  const hover = await timed((i) => s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: inString(i) }));
  results.hover = hover;
  row('hover inside a channel string, p95', ms(hover.p95), '<= 2 ms', hover.p95 <= 2, transport);
  rssAlong.completion_hover = rssOf(s.proc.pid!);
  let previewOk = true;
  const preview = await timed(async () => {
    try {
      await s.conn.sendRequest('xlcfg/preview', { uri });
    } catch {
      previewOk = false;
    }
  }, 100);
  results.preview = { ...preview, answered: previewOk };
  row('preview request, p95', previewOk ? ms(preview.p95) : 'not answered', '<= 10 ms', previewOk ? preview.p95 <= 10 : false);
  const rss = rssOf(s.proc.pid!);
  results.server_rss_mb = rss;
  results.server_rss_along_mb = rssAlong;
  row('server RSS after the run', `${rss.toFixed(1)} MB`, '<= 60 MB', rss <= 60, `after opening ${rssAlong.opened.toFixed(0)}, the edits ${rssAlong.edited.toFixed(0)}, completion and hover ${rssAlong.completion_hover.toFixed(0)} MB`);
  await s.conn.sendRequest('shutdown');
  await s.conn.sendNotification('exit');
  await new Promise((r) => s.proc.once('exit', r));
}

async function coldStart(): Promise<void> {
  const times: number[] = [];
  let idleRss = NaN;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const s = await startServer();
    await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'file:///bench/small.cfg', languageId: 'xlcfg', version: 1, text: readFileSync(join(root, 'examples/mistakes.cfg'), 'utf8') } });
    await waitDiagnostics(s, 1);
    times.push(performance.now() - t0);
    if (i === 0) idleRss = rssOf(s.proc.pid!);
    s.proc.kill();
  }
  const median = quantile(times, 0.5);
  // The floor on this machine, same environment: an empty vscode-languageserver server answering initialize.
  const floor = await emptyServerStart();
  results.cold_start_ms = { median, all: times, empty_server_initialize_median: floor?.ms };
  results.idle_rss_mb = { xlcfg: idleRss, empty_server: floor?.rss };
  row('cold start to first diagnostics (median of 7)', ms(median), '<= 150 ms', median <= 150, floor === undefined ? undefined : `an empty vscode-languageserver server takes ${ms(floor.ms)} to answer initialize here`);
  row('server RSS with a small file open', `${idleRss.toFixed(1)} MB`, 'reference', undefined, floor === undefined ? undefined : `the empty server: ${floor.rss.toFixed(1)} MB`);
}

/** Median time for a bundled empty vscode-languageserver server to answer initialize (what any server pays). */
async function emptyServerStart(): Promise<{ ms: number; rss: number }> {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'xlcfg-empty-'));
  const entry = join(dir, 'empty-server.ts');
  writeFileSync(entry, EMPTY_SERVER);
  const out = join(dir, 'empty-server.js');
  await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, platform: 'node', format: 'cjs', outfile: out, nodePaths: [join(root, 'node_modules')], absWorkingDir: root, logLevel: 'warning' });
  const times: number[] = [];
  let rss = NaN;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const proc = spawn(process.execPath, [out, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.listen();
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
    times.push(performance.now() - t0);
    if (i === 0) rss = rssOf(proc.pid!);
    conn.dispose();
    proc.kill();
  }
  return { ms: quantile(times, 0.5), rss };
}

/** The smallest server vscode-languageserver makes: the reference for bundle size and start-up time. */
const EMPTY_SERVER =
  "import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';\nimport { TextDocument } from 'vscode-languageserver-textdocument';\nconst c = createConnection(ProposedFeatures.all);\nnew TextDocuments(TextDocument).listen(c);\nc.listen();\n";

// --- sizes -------------------------------------------------------------------------------

async function sizes(dir: string): Promise<void> {
  const esbuild = await import('esbuild');
  const emptyClient = join(dir, 'empty-client.ts');
  const emptyServer = join(dir, 'empty-server.ts');
  writeFileSync(emptyClient, "import { LanguageClient, TransportKind } from 'vscode-languageclient/node';\nexport function activate() { return new LanguageClient('x', 'x', { run: { module: 'x', transport: TransportKind.ipc }, debug: { module: 'x' } }, {}).start(); }\n");
  writeFileSync(emptyServer, EMPTY_SERVER);
  const build = async (entry: string) => {
    const r = await esbuild.build({ entryPoints: [entry], bundle: true, minify: true, platform: 'node', format: 'cjs', external: ['vscode'], write: false, nodePaths: [join(root, 'node_modules')], absWorkingDir: root });
    return r.outputFiles[0].contents.length;
  };
  const empty = (await build(emptyClient)) + (await build(emptyServer));
  const ours = ['dist/client.js', 'dist/server.js', 'dist/webview.js', 'dist/webview.css'].filter((f) => existsSync(join(root, f))).reduce((a, f) => a + statSync(join(root, f)).size, 0);
  const own = ours - empty;
  results.bundles = { empty_client_plus_server_kb: empty / 1024, xlcfg_bundles_kb: ours / 1024, xlcfg_own_code_kb: own / 1024 };
  row('bundles: empty client+server / xlcfg', `${(empty / 1024).toFixed(0)} KB / ${(ours / 1024).toFixed(0)} KB (own code +${(own / 1024).toFixed(0)} KB)`, 'own code <= 150 KB', own <= 150 * 1024);
  const vsix = join(dir, 'xlcfg.vsix');
  const pkg = spawnSync(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', vsix], { cwd: root, encoding: 'utf8' });
  if (pkg.status === 0) {
    const kb = statSync(vsix).size / 1024;
    results.vsix_kb = kb;
    row('.vsix size', `${kb.toFixed(0)} KB`, '< 400 KB', kb < 400);
  } else {
    row('.vsix size', 'vsce failed', '< 400 KB', false, pkg.stderr.slice(0, 200));
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xlcfg-bench-'));
  const only = process.argv.slice(2);
  const want = (k: string) => only.length === 0 || only.includes(k);
  if (want('throughput')) throughput(dir);
  if (want('scaling')) scaling();
  if (want('lsp')) await lsp();
  if (want('cold')) await coldStart();
  if (want('sizes')) await sizes(dir);
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
  results.machine = machine;
  results.rows = rows;
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  const w1 = Math.max(...rows.map((r) => r.figure.length));
  const w2 = Math.max(...rows.map((r) => r.value.length));
  console.log(`xlcfg benchmark on ${machine.cpu} (${machine.cores} cores), node ${machine.node}\n`);
  console.log(`${'figure'.padEnd(w1)}  ${'measured'.padEnd(w2)}  target`);
  for (const r of rows) console.log(`${r.figure.padEnd(w1)}  ${r.value.padEnd(w2)}  ${r.target}${r.met === undefined ? '' : r.met ? '  ok' : '  MISSED'}${r.note ? `  (${r.note})` : ''}`);
  console.log('\nwritten to bench/results.json');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
