/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The preview webview (bundled for the browser as dist/webview.js, with
 * preview.css as dist/webview.css). Everything shown comes from messages
 * (client/src/preview/protocol.ts) and is inserted with textContent /
 * setAttribute only: config-derived text is never parsed as HTML.
 */
import './preview.css';
import type { CopyWhat, FromWebview, LspRange, PanelOptions, PanelState, PreviewResponse, ToWebview } from '../preview/protocol';
import { badge, h, icon, lineLabel, placeholder, touchesLine } from './dom';
import { sections } from './sections';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Tab = 'preview' | 'libxl' | 'libvirt' | 'udev';

/** What the webview keeps across reloads (vscode.setState): the panel state plus the view's own. */
interface SavedState extends PanelState {
  tab?: Tab;
  collapsed?: string[];
  expanded?: string[];
  response?: PreviewResponse;
}

const vscode = acquireVsCodeApi();

// ---------------------------------------------------------------------------
// State

const saved = (vscode.getState() ?? {}) as Partial<SavedState>;
let state: PanelState = {
  uri: typeof saved.uri === 'string' ? saved.uri : undefined,
  fileName: typeof saved.fileName === 'string' ? saved.fileName : undefined,
  options: { domid: saved.options?.domid ?? '', xen: saved.options?.xen ?? '' },
  locked: saved.locked === true,
};
let tab: Tab = saved.tab === 'libxl' || saved.tab === 'libvirt' || saved.tab === 'udev' ? saved.tab : 'preview';
/** Tree nodes the user collapsed / expanded against their default. */
const collapsed = new Set<string>(Array.isArray(saved.collapsed) ? saved.collapsed : []);
const expanded = new Set<string>(Array.isArray(saved.expanded) ? saved.expanded : []);
let response: PreviewResponse | undefined = saved.response && saved.response.uri === state.uri ? saved.response : undefined;
let cursor: { uri: string; line: number } | undefined;
let lastScrolledLine = -1;
/** Elements that came from the source, with the ranges they came from. */
let linked: { el: HTMLElement; ranges: LspRange[] }[] = [];

function save(): void {
  const s: SavedState = { ...state, tab, collapsed: [...collapsed], expanded: [...expanded], response };
  vscode.setState(s);
}

function post(m: FromWebview): void {
  vscode.postMessage(m);
}

// ---------------------------------------------------------------------------
// The static frame

const app = document.getElementById('app') ?? document.body.appendChild(h('div', { attrs: { id: 'app' } }));
app.replaceChildren();
app.removeAttribute('aria-busy');

const fileEl = h('span', { class: 'file' });
const targetEl = h('span', { class: 'chips' });
const domidInput = h('input', {
  class: 'input',
  attrs: { id: 'opt-domid', type: 'text', inputmode: 'numeric', spellcheck: 'false', autocomplete: 'off', size: '9', 'aria-label': 'Guest domid: a number or a placeholder name' },
});
const xenInput = h('input', {
  class: 'input',
  attrs: { id: 'opt-xen', type: 'text', list: 'xen-releases', spellcheck: 'false', autocomplete: 'off', size: '9', 'aria-label': 'Target Xen release' },
});
const xenList = h('datalist', { attrs: { id: 'xen-releases' } });
for (const v of ['4.21', '4.20', '4.19', '4.19.2', '4.18', '4.18.5', '4.17', '4.16', '4.15', '4.14', '4.12', '4.11', '4.10', '4.8', '4.6', '4.5', 'seed-2014']) {
  xenList.append(h('option', { attrs: { value: v } }));
}
const optionsForm = h(
  'form',
  { class: 'options', attrs: { id: 'options', autocomplete: 'off' } },
  h('label', { class: 'field', attrs: { for: 'opt-domid' } }, h('span', { class: 'field-label', text: 'domid' }), domidInput),
  h('label', { class: 'field', attrs: { for: 'opt-xen' } }, h('span', { class: 'field-label', text: 'Xen' }), xenInput),
  xenList,
);
const lockButton = h('button', { class: 'icon-button lock', attrs: { id: 'lock', type: 'button', 'aria-pressed': 'false' } });

const header = h(
  'header',
  { class: 'toolbar' },
  h('div', { class: 'heading' }, icon('terminal', 'heading-icon'), fileEl, targetEl),
  h('div', { class: 'actions' }, optionsForm, lockButton),
);
const bannerEl = h('div', { class: 'banners', attrs: { id: 'banners', 'aria-live': 'polite' } });

const tabs: { id: Tab; label: string }[] = [
  { id: 'preview', label: 'Xenstore, devices & QEMU' },
  { id: 'libxl', label: 'libxl' },
  { id: 'libvirt', label: 'libvirt XML' },
  { id: 'udev', label: 'Guest udev' },
];
const tabButtons = new Map<Tab, HTMLButtonElement>();
const tabPanels = new Map<Tab, HTMLElement>();
const tabList = h('nav', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Preview views' } });
const main = h('main', { class: 'content' });
for (const t of tabs) {
  const b = h('button', { class: 'tab', text: t.label, attrs: { type: 'button', role: 'tab', id: `tab-${t.id}`, 'aria-controls': `panel-${t.id}`, 'data-tab': t.id } });
  b.addEventListener('click', () => selectTab(t.id, true));
  b.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = tabs.findIndex((x) => x.id === t.id);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length].id;
    selectTab(next, true);
    tabButtons.get(next)?.focus();
    e.preventDefault();
  });
  tabButtons.set(t.id, b);
  tabList.append(b);
  const panel = h('section', { class: 'tab-panel', attrs: { role: 'tabpanel', id: `panel-${t.id}`, 'aria-labelledby': `tab-${t.id}` } });
  tabPanels.set(t.id, panel);
  main.append(panel);
}
app.append(header, bannerEl, tabList, main);

function selectTab(id: Tab, user: boolean): void {
  tab = id;
  for (const [t, b] of tabButtons) {
    b.setAttribute('aria-selected', String(t === id));
    b.tabIndex = t === id ? 0 : -1;
    b.classList.toggle('active', t === id);
  }
  for (const [t, p] of tabPanels) p.hidden = t !== id;
  if (user) save();
}
selectTab(tab, false);

// ---------------------------------------------------------------------------
// Options form and lock

const DOMID_OK = /^(\d{1,5}|[A-Za-z_<][A-Za-z0-9_<>-]{0,63})?$/;
let optionsTimer: ReturnType<typeof setTimeout> | undefined;

function readOptions(): PanelOptions | undefined {
  const domid = domidInput.value.trim();
  const ok = DOMID_OK.test(domid);
  domidInput.classList.toggle('invalid', !ok);
  domidInput.setAttribute('aria-invalid', String(!ok));
  return ok ? { domid, xen: xenInput.value.trim() } : undefined;
}

function sendOptions(): void {
  if (optionsTimer !== undefined) clearTimeout(optionsTimer);
  optionsTimer = undefined;
  const o = readOptions();
  if (!o || (o.domid === state.options.domid && o.xen === state.options.xen)) return;
  state = { ...state, options: { ...o, allChannels: state.options.allChannels, allDevices: state.options.allDevices } };
  save();
  post({ type: 'options', options: state.options });
}

for (const input of [domidInput, xenInput]) {
  input.addEventListener('input', () => {
    readOptions();
    if (optionsTimer !== undefined) clearTimeout(optionsTimer);
    optionsTimer = setTimeout(sendOptions, 500);
  });
  input.addEventListener('change', sendOptions);
}
optionsForm.addEventListener('submit', (e) => {
  e.preventDefault();
  sendOptions();
});

lockButton.addEventListener('click', () => {
  state = { ...state, locked: !state.locked };
  renderLock();
  save();
  post({ type: 'lock', locked: state.locked });
});

function renderLock(): void {
  lockButton.replaceChildren(icon(state.locked ? 'lock' : 'unlock'), h('span', { class: 'button-label', text: state.locked ? 'Locked' : 'Lock' }));
  lockButton.setAttribute('aria-pressed', String(state.locked));
  lockButton.classList.toggle('active', state.locked);
  lockButton.title = state.locked ? 'Preview locked to this file: click to follow the active editor again' : 'Lock preview: keep showing this file when another editor becomes active';
}

function renderOptions(used?: PreviewResponse['used']): void {
  if (document.activeElement !== domidInput) domidInput.value = state.options.domid;
  if (document.activeElement !== xenInput) xenInput.value = state.options.xen;
  domidInput.placeholder = used && state.options.domid === '' ? String(used.domid) : 'DOMID';
  xenInput.placeholder = used ? used.documentXen : 'file';
  xenInput.title = used ? `Target Xen release (empty: the file's target, ${used.documentXen})` : 'Target Xen release (empty: the file’s target)';
  domidInput.title = 'Guest domid: a number, or a placeholder such as DOMID';
  readOptions();
}

// ---------------------------------------------------------------------------
// Rendering

function link(el: HTMLElement, ranges: (LspRange | null | undefined)[], what: string): HTMLElement {
  const rs = ranges.filter((r): r is LspRange => !!r);
  if (rs.length === 0) return el;
  linked.push({ el, ranges: rs });
  el.classList.add('linked');
  el.dataset.line = String(rs[0].start.line + 1);
  el.title = `${el.title ? el.title + '\n' : ''}${what} — from ${lineLabel(rs[0])} (click to reveal)`;
  if (!el.hasAttribute('tabindex')) el.tabIndex = 0;
  const reveal = (e: Event) => {
    if ((e.target as Element | null)?.closest('.twistie, button')) return;
    post({ type: 'reveal', uri: state.uri, range: rs[0] });
  };
  el.addEventListener('click', reveal);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      reveal(e);
      e.preventDefault();
    }
  });
  return el;
}

function copyButton(what: CopyWhat, label: string, text: () => string): HTMLButtonElement {
  const b = h('button', { class: 'button copy', attrs: { type: 'button', 'data-copy': what }, title: `Copy the ${label} to the clipboard` }, icon('copy'), h('span', { class: 'button-label', text: 'Copy' }));
  b.addEventListener('click', () => post({ type: 'copy', what, text: text() }));
  return b;
}



function renderBanners(extra?: { kind: 'error' | 'info'; text: string }): void {
  bannerEl.replaceChildren();
  if (extra) bannerEl.append(h('div', { class: `banner ${extra.kind}`, attrs: { role: extra.kind === 'error' ? 'alert' : 'status' } }, icon(extra.kind === 'error' ? 'error' : 'info'), h('span', { text: extra.text })));
  for (const w of response?.warnings ?? []) bannerEl.append(h('div', { class: 'banner info' }, icon('info'), h('span', { text: w })));
}

function renderHeader(): void {
  fileEl.textContent = state.fileName ?? 'xl.cfg';
  fileEl.title = state.uri ?? '';
  targetEl.replaceChildren();
  if (response) {
    const u = response.used;
    targetEl.append(
      badge(response.preview.target, 'chip', `Target: ${response.preview.target}${u.xenFrom === 'document' ? " (the file's target)" : ' (set in this panel)'}`),
      badge(`domid ${u.domid}`, 'chip', 'The guest domid the preview uses'),
    );
  }
  renderLock();
}


const { renderLibxl, renderProblems, renderXenstore, renderDevices, renderQemu, renderLibvirt, renderUdev } = sections({
  link,
  copyButton,
  collapsed,
  expanded,
  save,
  showAllChannels: () => {
    state = { ...state, options: { ...state.options, allChannels: true } };
    save();
    post({ type: 'options', options: state.options });
  },
  showAllDevices: () => {
    state = { ...state, options: { ...state.options, allDevices: true } };
    save();
    post({ type: 'options', options: state.options });
  },
});

function render(): void {
  linked = [];
  renderHeader();
  renderOptions(response?.used);
  if (!response) {
    const text = state.uri ? 'Rendering the preview…' : 'Open an xl.cfg file to see what its channels become.';
    for (const p of tabPanels.values()) p.replaceChildren(placeholder(text));
    return;
  }
  const scroll = document.scrollingElement?.scrollTop ?? 0;
  tabPanels.get('preview')!.replaceChildren(renderProblems(response), renderXenstore(response), renderDevices(response), renderQemu(response));
  tabPanels.get('libxl')!.replaceChildren(renderLibxl(response));
  tabPanels.get('libvirt')!.replaceChildren(renderLibvirt(response));
  tabPanels.get('udev')!.replaceChildren(renderUdev(response));
  if (document.scrollingElement) document.scrollingElement.scrollTop = scroll;
  applyCursor(false);
}

// --- cursor highlight

function applyCursor(scroll: boolean): void {
  const line = cursor && cursor.uri === state.uri ? cursor.line : -1;
  const hits: HTMLElement[] = [];
  for (const { el, ranges } of linked) {
    const on = line >= 0 && ranges.some((r) => touchesLine(r, line));
    el.classList.toggle('hl', on);
    if (on) hits.push(el);
  }
  if (!scroll || hits.length === 0 || line === lastScrolledLine) return;
  lastScrolledLine = line;
  const panel = tabPanels.get(tab);
  const visible = hits.filter((el) => panel?.contains(el) && el.offsetParent !== null);
  const inView = visible.some((el) => {
    const b = el.getBoundingClientRect();
    return b.bottom > 0 && b.top < window.innerHeight;
  });
  if (!inView && visible.length) visible[0].scrollIntoView({ block: 'nearest' });
}

// ---------------------------------------------------------------------------
// Messages

function copied(what: CopyWhat): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>(`button[data-copy="${what}"]`)) {
    b.replaceChildren(icon('check'), h('span', { class: 'button-label', text: 'Copied' }));
    b.classList.add('done');
    setTimeout(() => {
      b.replaceChildren(icon('copy'), h('span', { class: 'button-label', text: 'Copy' }));
      b.classList.remove('done');
    }, 1500);
  }
}

function setState(s: PanelState): boolean {
  const uriChanged = s.uri !== state.uri;
  state = { uri: s.uri, fileName: s.fileName, options: { domid: s.options?.domid ?? '', xen: s.options?.xen ?? '' }, locked: !!s.locked };
  if (uriChanged) {
    response = undefined;
    cursor = undefined;
    lastScrolledLine = -1;
  }
  return uriChanged;
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as ToWebview;
  if (!m || typeof m !== 'object') return;
  switch (m.type) {
    case 'update': {
      const r = m.response;
      if (!r || typeof r !== 'object' || !r.preview) return;
      // Never let an older rendering of the same document replace a newer one.
      if (response && r.uri === response.uri && m.state?.uri === state.uri && r.version < response.version) return;
      setState(m.state);
      if (r.uri !== state.uri) return;
      response = r;
      save();
      renderBanners();
      render();
      return;
    }
    case 'state': {
      const changed = setState(m.state);
      save();
      if (changed) {
        renderBanners();
        render();
      } else {
        renderHeader();
        renderOptions(response?.used);
      }
      return;
    }
    case 'cursor':
      cursor = { uri: m.uri, line: m.line };
      applyCursor(true);
      return;
    case 'error':
      if (m.uri === undefined || m.uri === state.uri) renderBanners({ kind: 'error', text: m.message });
      return;
    case 'copied':
      copied(m.what);
      return;
  }
});

render();
post({ type: 'ready' });
