/**
 * Recognising xl.cfg files by content. VS Code opens `.cfg` and `.conf` files
 * as Properties and extension-less ones as plain text (a first-line marker
 * only helps files without an extension), so configs kept outside /etc/xen
 * (~/xen/*.cfg, a git repository) would never be xl.cfg. When such a file
 * opens in one of those generic languages, the server is asked whether it is
 * a domain config (the client parses nothing) and, if so, the file switches
 * to xl.cfg. Each file is asked about once per session: a user who switches
 * it back keeps their choice. Setting: xlcfg.detect.byContent.
 */
import * as vscode from 'vscode';
import type { DetectParams, DetectResult } from '../../server/src/lsp/protocol';

/** The languages VS Code gives files it knows nothing better for. */
const GENERIC = new Set(['properties', 'ini', 'plaintext']);
/** How much of a file is sent (cut at a line break). */
const MAX_CHARS = 65536;

function candidate(doc: vscode.TextDocument): boolean {
  if (!GENERIC.has(doc.languageId) || (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'vscode-remote')) return false;
  const base = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : '';
  return ext === '' || ext === '.cfg' || ext === '.conf';
}

function head(doc: vscode.TextDocument): string {
  const text = doc.getText();
  if (text.length <= MAX_CHARS) return text;
  const cut = text.lastIndexOf('\n', MAX_CHARS);
  return text.slice(0, cut > 0 ? cut + 1 : MAX_CHARS);
}

export function registerContentDetection(ask: (params: DetectParams) => Promise<DetectResult>, output: vscode.OutputChannel): vscode.Disposable {
  const asked = new Set<string>();
  const consider = async (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    if (asked.has(key) || !candidate(doc)) return;
    if (!vscode.workspace.getConfiguration('xlcfg', doc.uri).get<boolean>('detect.byContent', true)) return;
    asked.add(key);
    try {
      const r = await ask({ text: head(doc), uri: key });
      if (!r.domainConfig || doc.isClosed || !GENERIC.has(doc.languageId)) return;
      await vscode.languages.setTextDocumentLanguage(doc, 'xlcfg');
      output.appendLine(`${key}: opened as ${doc.languageId}, switched to xl.cfg: ${r.reason} (xlcfg.detect.byContent)`);
    } catch (e) {
      output.appendLine(`${key}: could not tell whether it is an xl.cfg file: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  for (const doc of vscode.workspace.textDocuments) void consider(doc);
  return vscode.workspace.onDidOpenTextDocument((doc) => void consider(doc));
}
