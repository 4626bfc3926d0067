/**
 * The language client: the bundled server over node IPC, named "xl.cfg" (the
 * client library says "The xl.cfg server crashed ..."), one output channel for
 * its log and traces, and what this client runs beyond LSP
 * (initializationOptions.clientCommands). Its error handler is the library's
 * default one, watched: when it gives up (no more restarts after repeated
 * crashes, or a shutdown after repeated connection errors), `gaveUp` says so.
 */
import * as path from 'node:path';
import type { ExtensionContext, OutputChannel } from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, XlcfgInitializationOptions } from '../../server/src/lsp/protocol';

export interface XlcfgClient {
  client: LanguageClient;
  /** True once the client stopped restarting a crashing server (until the next start). */
  gaveUp(): boolean;
  resetGaveUp(): void;
}

export function createLanguageClient(context: ExtensionContext, output: OutputChannel): XlcfgClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  let gaveUp = false;
  let defaultHandler: ErrorHandler | undefined;
  // The library's default handler needs the client: made on first use (after the client exists).
  const defaults = (): ErrorHandler => (defaultHandler ??= client.createDefaultErrorHandler(4));
  const errorHandler: ErrorHandler = {
    error: async (error, message, count) => {
      const r = await defaults().error(error, message, count);
      if (r.action === ErrorAction.Shutdown) gaveUp = true;
      return r;
    },
    closed: async (): Promise<CloseHandlerResult> => {
      const r = await defaults().closed();
      if (r.action === CloseAction.DoNotRestart) gaveUp = true;
      return r;
    },
  };
  const initializationOptions: XlcfgInitializationOptions = { clientCommands: Object.values(CLIENT_COMMANDS) };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'xlcfg' }],
    outputChannel: output,
    initializationOptions,
    errorHandler,
  };
  const client = new LanguageClient('xlcfg', 'xl.cfg', serverOptions, clientOptions);
  return { client, gaveUp: () => gaveUp, resetGaveUp: () => (gaveUp = false) };
}
