/**
 * The floor of a keystroke's cost for a given payload: a language server that
 * does nothing but send, for every version of every document, the same
 * diagnostics (a JSON file named by XLCFG_FLOOR_DIAGNOSTICS: what xlcfg gave
 * for the document). To a client that pulls, it answers "unchanged" for the
 * versions xlcfg answered so (XLCFG_FLOOR_UNCHANGED, a JSON list of
 * versions) and the whole list otherwise; to one that does not, it publishes.
 * Same library, same transport as xlcfg's server; what xlcfg takes beyond it
 * is its own work.
 */
import { readFileSync } from 'node:fs';
import { createConnection, Diagnostic, DocumentDiagnosticReportKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const diagnostics = JSON.parse(readFileSync(process.env.XLCFG_FLOOR_DIAGNOSTICS!, 'utf8')) as Diagnostic[];
const unchanged = new Set<number>(process.env.XLCFG_FLOOR_UNCHANGED ? (JSON.parse(readFileSync(process.env.XLCFG_FLOOR_UNCHANGED, 'utf8')) as number[]) : []);
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let pulls = false;
connection.onInitialize((params) => {
  pulls = params.capabilities.textDocument?.diagnostic !== undefined;
  return { capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, ...(pulls ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}) } };
});
documents.onDidChangeContent(({ document }) => {
  if (!pulls) void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
});
connection.languages.diagnostics.on((params) => {
  const version = documents.get(params.textDocument.uri)?.version ?? 0;
  const resultId = String(version);
  if (params.previousResultId !== undefined && unchanged.has(version)) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnostics };
});
documents.listen(connection);
connection.listen();
