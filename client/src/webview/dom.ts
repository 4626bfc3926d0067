/** DOM helpers of the preview webview: text only, never markup. */
import type { LspRange } from '../preview/protocol';


export type Child = Node | string | null | undefined | false;

interface Props {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.title !== undefined) el.title = props.title;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) el.setAttribute(k, v);
  if (props.text !== undefined) el.textContent = props.text;
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** A path-like text with line-break opportunities after each '/' (<wbr>: the text itself is unchanged). */
export function pathText(cls: string, text: string): HTMLElement {
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
  disk: [
    ['ellipse', { cx: '8', cy: '4.2', rx: '5', ry: '1.8' }],
    ['path', { d: 'M3 4.2v7.6c0 1 2.2 1.8 5 1.8s5-.8 5-1.8V4.2' }],
  ],
  net: [['path', { d: 'M2.5 13h11M4 13V9.5h8V13M8 9.5V3M5.8 5.2L8 3l2.2 2.2' }]],
  device: [
    ['rect', { x: '2.5', y: '3.5', width: '11', height: '9', rx: '1.5' }],
    ['path', { d: 'M5 6.5h6M5 9.5h4' }],
  ],
  ok: [
    ['circle', { cx: '8', cy: '8', r: '6' }],
    ['path', { d: 'M5.4 8.2l1.8 1.8 3.5-3.8' }],
  ],
};

export function icon(name: keyof typeof ICONS, cls = ''): SVGSVGElement {
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

export function lineLabel(r: LspRange): string {
  return r.start.line === r.end.line || (r.end.line === r.start.line + 1 && r.end.character === 0) ? `line ${r.start.line + 1}` : `lines ${r.start.line + 1}–${r.end.line + 1}`;
}

/** The range touches the 0-based line (an end at character 0 of a later line does not count). */
export function touchesLine(r: LspRange, line: number): boolean {
  if (line < r.start.line || line > r.end.line) return false;
  return line < r.end.line || r.end.character > 0 || r.start.line === r.end.line;
}


export function badge(text: string, cls: string, title?: string): HTMLElement {
  return h('span', { class: `badge ${cls}`, text, title });
}

export function sectionHeader(title: string, count: string | undefined, ...extra: Child[]): HTMLElement {
  return h('div', { class: 'section-header' }, h('h2', { text: title }), count !== undefined ? badge(count, 'count') : null, h('span', { class: 'spacer' }), ...extra);
}

export function placeholder(text: string): HTMLElement {
  return h('p', { class: 'placeholder', text });
}
