/**
 * The messages between the extension (panel.ts) and the preview webview
 * (client/src/webview/preview.ts). Types only, plus a few names: the webview
 * bundle imports this file too, so it must not import `vscode`.
 */
import type { LspRange, PreviewParams, PreviewRanges, PreviewResponse } from '../../../server/src/lsp/preview';

export type { LspRange, PreviewParams, PreviewRanges, PreviewResponse };

/** The webview panel type (also the serializer's key). */
export const PREVIEW_VIEW_TYPE = 'xlcfg.preview';

/** The options form, as typed by the user ('' = default). Kept per panel. */
export interface PanelOptions {
  /** A domid number, or a placeholder name such as DOMID; '' = the `xlcfg.preview.domid` setting. */
  domid: string;
  /** A Xen release such as 4.18 or 4.18.5 or seed-2014; '' = the document's target. */
  xen: string;
  /** Show the xenstore nodes of every channel, not only the first ones. */
  allChannels?: boolean;
  /** Show every device, not only the first ones. */
  allDevices?: boolean;
}

/** What a panel remembers (the webview's setState, restored by the serializer). */
export interface PanelState {
  /** The document shown, as a URI string. */
  uri?: string;
  /** Its base name, for headings. */
  fileName?: string;
  options: PanelOptions;
  /** A locked preview stays on its document when another editor becomes active. */
  locked: boolean;
}

export type CopyWhat = 'argv' | 'shell' | 'libxl' | 'libvirt' | 'udev-rule' | 'udev-helper';

/** Extension -> webview. */
export type ToWebview =
  /** A new rendering. The webview ignores one older than what it shows (same uri, lower version). */
  | { type: 'update'; state: PanelState; response: PreviewResponse }
  /** The panel's document/options/lock changed, without new data (yet). */
  | { type: 'state'; state: PanelState }
  /** The cursor moved in the source editor: highlight what the line produced. */
  | { type: 'cursor'; uri: string; line: number; character: number }
  /** The preview could not be produced (the last good one stays visible). */
  | { type: 'error'; uri?: string; message: string }
  /** The extension put the text on the clipboard. */
  | { type: 'copied'; what: CopyWhat };

/** Webview -> extension. */
export type FromWebview =
  /** The script is running: send the current state and the last rendering. */
  | { type: 'ready' }
  /** Reveal a range of the panel's document in its editor. */
  | { type: 'reveal'; uri?: string; range: LspRange }
  /** Put text on the clipboard (the clipboard API is unreliable in webviews). */
  | { type: 'copy'; what: CopyWhat; text: string }
  /** The options form changed. */
  | { type: 'options'; options: PanelOptions }
  /** The lock toggle changed. */
  | { type: 'lock'; locked: boolean };

export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as Record<string, unknown>;
  switch (x.type) {
    case 'ready':
      return true;
    case 'reveal':
      return isRange(x.range) && (x.uri === undefined || typeof x.uri === 'string');
    case 'copy':
      return typeof x.text === 'string' && ['argv', 'shell', 'libxl', 'libvirt', 'udev-rule', 'udev-helper'].includes(x.what as string);
    case 'options': {
      const o = x.options as Record<string, unknown> | null;
      return typeof o === 'object' && o !== null && typeof o.domid === 'string' && typeof o.xen === 'string' && (o.allChannels === undefined || typeof o.allChannels === 'boolean') && (o.allDevices === undefined || typeof o.allDevices === 'boolean');
    }
    case 'lock':
      return typeof x.locked === 'boolean';
    default:
      return false;
  }
}

function isPosition(p: unknown): boolean {
  const x = p as { line?: unknown; character?: unknown } | null;
  return typeof x === 'object' && x !== null && Number.isInteger(x.line) && Number.isInteger(x.character) && (x.line as number) >= 0 && (x.character as number) >= 0;
}

export function isRange(r: unknown): r is LspRange {
  const x = r as { start?: unknown; end?: unknown } | null;
  return typeof x === 'object' && x !== null && isPosition(x.start) && isPosition(x.end);
}

/** The domid/xen options as request parameters. */
export function requestOptions(options: PanelOptions, defaultDomid?: number | string): Pick<PreviewParams, 'domid' | 'xen' | 'maxChannels' | 'maxDevices'> {
  const d = options.domid.trim();
  const domid = d === '' ? defaultDomid : /^\d+$/.test(d) ? Number(d) : d;
  const xen = options.xen.trim();
  return { ...(domid !== undefined && domid !== '' ? { domid } : {}), ...(xen ? { xen } : {}), ...(options.allChannels ? { maxChannels: 0 } : {}), ...(options.allDevices ? { maxDevices: 0 } : {}) };
}
