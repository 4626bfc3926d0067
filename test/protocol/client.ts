/**
 * A real LSP client for the protocol tests: spawns the bundled server
 * (`node dist/server.js --stdio`), speaks JSON-RPC to it, answers its
 * workspace/configuration requests from per-document settings, and records
 * every publishDiagnostics so tests can await the one for a given version
 * (never fixed sleeps; a long timeout only guards against hangs).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ClientCapabilities,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER = [resolve(__dirname, '../../../dist/server.js'), resolve(process.cwd(), 'dist/server.js')].find((p) => existsSync(p)) ?? resolve(process.cwd(), 'dist/server.js');

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { rangeLimit: 5000 },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
  },
};

export interface StartOptions {
  capabilities?: ClientCapabilities;
  /** Settings (the `xlcfg` section) for every document, or per URI. */
  settings?: Record<string, unknown> | ((uri: string | undefined) => unknown);
  initializationOptions?: unknown;
  clientName?: string;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  /** How many workspace/configuration requests the server made. */
  configurationRequests = 0;
  registrations: string[] = [];
  /** window/showMessage and window/logMessage notifications, in order. */
  readonly messages: Array<{ type: number; message: string }> = [];
  readonly logs: Array<{ type: number; message: string }> = [];
  stderr = '';
  initializeResult!: InitializeResult;
  settings: Record<string, unknown> | ((uri: string | undefined) => unknown);
  private readonly docs = new Map<string, TextDocument>();
  private waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;

  constructor(readonly proc: ChildProcess, options: StartOptions) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((done) => proc.on('exit', (code) => done(code)));
    proc.stderr!.on('data', (b: Buffer) => (this.stderr += b.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.wake();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.section === 'xlcfg' ? this.settingsFor(item.scopeUri) : null));
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      for (const r of params.registrations) this.registrations.push(r.method);
    });
    this.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.logs.push(p);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push(p);
      this.wake();
    });
    this.connection.listen();
  }

  private settingsFor(uri: string | undefined): unknown {
    return typeof this.settings === 'function' ? this.settings(uri) : this.settings;
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** Resolves with the first window/showMessage (or, with `log`, window/logMessage) that satisfies the predicate. */
  waitForMessage(predicate: (m: { type: number; message: string }) => boolean, options: { log?: boolean; timeoutMs?: number } = {}): Promise<{ type: number; message: string }> {
    const list = options.log ? this.logs : this.messages;
    return new Promise((resolveP, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching ${options.log ? 'log' : 'message'} within ${options.timeoutMs ?? 20000} ms; got ${JSON.stringify(list.map((m) => m.message))}`)), options.timeoutMs ?? 20000);
      const check = () => {
        const hit = list.find(predicate);
        if (hit) {
          clearTimeout(timer);
          resolveP(hit);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** Resolves with the first publication for the URI that satisfies the predicate (already received or future). */
  waitForDiagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20000, from = 0): Promise<PublishDiagnosticsParams> {
    return new Promise((resolveP, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got versions ${JSON.stringify(this.published.filter((p) => p.uri === uri).map((p) => p.version))}\n${this.stderr}`)), timeoutMs);
      const check = () => {
        const hit = this.published.slice(from).find((p) => p.uri === uri && predicate(p));
        if (hit) {
          clearTimeout(timer);
          resolveP(hit);
        } else this.waiters.push(check);
      };
      check();
    });
  }

  /** The diagnostics published for exactly this version of the document. */
  diagnosticsFor(uri: string, version: number, from = 0): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(uri, (p) => p.version === version, 20000, from);
  }

  document(uri: string): TextDocument {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`not open: ${uri}`);
    return d;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, 'xlcfg', version, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xlcfg', version, text } });
  }

  /** Sends an incremental change and keeps the local copy in step. Returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.document(uri);
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: StartOptions['settings'], pushed: unknown = null): Promise<void> {
    this.settings = settings ?? {};
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: pushed });
  }

  async stop(): Promise<number | null> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.proc.kill(), 10000);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}

export async function startServer(options: StartOptions = {}): Promise<TestClient> {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, XLCFG_INSTALLED_XEN: process.env.XLCFG_INSTALLED_XEN ?? '' } });
  const client = new TestClient(proc, options);
  client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: options.capabilities ?? FULL_CAPABILITIES,
    clientInfo: { name: options.clientName ?? 'xlcfg-protocol-test' },
    initializationOptions: options.initializationOptions,
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  return client;
}
