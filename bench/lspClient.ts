/**
 * One client for every language server the bench runs (xlcfg and its
 * peers): starts the server over stdio, opens a document, types, and times
 * each keystroke to the diagnostics that follow it; reads the server's RSS.
 * It declares what VS Code declares, pulled diagnostics included: a server
 * that offers them (xlcfg, the JSON server) is asked after each change, as
 * vscode-languageclient asks; one that does not is waited on for its push.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeTextDocumentNotification,
  DocumentDiagnosticReport,
  DocumentDiagnosticRequest,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface ServerCommand {
  name: string;
  /** node arguments: the server script and its flags. */
  args: string[];
  languageId: string;
  /** How long the server waits after a change before it validates (its own debounce, in its source). */
  debounceMs: number;
}

export interface Server {
  proc: ChildProcess;
  conn: ProtocolConnection;
  /** Per URI: when each publication arrived, and its version (when the server sends one). */
  published: Array<{ uri: string; version?: number; at: number }>;
  /** The diagnostics of the last publication (or of the last whole answer to a pull). */
  lastDiagnostics: unknown[];
  wake: Array<() => void>;
  /** The server offers pulled diagnostics (textDocument/diagnostic). */
  pulls: boolean;
  /** Per URI, the result id of the last answer to a pull. */
  resultIds: Map<string, string>;
}

export async function startServer(command: ServerCommand, nodeArgs: string[] = [], env?: NodeJS.ProcessEnv): Promise<Server> {
  const proc = spawn(process.execPath, [...nodeArgs, ...command.args], { stdio: ['pipe', 'pipe', 'ignore'], env: env ?? process.env });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const server: Server = { proc, conn, published: [], wake: [], lastDiagnostics: [], pulls: false, resultIds: new Map() };
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    server.published.push({ uri: p.uri, version: p.version, at: performance.now() });
    server.lastDiagnostics = p.diagnostics;
    const w = server.wake;
    server.wake = [];
    for (const f of w) f();
  });
  conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest(DiagnosticRefreshRequest.type, () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    // What VS Code declares for diagnostics (vscode-languageclient 9: pushed and pulled), so that every server sends what an editor gets.
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: {
        publishDiagnostics: { versionSupport: true, relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
        diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
        completion: { completionItem: { snippetSupport: true } },
      },
    },
  });
  server.pulls = init.capabilities.diagnosticProvider !== undefined;
  await conn.sendNotification(InitializedNotification.type, {});
  return server;
}

/** The time of the first publication for `uri` after index `from` (and of `version`, when given). */
export function diagnosticsAfter(s: Server, uri: string, from: number, version?: number, timeoutMs = 60000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`}`)), timeoutMs);
    const check = () => {
      for (let i = from; i < s.published.length; i++) {
        const p = s.published[i];
        if (p.uri === uri && (version === undefined || p.version === version)) {
          clearTimeout(timer);
          return resolve(p.at);
        }
      }
      s.wake.push(check);
    };
    check();
  });
}

/**
 * The diagnostics of the document's current version: a pull (asked again when
 * the server says the document changed meanwhile, as VS Code does), or the
 * first publication for `uri` after index `from` (of `version`, when given).
 * Resolves with the time they arrived and, for a pull, the answer's kind.
 */
export async function diagnosticsOf(s: Server, uri: string, from: number, version?: number): Promise<{ at: number; kind?: 'full' | 'unchanged' }> {
  if (!s.pulls) return { at: await diagnosticsAfter(s, uri, from, version) };
  for (;;) {
    let report: DocumentDiagnosticReport;
    try {
      report = await s.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: s.resultIds.get(uri) });
    } catch (e) {
      if (e instanceof ResponseError && e.code === LSPErrorCodes.ServerCancelled && (e.data as { retriggerRequest?: boolean } | undefined)?.retriggerRequest !== false) continue;
      throw e;
    }
    const at = performance.now();
    if (report.resultId !== undefined) s.resultIds.set(uri, report.resultId);
    if (report.kind === 'full') s.lastDiagnostics = report.items;
    return { at, kind: report.kind };
  }
}

export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export interface TypingResult {
  openMs: number;
  latencies: number[];
  /** Per version (1 is the opening), the kind of each pulled answer (empty for a server that pushes). */
  kinds: Array<'full' | 'unchanged' | undefined>;
  rssOpened: number;
  rssTyped: number;
}

/**
 * Opens `text` and makes `edits` changes one after the other, each timed
 * from the didChange to the diagnostics that follow it (the version's own
 * when `versioned`, else the next publication for the document).
 */
export async function typing(s: Server, uri: string, languageId: string, text: string, edits: Array<TextDocumentContentChangeEvent>, versioned: boolean): Promise<TypingResult> {
  let from = s.published.length;
  const t0 = performance.now();
  await s.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  const opened = await diagnosticsOf(s, uri, from, versioned ? 1 : undefined);
  const kinds: TypingResult['kinds'] = [undefined, opened.kind];
  const rssOpened = rssMb(s.proc.pid!);
  const latencies: number[] = [];
  let version = 1;
  for (const change of edits) {
    version++;
    from = s.published.length;
    const t = performance.now();
    await s.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    const got = await diagnosticsOf(s, uri, from, versioned ? version : undefined);
    latencies.push(got.at - t);
    kinds.push(got.kind);
  }
  return { openMs: opened.at - t0, latencies, kinds, rssOpened, rssTyped: rssMb(s.proc.pid!) };
}

export async function stopServer(s: Server): Promise<void> {
  const exited = new Promise((r) => s.proc.once('exit', r));
  try {
    await Promise.race([s.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
    await s.conn.sendNotification('exit');
  } catch {
    // gone already
  }
  const timer = setTimeout(() => s.proc.kill(), 5000);
  await exited;
  clearTimeout(timer);
  s.conn.dispose();
}
