/**
 * The VS Code extension: starts the xlcfg language server.
 */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST } from '../../server/src/lsp/protocol';
import { registerPreviewPanel } from './preview';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'xlcfg' }],
  };
  client = new LanguageClient('xlcfg', 'xl.cfg language server', serverOptions, clientOptions);
  context.subscriptions.push(registerPreviewPanel(context, (params) => (client ? client.sendRequest(PREVIEW_REQUEST, params) : Promise.reject(new Error('The xl.cfg language server is not running.')))));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
