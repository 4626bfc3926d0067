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

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type Tab = 'preview' | 'libvirt' | 'udev';

/** What the webview keeps across reloads (vscode.setState): the panel state plus the view's own. */
interface SavedState extends PanelState {
  tab?: Tab;
  collapsed?: string[];
  expanded?: string[];
  response?: PreviewResponse;
}

const vscode = acquireVsCodeApi();

// ---------------------------------------------------------------------------
// DOM helpers: text only, never markup.

type Child = Node | string | null | undefined | false;

interface Props {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.title !== undefined) el.title = props.title;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) el.setAttribute(k, v);
  if (props.text !== undefined) el.textContent = props.text;
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A path-like text with line-break opportunities after each '/' (<wbr>: the text itself is unchanged). */
function pathText(cls: string, text: string): HTMLElement {
  const el = h('span', { class: cls });
  if (text.length > 2000 || !text.includes('/')) {
    el.textContent = text;
    return el;
  }
  const parts = text.split(/(?<=\/)/);
  parts.forEach((part, i) => {
    el.append(document.createTextNode(part));
    if (i < parts.length - 1) el.append(document.createElement('wbr'));
  });
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Small line icons (16x16, currentColor). */
const ICONS: Record<string, [string, Record<string, string>][]> = {
  chevron: [['path', { d: 'M6 4l4 4-4 4' }]],
  copy: [
    ['rect', { x: '5.5', y: '5.5', width: '8', height: '8', rx: '1.5' }],
    ['path', { d: 'M10.5 3.5v-.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h.5' }],
  ],
  check: [['path', { d: 'M3.5 8.5l3 3 6-7' }]],
  lock: [
    ['rect', { x: '3.5', y: '7.5', width: '9', height: '6.5', rx: '1.5' }],
    ['path', { d: 'M5.5 7.5V5.5a2.5 2.5 0 0 1 5 0v2' }],
  ],
  unlock: [
    ['rect', { x: '3.5', y: '7.5', width: '9', height: '6.5', rx: '1.5' }],
    ['path', { d: 'M5.5 7.5V5.5a2.5 2.5 0 0 1 4.9-.7' }],
  ],
  error: [
    ['circle', { cx: '8', cy: '8', r: '6' }],
    ['path', { d: 'M5.9 5.9l4.2 4.2M10.1 5.9l-4.2 4.2' }],
  ],
  warning: [
    ['path', { d: 'M8 2.2l6 11H2z' }],
    ['path', { d: 'M8 6.5v3.2M8 11.4v.4' }],
  ],
  info: [
    ['circle', { cx: '8', cy: '8', r: '6' }],
    ['path', { d: 'M8 7.3v4M8 4.8v.4' }],
  ],
  folder: [['path', { d: 'M1.8 4.2a1 1 0 0 1 1-1h3.3l1.5 1.6h5.6a1 1 0 0 1 1 1v6.9a1 1 0 0 1-1 1H2.8a1 1 0 0 1-1-1z' }]],
  plug: [
    ['path', { d: 'M5.5 2v3M10.5 2v3M3.5 5h9v2.5a4.5 4.5 0 0 1-9 0zM8 12v2.5' }],
  ],
  terminal: [
    ['rect', { x: '1.8', y: '2.8', width: '12.4', height: '10.4', rx: '1.5' }],
    ['path', { d: 'M4.5 6.2l2.2 1.8-2.2 1.8M8.3 10h3' }],
  ],
  key: [
    ['circle', { cx: '5.2', cy: '8', r: '2.6' }],
    ['path', { d: 'M7.8 8h6.2M12 8v2.2M10 8v1.6' }],
  ],
  ok: [
    ['circle', { cx: '8', cy: '8', r: '6' }],
    ['path', { d: 'M5.4 8.2l1.8 1.8 3.5-3.8' }],
  ],
};

function icon(name: keyof typeof ICONS, cls = ''): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon icon-${name}${cls ? ' ' + cls : ''}`);
  for (const [tag, attrs] of ICONS[name]) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    svg.append(el);
  }
  return svg;
}

function lineLabel(r: LspRange): string {
  return r.start.line === r.end.line || (r.end.line === r.start.line + 1 && r.end.character === 0) ? `line ${r.start.line + 1}` : `lines ${r.start.line + 1}–${r.end.line + 1}`;
}

/** The range touches the 0-based line (an end at character 0 of a later line does not count). */
function touchesLine(r: LspRange, line: number): boolean {
  if (line < r.start.line || line > r.end.line) return false;
  return line < r.end.line || r.end.character > 0 || r.start.line === r.end.line;
}

// ---------------------------------------------------------------------------
// State

const saved = (vscode.getState() ?? {}) as Partial<SavedState>;
let state: PanelState = {
  uri: typeof saved.uri === 'string' ? saved.uri : undefined,
  fileName: typeof saved.fileName === 'string' ? saved.fileName : undefined,
  options: { domid: saved.options?.domid ?? '', xen: saved.options?.xen ?? '' },
  locked: saved.locked === true,
};
let tab: Tab = saved.tab === 'libvirt' || saved.tab === 'udev' ? saved.tab : 'preview';
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
  { id: 'preview', label: 'Xenstore & QEMU' },
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
  state = { ...state, options: { ...o, allChannels: state.options.allChannels } };
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

function badge(text: string, cls: string, title?: string): HTMLElement {
  return h('span', { class: `badge ${cls}`, text, title });
}

function sectionHeader(title: string, count: string | undefined, ...extra: Child[]): HTMLElement {
  return h('div', { class: 'section-header' }, h('h2', { text: title }), count !== undefined ? badge(count, 'count') : null, h('span', { class: 'spacer' }), ...extra);
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

function placeholder(text: string): HTMLElement {
  return h('p', { class: 'placeholder', text });
}

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
  tabPanels.get('preview')!.replaceChildren(renderProblems(response), renderXenstore(response), renderQemu(response));
  tabPanels.get('libvirt')!.replaceChildren(renderLibvirt(response));
  tabPanels.get('udev')!.replaceChildren(renderUdev(response));
  if (document.scrollingElement) document.scrollingElement.scrollTop = scroll;
  applyCursor(false);
}

// --- problems

const EFFECTS: Record<string, string> = {
  'xl-exits': 'xl refuses the config',
  'create-fails': 'domain creation fails',
  'channel-lost': 'the channel is missing in the guest',
  inert: 'nothing serves the channel',
  note: 'note',
};

function renderProblems(r: PreviewResponse): HTMLElement {
  const problems = r.preview.problems;
  const section = h('section', { class: 'section problems', attrs: { id: 'problems', 'aria-label': 'Problems' } });
  section.append(sectionHeader('Problems', String(problems.length)));
  if (problems.length === 0) {
    section.append(h('p', { class: 'all-good' }, icon('ok'), h('span', { text: 'Every channel renders.' })));
    return section;
  }
  const list = h('ul', { class: 'problem-list', attrs: { role: 'list' } });
  problems.forEach((p, i) => {
    const range = r.ranges.problems[i];
    const sev = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'info';
    const item = h(
      'li',
      { class: `problem ${sev}`, attrs: { 'data-code': p.code } },
      icon(sev, `sev-${sev}`),
      h(
        'div',
        { class: 'problem-body' },
        h('div', { class: `message${p.message.length > 400 ? ' long' : ''}`, text: p.message, title: p.message.length > 400 ? p.message : undefined }),
        h(
          'div',
          { class: 'problem-meta' },
          h('span', { class: 'problem-code', text: p.code }),
          h('span', { class: 'effect', text: EFFECTS[p.effect] ?? p.effect }),
          range ? h('span', { class: 'where', text: `Ln ${range.start.line + 1}, Col ${range.start.character + 1}` }) : null,
        ),
      ),
    );
    list.append(link(item, [range], `${p.severity} ${p.code}`));
  });
  section.append(list);
  return section;
}

// --- xenstore tree

function treeNode(id: string, defaultOpen: boolean, row: HTMLElement, children: HTMLElement[], level: number): HTMLElement {
  const open = defaultOpen ? !collapsed.has(id) : expanded.has(id);
  const twistie = h('span', { class: 'twistie', attrs: { role: 'button', 'aria-label': 'Expand or collapse' } }, icon('chevron'));
  row.prepend(twistie);
  row.classList.add('row', 'has-children', `level-${level}`);
  row.setAttribute('role', 'treeitem');
  row.setAttribute('aria-level', String(level));
  row.setAttribute('aria-expanded', String(open));
  row.dataset.node = id;
  if (!row.hasAttribute('tabindex')) row.tabIndex = -1;
  const group = h('div', { class: 'children', attrs: { role: 'group' } }, ...children);
  group.hidden = !open;
  const wrapper = h('div', { class: 'node' }, row, group);
  const set = (o: boolean) => {
    row.setAttribute('aria-expanded', String(o));
    group.hidden = !o;
    if (o === defaultOpen) {
      collapsed.delete(id);
      expanded.delete(id);
    } else if (o) expanded.add(id);
    else collapsed.add(id);
    save();
  };
  const toggle = () => set(row.getAttribute('aria-expanded') !== 'true');
  twistie.addEventListener('click', (e) => {
    e.stopPropagation();
    toggle();
  });
  // A row without a source range toggles on a click anywhere.
  row.addEventListener('click', () => {
    if (!row.classList.contains('linked')) toggle();
  });
  row.addEventListener('dblclick', (e) => {
    if ((e.target as Element).closest('.twistie')) return;
    toggle();
  });
  row.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight') set(true);
    else if (e.key === 'ArrowLeft') set(false);
    else if (e.key === ' ') toggle();
    else return;
    e.preventDefault();
  });
  return wrapper;
}

function renderXenstore(r: PreviewResponse): HTMLElement {
  const p = r.preview;
  const section = h('section', { class: 'section xenstore', attrs: { id: 'xenstore', 'aria-label': 'Xenstore' } });
  const legend = h(
    'span',
    { class: 'legend' },
    badge('RO', 'access ro', 'Read-only to the guest'),
    h('span', { class: 'legend-text', text: 'read-only to guest' }),
    badge('RW', 'access rw', 'The guest can change it'),
    h('span', { class: 'legend-text', text: 'guest-writable' }),
    badge('runtime', 'runtime', 'Known only when the domain runs'),
  );
  section.append(sectionHeader('Xenstore', String(p.xenstore.filter((e) => !e.isDir).length), legend));
  if (p.xenstoreDirs.length === 0) {
    section.append(placeholder('No xenstore nodes.'));
    return section;
  }
  const tree = h('div', { class: 'tree', attrs: { role: 'tree', 'aria-label': 'Xenstore nodes' } });
  // Group the directories by console: console 0 first, then each channel.
  const groups = new Map<number, number[]>();
  p.xenstoreDirs.forEach((d, i) => {
    const g = groups.get(d.channelIndex) ?? [];
    g.push(i);
    groups.set(d.channelIndex, g);
  });
  const order = [...groups.keys()].sort((a, b) => a - b);
  if (r.omitted) {
    const more = h('button', { class: 'button', text: `Show all ${r.omitted.shown + r.omitted.channels} channels` });
    more.addEventListener('click', () => {
      state = { ...state, options: { ...state.options, allChannels: true } };
      save();
      post({ type: 'options', options: state.options });
    });
    section.append(h('div', { class: 'banner info' }, icon('info'), h('span', { text: `The xenstore nodes of the first ${r.omitted.shown} channels are shown; ${r.omitted.channels} more channels (${r.omitted.xenstoreEntries} nodes) are left out${r.omitted.partial ? ' (estimated)' : ''}. ` }), more));
  }
  for (const ci of order) {
    const ch = p.channels.find((c) => c.index === ci);
    const label = h('span', { class: 'group-label' });
    const row = h('div', { class: 'group-row' }, icon(ci < 0 ? 'terminal' : 'plug', 'node-icon'), label);
    if (ci < 0) {
      label.append(h('span', { class: 'group-title', text: 'Console 0' }), h('span', { class: 'muted', text: ' primary console (xenconsoled)' }));
    } else {
      label.append(h('span', { class: 'group-title', text: `Channel ${ci}` }));
      if (ch?.name !== undefined) label.append(h('span', { class: 'channel-name', text: ch.name }));
      if (ch?.kind) row.append(badge(ch.kind, 'chip'));
      if (ch?.consoleDevid !== undefined) row.append(badge(`/dev/hvc${ch.consoleDevid}`, 'chip mono', 'The console device in the guest'));
      if (ch && !ch.published) row.append(badge('not published', 'chip warn', 'Not published to the guest'));
    }
    const children = groups.get(ci)!.map((di) => renderDir(r, di));
    if (ci >= 0) link(row, [r.ranges.channels[p.channels.findIndex((c) => c.index === ci)]], `Channel ${ci}`);
    tree.append(treeNode(`g:${ci}`, ci >= 0, row, children, 1));
  }
  // Keyboard: Up/Down move between visible rows (roving focus), Home/End to the ends.
  const rows = () => [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')].filter((el) => el.offsetParent !== null);
  tree.addEventListener('keydown', (e) => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const all = rows();
    const i = all.indexOf(document.activeElement as HTMLElement);
    const j = e.key === 'Home' ? 0 : e.key === 'End' ? all.length - 1 : Math.max(0, Math.min(all.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)));
    all[j]?.focus();
    e.preventDefault();
  });
  tree.querySelector<HTMLElement>('[role="treeitem"]')?.setAttribute('tabindex', '0');
  section.append(tree);
  return section;
}

function renderDir(r: PreviewResponse, di: number): HTMLElement {
  const d = r.preview.xenstoreDirs[di];
  const row = h(
    'div',
    { class: `dir-row role-${d.role}`, title: `${d.path}\n${d.perms} — written by ${d.writer}` },
    icon('folder', 'node-icon'),
    pathText('path', d.path),
    badge(d.perms, 'perms mono', 'Permissions as xenstore-ls -p prints them'),
    h('span', { class: 'domain', text: d.domain }),
  );
  link(row, [r.ranges.xenstoreDirs[di]], 'Directory');
  const keys: HTMLElement[] = [];
  for (const k of d.entries) {
    const e = r.preview.xenstore[k];
    if (!e || e.isDir) continue;
    keys.push(renderKey(r, k));
  }
  return treeNode(`d:${d.path}`, d.role !== 'libxl', row, keys, 2);
}

function renderKey(r: PreviewResponse, k: number): HTMLElement {
  const e = r.preview.xenstore[k];
  const value = pathText(`value${e.runtime ? ' is-runtime' : ''}${e.value.length > 200 ? ' long' : ''}`, e.value);
  const row = h(
    'div',
    {
      class: `row leaf level-3 key-row ${e.guestReadOnly ? 'guest-ro' : 'guest-rw'}${e.runtime ? ' runtime-row' : ''}`,
      title: `${e.path}\n${e.perms} — ${e.guestReadOnly ? 'read-only to the guest' : 'the guest can change it'}; written by ${e.writer}${e.runtimeNote ? `\n${e.runtimeNote}` : ''}`,
      attrs: { role: 'treeitem', 'aria-level': '3', 'data-path': e.path },
    },
    h('span', { class: 'twistie-space' }),
    icon('key', 'node-icon'),
    h('span', { class: 'key', text: e.key }),
    h('span', { class: 'eq', text: '=' }),
    value,
    h('span', { class: 'spacer' }),
    e.runtime ? badge('runtime', 'runtime', e.runtimeNote ?? 'Set at run time') : null,
    badge(e.perms, 'perms mono'),
    badge(e.guestReadOnly ? 'RO' : 'RW', `access ${e.guestReadOnly ? 'ro' : 'rw'}`, e.guestReadOnly ? 'Read-only to the guest' : 'The guest can change it'),
  );
  row.tabIndex = -1;
  return link(row, [r.ranges.xenstore[k]], 'Node');
}

// --- qemu

function renderQemu(r: PreviewResponse): HTMLElement {
  const q = r.preview.qemu;
  const section = h('section', { class: 'section qemu', attrs: { id: 'qemu', 'aria-label': 'QEMU' } });
  if (!q.runs) {
    section.append(sectionHeader('QEMU', undefined), h('p', { class: 'qemu-reason none' }, icon('info'), h('span', { text: `No device model runs: ${q.reason}` })));
    return section;
  }
  section.append(sectionHeader('QEMU', `${q.argv.length + (r.omitted?.argv ?? 0)} args`, copyButton('argv', 'qemu command line', () => r.preview.qemu.shell)));
  if (r.omitted?.argv) section.append(h('p', { class: 'muted', text: `The -chardev arguments of ${r.omitted.channels} more channels are left out of the list below; ${r.omitted.partial ? 'in a list this long, the command line, the shell line, the XML and the udev rule cover only the channels shown.' : 'the copied command line and the shell line have them all.'}` }));
  section.append(h('p', { class: 'qemu-reason', text: q.reason }));
  const env = Object.entries(q.env);
  if (env.length) {
    const envList = h('div', { class: 'env', attrs: { 'aria-label': 'Environment' } });
    for (const [k, v] of env) envList.append(h('div', { class: 'env-row mono' }, h('span', { class: 'env-key', text: k }), h('span', { class: 'eq', text: '=' }), h('span', { class: 'value', text: v })));
    section.append(envList);
  }
  if (q.argv.length) {
    const list = h('ol', { class: 'argv', attrs: { 'aria-label': 'qemu arguments', start: '0' } });
    q.argv.forEach((a, i) => {
      const isFlag = a.value.startsWith('-') && i > 0;
      const origin = a.origin === 'channel' && a.channelIndex !== undefined ? `channel ${a.channelIndex}` : a.origin;
      const row = h(
        'li',
        { class: `arg${isFlag ? ' flag' : i === 0 ? ' binary' : ' operand'} origin-${a.origin}`, attrs: { 'data-index': String(i) } },
        h('span', { class: 'arg-index', text: String(i) }),
        h('span', { class: `arg-value mono${a.value.length > 200 ? ' long' : ''}`, text: a.value }),
        h('span', { class: 'origin', text: origin }),
      );
      list.append(link(row, [r.ranges.argv[i], ...(r.ranges.argvAll[i] ?? [])], `Argument ${i}`));
    });
    section.append(list);
  }
  section.append(h('div', { class: 'shell-label', text: 'As one shell command' }), h('pre', { class: 'code shell', text: q.shell }));
  if (q.notes.length) {
    const notes = h('ul', { class: 'notes' });
    for (const n of q.notes) notes.append(h('li', {}, icon('info'), h('span', { text: n })));
    section.append(notes);
  }
  return section;
}

// --- libvirt, udev

function renderLibvirt(r: PreviewResponse): HTMLElement {
  const section = h('section', { class: 'section libvirt' });
  section.append(
    sectionHeader('libvirt <channel> devices', undefined, copyButton('libvirt', 'libvirt XML', () => r.preview.libvirtXml)),
    h('p', { class: 'hint', text: 'The same channels in a libvirt domain definition (virsh edit), for hosts managed through libvirt.' }),
    h('pre', { class: 'code xml', attrs: { id: 'libvirt-xml' }, text: r.preview.libvirtXml }),
  );
  return section;
}

function renderUdev(r: PreviewResponse): HTMLElement {
  const section = h('section', { class: 'section udev' });
  section.append(
    sectionHeader('udev rule', undefined, copyButton('udev-rule', 'udev rule', () => r.preview.udev.rule)),
    h('p', { class: 'hint', text: 'In the guest, as /etc/udev/rules.d/90-xen-channel.rules: links /dev/xen-channel/NAME to the channel’s /dev/hvcN.' }),
    h('pre', { class: 'code', attrs: { id: 'udev-rule' }, text: r.preview.udev.rule }),
    sectionHeader('Helper script', undefined, copyButton('udev-helper', 'udev helper script', () => r.preview.udev.helper)),
    h('p', { class: 'hint', text: 'In the guest, as /usr/local/sbin/xen-channel-link (called by the rule).' }),
    h('pre', { class: 'code', attrs: { id: 'udev-helper' }, text: r.preview.udev.helper }),
  );
  return section;
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
