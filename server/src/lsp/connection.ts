/**
 * The LSP connection: documents, configuration and the feature providers.
 */
import { createConnection, DiagnosticSeverity, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkText } from '../check';

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
    },
    serverInfo: { name: 'xlcfg' },
  }));

  const severity = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };
  documents.onDidChangeContent(({ document }) => {
    const checked = checkText(document.getText());
    connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: checked.diagnostics.map((d) => ({
        range: { start: document.positionAt(d.start), end: document.positionAt(d.end) },
        severity: severity[d.severity],
        code: d.code,
        source: 'xlcfg',
        message: d.message,
      })),
    });
  });

  documents.listen(connection);
  connection.listen();
}
