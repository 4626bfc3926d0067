/**
 * The server's state where a user looks while editing an xl.cfg file (the
 * language status item beside "xl.cfg" in the status bar), and the "Restart
 * Server" command. When the client has given up on a crashing server, the
 * item says so in red, with Restart: an empty Problems view then does not
 * mean a clean file.
 */
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import type { XlcfgClient } from './languageClient';

export const RESTART_SERVER = 'xlcfg.restartServer';

export interface ServerStatus {
  text: string;
  detail: string;
  severity: 'information' | 'error';
  busy: boolean;
}

export function registerServerStatus(xl: XlcfgClient, output: vscode.OutputChannel): { disposable: vscode.Disposable; status: () => ServerStatus } {
  const item = vscode.languages.createLanguageStatusItem('xlcfg.server', { language: 'xlcfg' });
  item.name = 'xl.cfg language server';
  const show = () => {
    const state = xl.client.state;
    item.busy = state === State.Starting;
    if (state === State.Running) {
      item.text = 'xl.cfg: checking';
      item.detail = 'the language server is running';
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = { title: 'Show Log', command: 'xlcfg.showLog' };
    } else if (state === State.Starting) {
      item.text = 'xl.cfg: starting';
      item.detail = 'the language server is starting';
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.command = undefined;
    } else {
      item.text = 'xl.cfg: not checking';
      item.detail = xl.gaveUp() ? 'the language server crashed repeatedly and was stopped: files are not checked' : 'the language server is stopped: files are not checked';
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.command = { title: 'Restart', command: RESTART_SERVER };
    }
  };
  show();
  const restart = async () => {
    output.appendLine('Restarting the xl.cfg language server (command).');
    xl.resetGaveUp();
    if (xl.client.state === State.Running) await xl.client.restart();
    else await xl.client.start();
  };
  const disposable = vscode.Disposable.from(
    item,
    xl.client.onDidChangeState(show),
    vscode.commands.registerCommand(RESTART_SERVER, restart),
    vscode.commands.registerCommand('xlcfg.showLog', () => output.show(true)),
  );
  return {
    disposable,
    status: () => ({ text: item.text, detail: item.detail ?? '', severity: item.severity === vscode.LanguageStatusSeverity.Error ? 'error' : 'information', busy: item.busy }),
  };
}
