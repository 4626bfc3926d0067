/**
 * The preview panel's commands and serializer, in one call for extension.ts.
 */
import * as vscode from 'vscode';
import { PreviewManager, PreviewRequester } from './panel';
import { PREVIEW_VIEW_TYPE } from './protocol';

export { previewHtml } from './html';
export type { PreviewRequester } from './panel';

export const SHOW_PREVIEW_TO_SIDE = 'xlcfg.showPreviewToSide';
export const TOGGLE_PREVIEW_LOCK = 'xlcfg.togglePreviewLock';

/** Registers "Open Preview to the Side", "Toggle Preview Lock" and the panel serializer. */
export function registerPreviewPanel(context: vscode.ExtensionContext, request: PreviewRequester): vscode.Disposable {
  const manager = new PreviewManager(context, request);
  return vscode.Disposable.from(
    manager,
    vscode.commands.registerCommand(SHOW_PREVIEW_TO_SIDE, (uri?: vscode.Uri) => manager.showToSide(uri)),
    vscode.commands.registerCommand(TOGGLE_PREVIEW_LOCK, () => manager.toggleLock()),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
    }),
  );
}
