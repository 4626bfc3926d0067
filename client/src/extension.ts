/**
 * The VS Code extension: starts the xlcfg language server, and adds what an
 * editor must do itself: the server's status and restart (serverStatus.ts),
 * recognising configs by content (detect.ts), the end-of-line and BOM fixes
 * (fileCommands.ts) and the preview panel.
 */
import * as vscode from 'vscode';
import { DETECT_REQUEST, DetectResult, FILE_CHANGED_NOTIFICATION, PREVIEW_REQUEST } from '../../server/src/lsp/protocol';
import { registerContentDetection } from './detect';
import { registerFileCommands } from './fileCommands';
import { createLanguageClient, XlcfgClient } from './languageClient';
import { registerPreviewPanel } from './preview';
import { registerServerStatus, ServerStatus } from './serverStatus';

let xl: XlcfgClient | undefined;

/** What the extension returns to other extensions (and the editor tests). */
export interface XlcfgApi {
  serverStatus(): ServerStatus;
}

export async function activate(context: vscode.ExtensionContext): Promise<XlcfgApi> {
  const output = vscode.window.createOutputChannel('xl.cfg');
  context.subscriptions.push(output);
  xl = createLanguageClient(context, output);
  const { client } = xl;
  const status = registerServerStatus(xl, output);
  context.subscriptions.push(status.disposable);
  const notRunning = () => Promise.reject(new Error('The xl.cfg language server is not running.'));
  context.subscriptions.push(registerPreviewPanel(context, (params) => (xl ? client.sendRequest(PREVIEW_REQUEST, params) : notRunning())));
  context.subscriptions.push(registerFileCommands((uri) => void client.sendNotification(FILE_CHANGED_NOTIFICATION, { uri }).catch(() => undefined)));
  const started = client.start();
  context.subscriptions.push(
    registerContentDetection(async (params) => {
      await started;
      return client.sendRequest<DetectResult>(DETECT_REQUEST, params);
    }, output),
  );
  await started;
  return { serverStatus: status.status };
}

export async function deactivate(): Promise<void> {
  await xl?.client.stop();
}
