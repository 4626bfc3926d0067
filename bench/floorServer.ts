/**
 * The floor of a keystroke's cost for a given payload: a language server that
 * does nothing but publish, for every version of every document, the same
 * diagnostics (a JSON file named by XLCFG_FLOOR_DIAGNOSTICS: what xlcfg
 * published for the document). Same library, same transport as xlcfg's
 * server; what xlcfg takes beyond it is its own work.
 */
import { readFileSync } from 'node:fs';
import { createConnection, Diagnostic, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const diagnostics = JSON.parse(readFileSync(process.env.XLCFG_FLOOR_DIAGNOSTICS!, 'utf8')) as Diagnostic[];
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
documents.onDidChangeContent(({ document }) => void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics }));
documents.listen(connection);
connection.listen();
