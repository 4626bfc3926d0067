/**
 * The LSP connection: wiring only. Documents are synced incrementally and
 * checked once per version (documentCache.ts); every feature lives in its
 * own module and gets the cached result. The transport is chosen from the
 * command line by vscode-languageserver (--node-ipc for VS Code, --stdio for
 * every other editor, --socket=PORT, --pipe=NAME).
 */
import {
  CancellationToken,
  ClientCapabilities,
  createConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  InitializeResult,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadManPage } from '../host/manpageLocator';
import { codeActions } from './codeActions';
import { provideCompletion, TRIGGER_CHARACTERS } from './completion';
import { DefaultTarget, NEWEST_TARGET, SettingsStore, XlcfgSettings } from './configuration';
import { describeTarget } from '../check';
import { fileStartsWithBom } from '../host/fileHead';
import { findInstalledXen } from '../host/installedXen';
import { IdleCollector, keepYoungGenerationSmall } from '../host/memory';
import { parseXenVersion } from '../model/xenVersion';
import { DiagnosticReports } from './diagnosticReports';
import { DiagnosticFields, diagnosticFieldsFor, DiagnosticsPublisher, toLspDiagnostics } from './diagnostics';
import { CachedDocument, DocumentCache } from './documentCache';
import { documentLinks } from './documentLinks';
import { EditLog } from './editLog';
import { errorText } from './errorText';
import { foldingRanges } from './folding';
import { formatDocument } from './formatting';
import { stdioStreams } from './frames';
import { provideHover } from './hover';
import { registerPreview } from './preview';
import { registerDetect } from './detect';
import { CLIENT_COMMANDS, FILE_CHANGED_NOTIFICATION, SETTINGS_SECTION, XlcfgInitializationOptions } from './protocol';
import { documentSymbols } from './symbols';

declare const XLCFG_VERSION: string;
const VERSION = typeof XLCFG_VERSION === 'string' ? XLCFG_VERSION : '0.0.0';

export function startServer(): void {
  // --stdio: the input goes through the frame filter (frames.ts), which finds the next message after a broken one.
  const connection = process.argv.includes('--stdio') ? createConnection(ProposedFeatures.all, ...stdioStreams()) : createConnection(ProposedFeatures.all);
  // Memory between bursts of work (host/memory.ts): a small young generation, one full collection when idle.
  keepYoungGenerationSmall();
  const idle = new IdleCollector();
  // Each edit's region as the client described it (editLog.ts), so that a check need not compare two whole texts.
  const edits = new EditLog();
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (doc, changes, version) => {
      edits.record(doc, changes, version);
      return TextDocument.update(doc, changes, version);
    },
  });
  const installed = findInstalledXen();
  const fallback: DefaultTarget = installed ? { xen: parseXenVersion(installed.version)!, source: { kind: 'installed', detail: installed.from } } : NEWEST_TARGET;
  const cache = new DocumentCache(fallback, edits);
  let caps: ClientCapabilities = {};
  let diagnosticFields: DiagnosticFields = diagnosticFieldsFor(undefined);
  /** The client pulls diagnostics (textDocument/diagnostic) instead of being sent them. */
  let pullDiagnostics = false;
  const reports = new DiagnosticReports();
  /** What the client runs beyond LSP (initializationOptions.clientCommands). */
  let clientCommands: ReadonlySet<string> = new Set();
  let settings: SettingsStore = new SettingsStore(undefined);
  /** Per document, the version whose "not formatted" reason was shown. */
  const toldNotFormatted = new Map<string, number>();

  const log = (message: string) => connection.console.log(message);
  const error = (message: string) => connection.console.error(message);

  /** The checked document for the document's current version (waits for its settings the first time). */
  async function checked(doc: TextDocument): Promise<CachedDocument | undefined> {
    const version = doc.version;
    const s: XlcfgSettings = settings.peek(doc.uri) ?? (await settings.get(doc.uri));
    const now = documents.get(doc.uri);
    if (!now || now.version !== version) return undefined; // changed while waiting: the caller's work is stale
    const before = cache.stats.checks;
    const started = performance.now();
    const result = cache.get(now, s);
    idle.touch();
    // With xlcfg.trace.server on, every check and its time (the tracer is silent otherwise).
    if (cache.stats.checks !== before) connection.tracer.log(`checked ${now.uri} v${version} in ${(performance.now() - started).toFixed(1)} ms: ${summarize(result)}`);
    return result;
  }

  /** "2 errors, 1 warning" (or "no problems"), and the target. */
  function summarize(c: CachedDocument): string {
    // (One pass, no arrays: this runs after every check, to build the trace line.)
    let e = 0;
    let w = 0;
    for (const d of c.checked.diagnostics) {
      if (d.severity === 'error') e++;
      else if (d.severity === 'warning') w++;
    }
    const problems = e || w ? [e && `${e} error${e === 1 ? '' : 's'}`, w && `${w} warning${w === 1 ? '' : 's'}`].filter(Boolean).join(', ') : 'no errors or warnings';
    return `${problems}; checked for ${describeTarget(c.checked.options.xen, c.checked.options.xenSource)}`;
  }

  /** The file's own facts (a BOM the editor hides) from disk; a change re-checks it. */
  function readFileFacts(uri: string): void {
    if (cache.setFileFacts(uri, { hiddenBom: fileStartsWithBom(uri) })) {
      const doc = documents.get(uri);
      if (!doc) return;
      // The same version, new findings: publish it again (or have the client pull again).
      if (pullDiagnostics) refreshDiagnostics();
      else {
        publisher.forget(uri);
        publisher.schedule(uri, doc.version);
      }
    }
  }

  /** Asks a pulling client to pull every document's diagnostics again (the findings changed without an edit). */
  function refreshDiagnostics(): void {
    if (caps.workspace?.diagnostics?.refreshSupport) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
  }

  /** One log line per file when it opens and when it is saved: its problems and the release it is checked for. */
  async function logFile(doc: TextDocument, what: string): Promise<void> {
    try {
      const c = await checked(doc);
      if (c) log(`${what} ${doc.uri}: ${summarize(c)}`);
    } catch (e) {
      error(`checking ${doc.uri} failed: ${errorText(e)}`);
    }
  }

  /**
   * Runs a request handler on the current version of a document. Returns the
   * fallback when the document is unknown, when the request was cancelled or
   * the document changed meanwhile, and when the handler throws (logged):
   * a feature failing must never take the server down.
   */
  async function withDocument<T>(name: string, uri: string, token: CancellationToken, fallback: T, run: (doc: TextDocument, cached: CachedDocument) => T): Promise<T> {
    try {
      const doc = documents.get(uri);
      if (!doc || token.isCancellationRequested) return fallback;
      const version = doc.version;
      const cached = await checked(doc);
      if (!cached || token.isCancellationRequested || documents.get(uri)?.version !== version) return fallback;
      return run(doc, cached);
    } catch (e) {
      error(`${name} failed for ${uri}: ${errorText(e)}`);
      return fallback;
    }
  }

  const publisher = new DiagnosticsPublisher({
    document: (uri) => documents.get(uri),
    check: checked,
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    fields: () => diagnosticFields,
    error,
  });

  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities ?? {};
    diagnosticFields = diagnosticFieldsFor(caps.textDocument?.publishDiagnostics);
    pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
    const init = params.initializationOptions as XlcfgInitializationOptions | undefined;
    clientCommands = new Set(Array.isArray(init?.clientCommands) ? init.clientCommands.filter((c): c is string => typeof c === 'string') : []);
    const pull = caps.workspace?.configuration === true;
    settings = new SettingsStore(
      pull ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }) : undefined,
      (w) => connection.console.warn(w),
    );
    // Settings passed at start-up (clients without workspace/configuration).
    if (!pull && init && typeof init === 'object') settings.changed(init.settings ?? init);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
        documentSymbolProvider: { label: 'xl.cfg' },
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        // Offered to clients that pull (VS Code): most keystrokes then get an "unchanged" answer (diagnosticReports.ts).
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'xlcfg', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'xlcfg', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    }
    log(`xlcfg language server ${VERSION} ready; files are checked for ${describeTarget(fallback.xen, fallback.source)} unless a setting or the file says otherwise`);
  });

  connection.onDidChangeConfiguration((params) => {
    try {
      settings.changed(params?.settings);
      cache.invalidateChecks();
      if (pullDiagnostics) refreshDiagnostics();
      else publisher.scheduleAll(documents.keys());
    } catch (e) {
      error(`configuration change failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  });

  documents.onDidChangeContent(({ document }) => {
    if (!pullDiagnostics) publisher.schedule(document.uri, document.version);
  });
  documents.onDidOpen(({ document }) => {
    readFileFacts(document.uri);
    void logFile(document, 'opened');
  });
  documents.onDidSave(({ document }) => {
    readFileFacts(document.uri);
    void logFile(document, 'saved');
  });
  // The client rewrote the file behind the editor's back (saved without its BOM).
  connection.onNotification(FILE_CHANGED_NOTIFICATION, (p: { uri?: unknown }) => {
    if (typeof p?.uri === 'string') readFileFacts(p.uri);
  });
  documents.onDidClose(({ document }) => {
    toldNotFormatted.delete(document.uri);
    publisher.forget(document.uri);
    reports.forget(document.uri);
    cache.delete(document.uri);
    settings.forget(document.uri);
    // (A pulling client drops a closed document's diagnostics itself.)
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  /** The installed man page; which one (or that none was found) is logged when it changes. */
  let manPageLogged: string | undefined;
  function manPage(configuredPath: string): ReturnType<typeof loadManPage> {
    const found = loadManPage({ configuredPath: configuredPath || undefined });
    const said = found ? `hovers quote the installed xl.cfg(5): ${found.path}${found.page.version ? ` (Xen ${found.page.version})` : ''}` : `no xl.cfg(5) man page found${configuredPath ? ` at ${configuredPath}` : ' (MANPATH and the usual places)'}: hovers give xlcfg's own words only`;
    if (said !== manPageLogged) log((manPageLogged = said));
    return found;
  }

  const snippets = () => caps.textDocument?.completion?.completionItem?.snippetSupport === true;

  /**
   * textDocument/diagnostic: the current version's diagnostics, or
   * "unchanged". A request the document outran (the client sent an edit
   * meanwhile, or cancelled) is answered "cancelled, ask again", never with an
   * empty list the client would show.
   */
  connection.languages.diagnostics.on(async (params, token) => {
    const uri = params.textDocument.uri;
    const doc = documents.get(uri);
    if (!doc) return { kind: 'full', items: [] };
    const version = doc.version;
    let cached: CachedDocument | undefined;
    try {
      cached = await checked(doc);
    } catch (e) {
      error(`checking ${uri} failed: ${errorText(e)}`);
      // The client keeps what it has.
      throw new ResponseError(LSPErrorCodes.ServerCancelled, 'checking the document failed (see the log)', { retriggerRequest: false });
    }
    const now = documents.get(uri);
    if (token.isCancellationRequested || !cached || !now || now.version !== version) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed; ask again', { retriggerRequest: true });
    return reports.report(uri, toLspDiagnostics(cached, now, diagnosticFields), params.previousResultId);
  });

  connection.onCompletion((params, token) =>
    withDocument('completion', params.textDocument.uri, token, null, (doc, cached) =>
      provideCompletion(doc, cached, params.position, { snippets: snippets(), retrigger: clientCommands.has(CLIENT_COMMANDS.triggerSuggest) }),
    ),
  );

  connection.onHover((params, token) =>
    withDocument('hover', params.textDocument.uri, token, null, (doc, cached) =>
      provideHover(doc, cached, params.position, () => (cached.settings.manPage.enabled ? manPage(cached.settings.manPage.path) : undefined)),
    ),
  );

  connection.onCodeAction((params, token) =>
    withDocument('code actions', params.textDocument.uri, token, [], (doc, cached) => codeActions(params, doc, cached, { documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true, clientCommands })),
  );

  connection.onDocumentSymbol((params, token) => withDocument('document symbols', params.textDocument.uri, token, [], (doc, cached) => documentSymbols(cached, doc)));

  connection.onFoldingRanges((params, token) =>
    withDocument('folding ranges', params.textDocument.uri, token, [], (_doc, cached) => foldingRanges(cached, caps.textDocument?.foldingRange?.rangeLimit)),
  );

  connection.onDocumentLinks((params, token) => withDocument('document links', params.textDocument.uri, token, [], (doc, cached) => documentLinks(cached, doc)));

  // Format Document; a file it leaves alone is said so once per version (format on save would repeat it).
  connection.onDocumentFormatting((params, token) =>
    withDocument('formatting', params.textDocument.uri, token, [], (doc, cached) => {
      const r = formatDocument(cached, doc, params.options);
      if (r.skipped && toldNotFormatted.get(doc.uri) !== doc.version) {
        toldNotFormatted.set(doc.uri, doc.version);
        log(`not formatted: ${doc.uri}: ${r.skipped}`);
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `xl.cfg: not formatted: ${r.skipped}.` });
      }
      return r.edits;
    }),
  );

  registerDetect(connection, log);

  // xlcfg/preview: implemented in preview.ts, on the same cached check as every other feature.
  registerPreview(connection, async (uri) => {
    const doc = documents.get(uri);
    return doc ? checked(doc) : undefined;
  });

  // A bug in one handler must not kill the process (the editor would lose every feature).
  process.on('uncaughtException', (e) => error(`uncaught: ${errorText(e)}`));
  process.on('unhandledRejection', (e) => error(`unhandled rejection: ${errorText(e)}`));

  documents.listen(connection);
  connection.listen();
}
