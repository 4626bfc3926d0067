/**
 * The browser end-to-end steps against code-server, as a person does them:
 * keyboard and mouse in the real workbench, checks on what is on the screen.
 * Every wait polls the page (playwright's auto-waiting); no fixed sleeps.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { CodeServer } from './codeServer';
import { ROOT } from './shared';

export interface E2EOptions {
  server: CodeServer;
  browser: Browser;
  /** Where e2e-*.png go. */
  screenshots: string;
  /** The config to open, relative to the workspace. */
  file: string;
}

const EDITOR = '.editor-group-container .monaco-editor:not(.inputarea)';
const MARKER_ROWS = '.markers-panel .monaco-list-row';

export class E2E {
  private readonly consoleErrors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly options: E2EOptions & { workspace: string },
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(String(e)));
  }

  /** Opens the workbench on the workspace with the config in an editor. */
  static async open(options: E2EOptions & { workspace: string }): Promise<E2E> {
    const context = await options.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const e2e = new E2E(page, context, options);
    await page.goto(options.server.workbench(options.workspace, [['openFile', options.server.remote(join(options.workspace, options.file))]]));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await e2e.waitForLine(9, (t) => t.includes('connection=PTY'), 60_000);
    return e2e;
  }

  /** Runs a step; on failure, a screenshot of the page goes to out/e2e-failures/NAME.png and the error says so. */
  async step(name: string, f: () => Promise<void>): Promise<void> {
    try {
      // Start from the editor, with no menu or widget left open by an earlier step.
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Escape');
      await f();
    } catch (e) {
      const dir = join(ROOT, 'out/e2e-failures');
      const path = join(dir, `${name}.png`);
      try {
        mkdirSync(dir, { recursive: true });
        await this.page.screenshot({ path, timeout: 10_000 });
        if (e instanceof Error) e.message += `\n(the page at the failure: ${path})`;
      } catch {
        /* the page is gone */
      }
      if (e instanceof Error && this.consoleErrors.length) e.message += `\nbrowser console errors:\n${this.consoleErrors.slice(-8).join('\n')}`;
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }

  // --- the steps ------------------------------------------------------------------------

  /** The error squiggle, its hover, and the Problems row with the rule code. */
  async diagnostics(): Promise<void> {
    const { page } = this;
    // The extension (installed from the .vsix) activates on the file and its server reports: squiggles.
    await page.locator(`${EDITOR} .squiggly-error`).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator(MARKER_ROWS, { hasText: 'channel-unknown-connection' });
    await row.first().waitFor();
    const text = (await row.first().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /"PTY" is not a valid connection/);
    assert.match(text, /\[Ln 9, Col 40\]/);
    for (const code of ['channel-missing-name', 'channel-duplicate-name', 'channel-missing-path']) {
      await page.locator(MARKER_ROWS, { hasText: code }).first().waitFor();
    }
    // The hover on the squiggle, opened from the keyboard (Ctrl+K Ctrl+I).
    await this.goTo(9, 41);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.locator('.monaco-hover', { hasText: 'is not a valid connection' }).first().waitFor();
    await this.shot('e2e-diagnostics.png');
    await page.keyboard.press('Escape');
  }

  /** Ctrl+. on connection=PTY: the light bulb menu, "Change to 'pty'", the text changes, the problem goes. */
  async quickFix(): Promise<void> {
    const { page } = this;
    const menu = page.locator('.action-widget');
    const item = menu.locator('.monaco-list-row', { hasText: "Change to 'pty'" });
    // Ctrl+. asks for the actions at the cursor once: pressed before the editor has its focus and the cursor
    // back from Go to Line (a slow machine), it opens nothing or another menu. Poll: look, and ask again.
    const seen: string[] = [];
    for (let attempt = 1; ; attempt++) {
      await this.goTo(9, 41);
      await page.locator(`${EDITOR}.focused`).first().waitFor();
      await page.locator('.statusbar-item', { hasText: 'Ln 9, Col 41' }).first().waitFor();
      await page.keyboard.press('Control+.');
      try {
        await item.first().waitFor({ timeout: 8_000 });
        break;
      } catch (e) {
        const shown = await menu.locator('.monaco-list-row').allInnerTexts().catch(() => []);
        seen.push(`attempt ${attempt}: ${JSON.stringify(shown.map((t) => t.trim()))}`);
        if (attempt === 3) throw new Error(`Ctrl+. never offered "Change to 'pty'"; the menu showed:\n${seen.join('\n')}`, { cause: e });
        await page.keyboard.press('Escape');
      }
    }
    const items = (await menu.locator('.monaco-list-row').allInnerTexts()).map((t) => t.trim());
    assert.ok(items.some((t) => /disable/i.test(t)), `a "disable" action is offered too: ${JSON.stringify(items)}`);
    await this.shot('e2e-quickfix.png');
    // Choose it with the keyboard (a pointer block covers the editor while the menu is open).
    for (let i = 0; i < items.length && !(await menu.locator('.monaco-list-row.focused', { hasText: "Change to 'pty'" }).count()); i++) await page.keyboard.press('ArrowDown');
    await menu.locator('.monaco-list-row.focused', { hasText: "Change to 'pty'" }).waitFor();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    await this.waitForLine(9, (t) => t === '    "name=org.example.log.0,connection=pty",');
    await page.locator(MARKER_ROWS, { hasText: 'channel-unknown-connection' }).first().waitFor({ state: 'detached' });
    // The other problems are still listed.
    await page.locator(MARKER_ROWS, { hasText: 'channel-missing-name' }).first().waitFor();
  }

  /** A new entry at the end of the channel list, typed with the suggestions. */
  async completion(): Promise<void> {
    const { page } = this;
    await this.goTo(13, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await this.waitForLine(14, (t) => t === '    ');
    await page.keyboard.type('"');
    // The quote is auto-closed once the new line is tokenized (asynchronously): typed at once, it may not be yet.
    if ((await this.waitForLine(14, (t) => t === '    ""' || t === '    "')) === '    "') {
      await page.keyboard.type('"');
      await page.keyboard.press('ArrowLeft');
    }
    await this.waitForLine(14, (t) => t === '    ""');
    await page.keyboard.type('name=org.example.new.0,', { delay: 25 });
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    // After the ',' the server offers the keys this channel does not have yet.
    for (const key of ['connection', 'path', 'backend']) await suggest.locator('.monaco-list-row', { hasText: key }).first().waitFor();
    await this.shot('e2e-completion.png');
    await page.keyboard.type('con', { delay: 25 });
    await suggest.locator('.monaco-list-row.focused', { hasText: 'connection' }).waitFor();
    await page.keyboard.press('Enter');
    await this.waitForLine(14, (t) => t.startsWith('    "name=org.example.new.0,connection='));
    // Accepting connection= reopens the suggestions with its values.
    const pty = suggest.locator('.monaco-list-row', { hasText: 'pty' });
    try {
      await pty.first().waitFor({ timeout: 5000 });
    } catch {
      await page.keyboard.press('Control+Space');
      await pty.first().waitFor();
    }
    await page.keyboard.type('pt', { delay: 25 });
    await suggest.locator('.monaco-list-row.focused', { hasText: 'pty' }).waitFor();
    await page.keyboard.press('Enter');
    await this.waitForLine(14, (t) => t === '    "name=org.example.new.0,connection=pty"');
    await suggest.waitFor({ state: 'hidden' });
    // The new channel is fine: the problems reported while it was half typed go away, the others stay.
    await page.locator(MARKER_ROWS, { hasText: '[Ln 14,' }).first().waitFor({ state: 'detached' });
    await page.locator(MARKER_ROWS, { hasText: 'channel-missing-name' }).first().waitFor();
  }

  /** The command palette's "xl.cfg: Open Preview to the Side": the xenstore tree and the argv, following the typing. */
  async preview(): Promise<void> {
    const { page } = this;
    // Room for the editor and the preview side by side: hide the side bar and the panel.
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+J');
    await page.locator('.part.panel').waitFor({ state: 'hidden' });
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await page.keyboard.type('xl.cfg: Open Preview to the Side', { delay: 10 });
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'xl.cfg: Open Preview to the Side' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    // The webview sits beside the editor: a second editor group with the preview tab.
    await page.locator('.editor-group-container .tab', { hasText: 'Preview broken-channels.cfg' }).first().waitFor();
    assert.ok((await page.locator('.editor-group-container').count()) >= 2, 'the preview opened in a second editor group');
    const view = this.webview();
    const xenstore = view.locator('#xenstore');
    const argv = view.locator('ol.argv');
    await xenstore.waitFor({ timeout: 30_000 });
    await this.waitForText(xenstore, ['/local/domain/DOMID/device/console/', 'org.example.new.0']);
    await this.waitForText(argv, ['-chardev', 'pty,id=libxl-channel']);
    // The channel under the cursor is shown: the new one.
    await xenstore.getByText('org.example.new.0').filter({ visible: true }).first().waitFor();
    // Type in the editor (the focus stayed there): the new channel becomes a socket channel.
    await this.goTo(14, 43);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('socket,path=/run/xen/typed-agent.sock', { delay: 15 });
    await page.keyboard.press('Escape');
    await this.waitForLine(14, (t) => t === '    "name=org.example.new.0,connection=socket,path=/run/xen/typed-agent.sock"');
    // The preview follows: the path in the xenstore tree and a socket chardev in qemu's argv.
    await this.waitForText(xenstore, ['path=/run/xen/typed-agent.sock']);
    await this.waitForText(argv, ['socket,id=libxl-channel', 'path=/run/xen/typed-agent.sock,server=on']);
    const node = xenstore.getByText('/run/xen/typed-agent.sock').filter({ visible: true }).first();
    await node.waitFor();
    // For the screenshot: the editor scrolled back to the line start, the new xenstore node in the middle of the preview.
    await page.keyboard.press('Home');
    await page.keyboard.press('Home');
    await node.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await this.shot('e2e-preview.png');
  }

  // --- helpers -----------------------------------------------------------------------------

  /** The preview's content: the webview iframe, then its active frame. */
  private webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /** Waits until the element's text holds every string of `texts` (whitespace collapsed). */
  async waitForText(locator: Locator, texts: string[], timeout = 20_000): Promise<void> {
    const until = Date.now() + timeout;
    let text = '';
    for (;;) {
      text = ((await locator.first().textContent({ timeout }).catch(() => '')) ?? '').replace(/\s+/g, ' ');
      const missing = texts.filter((t) => !text.includes(t));
      if (!missing.length) return;
      if (Date.now() > until) assert.fail(`never saw ${JSON.stringify(missing)} in ${locator}; it shows: ${text.slice(0, 1500)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Ctrl+G LINE:COL (1-based), back in the editor. */
  async goTo(line: number, col: number): Promise<void> {
    const { page } = this;
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${col}`); // Ctrl+G is Quick Open with the ':' prefix
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The visible lines of the active text editor, top to bottom, as text. */
  async lines(): Promise<string[]> {
    return this.page.evaluate((sel) => {
      const editors = [...document.querySelectorAll(sel)].filter((e) => (e as HTMLElement).offsetParent !== null);
      const editor = editors.find((e) => e.classList.contains('focused')) ?? editors[0];
      if (!editor) return [];
      const rows = [...editor.querySelectorAll('.view-lines .view-line')] as HTMLElement[];
      return rows.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' '));
    }, EDITOR);
  }

  /** Waits until editor line `n` (1-based; the file is short, all lines are rendered) satisfies `ok`. */
  async waitForLine(n: number, ok: (text: string) => boolean, timeout = 20_000): Promise<string> {
    const until = Date.now() + timeout;
    for (;;) {
      const last = await this.lines();
      if (last.length >= n && ok(last[n - 1])) return last[n - 1];
      if (Date.now() > until) assert.fail(`editor line ${n} never matched; the editor shows:\n${last.map((l, i) => `${i + 1}: ${l}`).join('\n')}\nconsole errors:\n${this.consoleErrors.slice(-5).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async shot(name: string): Promise<void> {
    writeFileSync(join(this.options.screenshots, name), await this.page.screenshot());
  }
}
