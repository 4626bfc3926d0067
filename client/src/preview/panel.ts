/**
 * The preview panels: a webview beside the editor that shows what the
 * document's channels become (xenstore tree, qemu argv, libvirt XML, guest
 * udev rule), asked from the language server with `xlcfg/preview`.
 *
 * An unlocked panel follows the active xl.cfg editor; a locked one stays on
 * its document. Edits re-render throttled (updater.ts), answers older than
 * what is shown are dropped. Updates go to the webview by postMessage.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { makeNonce, previewHtml } from './html';
import { CopyWhat, FromWebview, isFromWebview, PanelOptions, PanelState, PREVIEW_VIEW_TYPE, PreviewParams, PreviewResponse, requestOptions, ToWebview } from './protocol';
import { ResultGuard, Throttle } from './updater';

export type PreviewRequester = (params: PreviewParams) => Promise<PreviewResponse | null | undefined>;

export const LANGUAGE_ID = 'xlcfg';
/** How often typing re-renders at most. */
export const UPDATE_DELAY_MS = 300;
/** A `null` answer means the server has not seen the change yet: ask again this many times. */
const MAX_RETRIES = 5;

const COPY_LABELS: Record<CopyWhat, string> = {
  libxl: 'libxl domain configuration',
  argv: 'qemu argv',
  shell: 'qemu command line',
  libvirt: 'libvirt XML',
  'udev-rule': 'udev rule',
  'udev-helper': 'udev helper script',
};

function sameUri(a: vscode.Uri | undefined, b: vscode.Uri | undefined): boolean {
  return !!a && !!b && a.toString() === b.toString();
}

function baseName(uri: vscode.Uri): string {
  return path.posix.basename(uri.path) || uri.toString();
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

class PreviewPanel implements vscode.Disposable {
  uri: vscode.Uri | undefined;
  options: PanelOptions;
  locked: boolean;
  private lastUpdate: ToWebview | undefined;
  private lastCursor: ToWebview | undefined;
  private readonly throttle: Throttle;
  private readonly guard = new ResultGuard();
  private retries = 0;
  private dirtyWhileHidden = false;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly manager: PreviewManager,
    readonly panel: vscode.WebviewPanel,
    state: PanelState,
  ) {
    this.uri = state.uri ? vscode.Uri.parse(state.uri) : undefined;
    this.options = { domid: state.options?.domid ?? '', xen: state.options?.xen ?? '' };
    this.locked = !!state.locked;
    this.throttle = new Throttle(() => void this.refresh(), UPDATE_DELAY_MS);
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [manager.assets] };
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(manager.assets, name)).toString();
    webview.html = previewHtml({ cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: asset('webview.js'), styleUri: asset('webview.css') });
    panel.iconPath = vscode.Uri.joinPath(manager.extensionUri, 'images', 'icon.png');
    this.subscriptions.push(
      webview.onDidReceiveMessage((m: unknown) => {
        if (isFromWebview(m)) void this.onMessage(m);
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        this.manager.setActive(this, webviewPanel.active);
        if (webviewPanel.visible && this.dirtyWhileHidden) {
          this.dirtyWhileHidden = false;
          this.throttle.now();
        }
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.updateTitle();
  }

  get state(): PanelState {
    return { uri: this.uri?.toString(), fileName: this.uri ? baseName(this.uri) : undefined, options: { ...this.options }, locked: this.locked };
  }

  /** Shows another document (or the same one again: then only refreshes). */
  setDocument(uri: vscode.Uri): void {
    if (!sameUri(uri, this.uri)) {
      this.uri = uri;
      this.guard.reset(true);
      this.retries = 0;
      this.lastUpdate = undefined;
      this.lastCursor = undefined;
      this.updateTitle();
      this.post({ type: 'state', state: this.state });
      const editor = vscode.window.visibleTextEditors.find((e) => sameUri(e.document.uri, uri));
      if (editor) this.cursorMoved(editor);
    }
    this.throttle.now();
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.updateTitle();
    this.post({ type: 'state', state: this.state });
    if (!locked) {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document.languageId === LANGUAGE_ID) this.setDocument(editor.document.uri);
    }
  }

  documentChanged(): void {
    if (!this.panel.visible) {
      this.dirtyWhileHidden = true;
      return;
    }
    this.throttle.trigger();
  }

  cursorMoved(editor: vscode.TextEditor): void {
    const pos = editor.selection.active;
    this.lastCursor = { type: 'cursor', uri: editor.document.uri.toString(), line: pos.line, character: pos.character };
    this.post(this.lastCursor);
  }

  private updateTitle(): void {
    const name = this.uri ? baseName(this.uri) : 'xl.cfg';
    this.panel.title = this.locked ? `[Preview] ${name}` : `Preview ${name}`;
  }

  private post(m: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(m).then(undefined, () => undefined);
  }

  private async refresh(): Promise<void> {
    const uri = this.uri;
    if (!uri || this.disposed) return;
    let doc = vscode.workspace.textDocuments.find((d) => sameUri(d.uri, uri));
    if (!doc) {
      try {
        doc = await vscode.workspace.openTextDocument(uri);
      } catch (e) {
        this.post({ type: 'error', uri: uri.toString(), message: `Cannot open ${baseName(uri)}: ${message(e)}` });
        return;
      }
      if (this.disposed || !sameUri(uri, this.uri)) return;
    }
    const ticket = this.guard.begin();
    const defaultDomid = vscode.workspace.getConfiguration('xlcfg', uri).get<number | string>('preview.domid');
    try {
      const response = await this.manager.request({ uri: uri.toString(), version: doc.version, ...requestOptions(this.options, defaultDomid === '' ? undefined : defaultDomid) });
      if (this.disposed) return;
      if (!response) {
        // The server has not caught up with the document yet (or does not have it open).
        if (this.guard.isLatest(ticket) && this.retries++ < MAX_RETRIES) setTimeout(() => this.throttle.trigger(), 150 * this.retries);
        return;
      }
      if (response.uri !== uri.toString() || !this.guard.accept(ticket, response.version)) return;
      this.retries = 0;
      this.lastUpdate = { type: 'update', state: this.state, response };
      this.post(this.lastUpdate);
    } catch (e) {
      if (!this.disposed && this.guard.isLatest(ticket)) this.post({ type: 'error', uri: uri.toString(), message: `The preview failed: ${message(e)}` });
    }
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.post({ type: 'state', state: this.state });
        if (this.lastUpdate) this.post({ ...this.lastUpdate, state: this.state } as ToWebview);
        if (this.lastCursor) this.post(this.lastCursor);
        if (!this.lastUpdate) this.throttle.now();
        return;
      case 'options':
        this.options = { domid: m.options.domid.slice(0, 100), xen: m.options.xen.slice(0, 100), allChannels: m.options.allChannels === true, allDevices: m.options.allDevices === true };
        this.guard.reset(false);
        this.throttle.now();
        return;
      case 'lock':
        this.setLocked(m.locked);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        this.post({ type: 'copied', what: m.what });
        vscode.window.setStatusBarMessage(`xl.cfg preview: copied the ${COPY_LABELS[m.what]}`, 2500);
        return;
      case 'reveal':
        await this.reveal(m.range);
        return;
    }
  }

  private async reveal(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
    const uri = this.uri;
    if (!uri) return;
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => sameUri(e.document.uri, uri));
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    try {
      const doc = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (e) {
      void vscode.window.showErrorMessage(`xl.cfg preview: cannot show ${baseName(uri)}: ${message(e)}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.throttle.cancel();
    this.manager.forget(this);
    for (const s of this.subscriptions) s.dispose();
    this.panel.dispose();
  }
}

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Set<PreviewPanel>();
  private active: PreviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly assets: vscode.Uri;
  readonly extensionUri: vscode.Uri;

  constructor(
    context: vscode.ExtensionContext,
    readonly request: PreviewRequester,
  ) {
    this.extensionUri = context.extensionUri;
    this.assets = vscode.Uri.joinPath(context.extensionUri, 'dist');
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId !== LANGUAGE_ID) return;
        for (const p of this.panels) if (!p.locked) p.setDocument(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        for (const p of this.panels) if (sameUri(p.uri, e.document.uri)) p.documentChanged();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        for (const p of this.panels) if (sameUri(p.uri, e.textEditor.document.uri)) p.cursorMoved(e.textEditor);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('xlcfg')) return;
        for (const p of this.panels) p.documentChanged();
      }),
    );
  }

  /** "xl.cfg: Open Preview to the Side". */
  async showToSide(uri?: vscode.Uri): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const target = uri instanceof vscode.Uri ? uri : editor?.document.languageId === LANGUAGE_ID ? editor.document.uri : this.active?.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open an xl.cfg file to preview it.');
      return;
    }
    const column = { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true };
    const existing = [...this.panels].find((p) => !p.locked) ?? [...this.panels].find((p) => sameUri(p.uri, target));
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      existing.setDocument(target);
      return;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, `Preview ${baseName(target)}`, column, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [this.assets],
    });
    const p = this.add(panel, { uri: undefined, options: { domid: '', xen: '' }, locked: false });
    p.setDocument(target);
  }

  /** "xl.cfg: Toggle Preview Lock" (for the focused preview). */
  toggleLock(): void {
    const p = this.active ?? (this.panels.size === 1 ? [...this.panels][0] : undefined);
    p?.setLocked(!p.locked);
  }

  /** The serializer: a panel from before a reload. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const s = validState(state);
    const p = this.add(panel, { ...s, uri: undefined });
    const uri = s.uri ? vscode.Uri.parse(s.uri) : vscode.window.activeTextEditor?.document.languageId === LANGUAGE_ID ? vscode.window.activeTextEditor.document.uri : undefined;
    if (uri) p.setDocument(uri);
  }

  setActive(p: PreviewPanel, active: boolean): void {
    if (active) this.active = p;
    else if (this.active === p) this.active = undefined;
  }

  forget(p: PreviewPanel): void {
    this.panels.delete(p);
    if (this.active === p) this.setActive(p, false);
  }

  private add(panel: vscode.WebviewPanel, state: PanelState): PreviewPanel {
    const p = new PreviewPanel(this, panel, state);
    this.panels.add(p);
    if (panel.active) this.setActive(p, true);
    return p;
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function validState(state: unknown): PanelState {
  const s = (typeof state === 'object' && state !== null ? state : {}) as Partial<PanelState>;
  const o = (typeof s.options === 'object' && s.options !== null ? s.options : {}) as Partial<PanelOptions>;
  return {
    uri: typeof s.uri === 'string' ? s.uri : undefined,
    options: { domid: typeof o.domid === 'string' ? o.domid : '', xen: typeof o.xen === 'string' ? o.xen : '' },
    locked: s.locked === true,
  };
}
