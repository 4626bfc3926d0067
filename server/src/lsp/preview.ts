/**
 * The `xlcfg/preview` request: the rendered preview of one open document
 * (xenstore tree, qemu argv, libvirt XML, guest udev rule, the problems that
 * stop a channel from rendering), for the preview panel.
 *
 * The renderer works on offsets (`Span`); this layer adds, next to the
 * untouched `PreviewResult`, every span converted to an LSP range
 * (0-based line, UTF-16 character), so clients need no offset math.
 *
 * Wiring (server/src/lsp/connection.ts):
 *   registerPreview(connection, async (uri) => { const d = documents.get(uri); return d && checked(d); });
 */
import type { CancellationToken, Connection, Range } from 'vscode-languageserver';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CheckedDocument } from '../check';
import { checkTree } from '../check';
import type { Diagnostic } from '../check/diagnostic';
import type { DialectSetting } from '../check/options';
import { gravestFirst } from '../check/order';
import type { Effect } from '../check/rules';
import { formatVersion, parseXenVersion, XenVersion } from '../model/xenVersion';
import { deviceCount, liveChannelCount, previewModel } from '../render/previewDocument';
import type { DomidText, PreviewResult } from '../render/types';
import type { Span } from '../syntax/cst';
import { errorText } from './errorText';
import { PREVIEW_REQUEST } from './protocol';

export { PREVIEW_REQUEST };

/** An LSP range (0-based line, 0-based UTF-16 character, end exclusive). */
export type LspRange = Range;

export interface PreviewParams {
  /** The document (must be open in the server). */
  uri: string;
  /**
   * The version the client has. When the server's copy is older (a change
   * still on its way), the answer is `null`: the client asks again.
   */
  version?: number;
  /** Guest domid: a number, or a placeholder name such as "DOMID" (the default). */
  domid?: number | string;
  /** Target Xen release, e.g. "4.18" or "4.18.5" or "seed-2014"; default: the document's (settings + `# xlcfg: xen=`). */
  xen?: string;
  /** Channel dialect; default: the document's. */
  dialect?: DialectSetting;
  /**
   * The xenstore nodes of at most this many channels are sent (default 16;
   * 0 = all); the argv, XML and udev rule always cover every channel.
   */
  maxChannels?: number;
  /**
   * At most this many devices (with their xenstore nodes, qemu arguments and
   * notes) are sent (default 16; 0 = all); the shell line keeps every device's
   * arguments.
   */
  maxDevices?: number;
}

/** Every span of `PreviewResult`, as LSP ranges, index for index (`null` where the item has no span). */
export interface PreviewRanges {
  /** `preview.xenstore[i].span` */
  xenstore: (LspRange | null)[];
  /** `preview.xenstoreDirs[i].span` */
  xenstoreDirs: (LspRange | null)[];
  /** `preview.qemu.argv[i].span` (the most specific one) */
  argv: (LspRange | null)[];
  /** `preview.qemu.argv[i].spans` (every contributing span; `[span]` when only `span` is set; `[]` when none) */
  argvAll: LspRange[][];
  /** `findings[i]` */
  findings: LspRange[];
  /** `preview.notes[i].span` */
  notes: (LspRange | null)[];
  /** `preview.channels[i].span` */
  channels: (LspRange | null)[];
  /** `preview.devices.list[i].span` */
  devices: (LspRange | null)[];
  /** `preview.devices.xenstore[i].span` */
  deviceXenstore: (LspRange | null)[];
  /** `preview.devices.xenstoreDirs[i].span` */
  deviceXenstoreDirs: (LspRange | null)[];
  /** `preview.devices.notRendered[i].span` */
  devicesNotRendered: LspRange[];
  /** `preview.libxl.rows[i].span` */
  libxlRows: (LspRange | null)[];
  /** `preview.libxl.stop.span` */
  libxlStop: LspRange | null;
}

/** A finding of the checker about the file, for the target the preview renders (the same as the editor's diagnostics when the panel keeps the document's target). */
export interface PreviewFinding {
  code: string;
  severity: Diagnostic['severity'];
  effect: Effect;
  message: string;
  start: number;
  end: number;
}

export interface PreviewResponse {
  uri: string;
  /** The document version that was rendered. */
  version: number;
  preview: PreviewResult;
  /**
   * What the checker finds in the file for the rendered target, those with the
   * gravest effect first (xl refusing the file leads); at most MAX_FINDINGS.
   */
  findings: PreviewFinding[];
  /** How many findings there are in all (more than `findings.length` when cut). */
  findingCount: number;
  ranges: PreviewRanges;
  /** What the preview was rendered with (after defaults and the file's own `# xlcfg:` comments). */
  used: {
    /** The target release, formatted ("4.20", "4.18.5", "seed-2014"). */
    xen: string;
    /** Whether `xen` came from the request or from the document (settings + file comment). */
    xenFrom: 'request' | 'document';
    /** The document's own target, for "default" labels in option forms. */
    documentXen: string;
    dialect: DialectSetting;
    /** The domid as rendered (the renderer's placeholder when none was given). */
    domid: DomidText;
  };
  /** Request options that were ignored, and why. */
  warnings: string[];
  /**
   * Channels left out of the tree and the argv list (maxChannels): how many,
   * and how many nodes and arguments that is. `preview.qemu.shell` stays whole.
   */
  omitted?: {
    channels: number;
    xenstoreEntries: number;
    argv: number;
    shown: number;
    /**
     * Set for a list of more than PARTIAL_ABOVE channels: only the channels
     * shown were rendered, so the shell line, the XML and the udev rule cover
     * only them too, and `xenstoreEntries` and `argv` are estimated from them.
     */
    partial?: true;
  };
  /**
   * Devices left out (maxDevices): how many, and how many nodes, arguments
   * and notes that is. `preview.qemu.shell` stays whole.
   */
  omittedDevices?: {
    devices: number;
    xenstoreEntries: number;
    argv: number;
    notes: number;
    shown: number;
    /**
     * Set for more than PARTIAL_ABOVE devices: only the first items of each
     * device setting were rendered, so the shell line covers only them, and
     * the counts are estimated.
     */
    partial?: true;
  };
}

/** What the handler needs about a document: a CachedDocument (documentCache.ts) fits. */
export interface PreviewSource {
  checked: CheckedDocument;
  /** The document version that was checked (default: `document.version`). */
  version?: number;
  document?: { version: number };
}

export type GetChecked = (uri: string) => PreviewSource | undefined | null | Promise<PreviewSource | undefined | null>;

/** How many findings a response holds (the editor shows them all; the panel leads with the gravest). */
export const MAX_FINDINGS = 200;

/** How many channels' xenstore nodes a response holds unless the client asks for all. */
export const DEFAULT_MAX_CHANNELS = 16;

/** How many devices a response holds unless the client asks for all. */
export const DEFAULT_MAX_DEVICES = 16;

/**
 * Above this many channels (or devices) only the ones shown are rendered:
 * rendering a list of 26,000 channels whole took seconds and made a 9 MB answer.
 */
export const PARTIAL_ABOVE = 1000;

/**
 * Keeps the xenstore nodes, channel views and -chardev arguments of the first
 * `max` channels; the shell line, the XML and the udev rule stay whole.
 */
export function limitChannels(preview: PreviewResult, max: number): { preview: PreviewResult; omitted?: PreviewResponse['omitted'] } {
  if (max <= 0 || preview.channels.length <= max) return { preview };
  const keep = (channelIndex: number) => channelIndex < max;
  const remap = new Map<number, number>();
  const xenstore = preview.xenstore.filter((e, i) => {
    if (!keep(e.channelIndex)) return false;
    remap.set(i, remap.size);
    return true;
  });
  const xenstoreDirs = preview.xenstoreDirs.filter((d) => keep(d.channelIndex)).map((d) => ({ ...d, entries: d.entries.map((i) => remap.get(i)!) }));
  const channels = preview.channels.filter((c) => keep(c.index));
  const argv = preview.qemu.argv.filter((a) => a.channelIndex === undefined || keep(a.channelIndex));
  return {
    preview: { ...preview, xenstore, xenstoreDirs, channels, qemu: { ...preview.qemu, argv } },
    omitted: { channels: preview.channels.length - channels.length, xenstoreEntries: preview.xenstore.length - xenstore.length, argv: preview.qemu.argv.length - argv.length, shown: channels.length },
  };
}

/**
 * Keeps the first `max` devices of the devices section, with their xenstore
 * nodes, qemu arguments and notes; the shell line stays whole.
 */
export function limitDevices(preview: PreviewResult, max: number): { preview: PreviewResult; omitted?: PreviewResponse['omittedDevices'] } {
  const devices = preview.devices;
  if (max <= 0 || devices.list.length <= max) return { preview };
  const keep = (i: number | undefined) => i === undefined || i < max;
  const remap = new Map<number, number>();
  const xenstore = devices.xenstore.filter((e, i) => {
    if (!keep(e.deviceIndex)) return false;
    remap.set(i, remap.size);
    return true;
  });
  const xenstoreDirs = devices.xenstoreDirs.filter((d) => keep(d.deviceIndex)).map((d) => ({ ...d, entries: d.entries.map((i) => remap.get(i)!) }));
  const list = devices.list.slice(0, max);
  const argv = preview.qemu.argv.filter((a) => keep(a.deviceIndex));
  const notes = preview.notes.filter((n) => keep(n.deviceIndex));
  return {
    preview: { ...preview, notes, devices: { ...devices, list, xenstore, xenstoreDirs }, qemu: { ...preview.qemu, argv } },
    omitted: {
      devices: devices.list.length - list.length,
      xenstoreEntries: devices.xenstore.length - xenstore.length,
      argv: preview.qemu.argv.length - argv.length,
      notes: preview.notes.length - notes.length,
      shown: list.length,
    },
  };
}

/** The preview of the first channels of a long list (rendered alone), with what was left out, estimated. */
function partialPreview(preview: PreviewResult, total: number): { preview: PreviewResult; omitted: PreviewResponse['omitted'] } {
  const shown = preview.channels.length;
  const left = total - shown;
  const perChannel = (n: number) => (shown ? Math.round((n / shown) * left) : 0);
  const xenstoreOfChannels = preview.xenstore.filter((e) => e.channelIndex >= 0).length;
  const argvOfChannels = preview.qemu.argv.filter((a) => a.channelIndex !== undefined).length;
  return { preview, omitted: { channels: left, xenstoreEntries: perChannel(xenstoreOfChannels), argv: perChannel(argvOfChannels), shown, partial: true } };
}

/** The last answers per checked document (one document version), by request options. */
const answers = new WeakMap<CheckedDocument, Map<string, PreviewResponse>>();

/** The renderer's default domid (a placeholder). */
export const DEFAULT_DOMID: DomidText = 'DOMID';

const DOMID_PLACEHOLDER = /^[A-Za-z_<][A-Za-z0-9_<>-]*$/;
const DIALECTS: readonly DialectSetting[] = ['auto', 'upstream', 'seed'];

/** Checks the domid option: a domid number (0..32767) or a placeholder name. */
export function parseDomid(value: unknown): { domid?: DomidText; warning?: string } {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value < 0x7ff0) return { domid: value };
    return { warning: `domid ${value} is not a domain id (0..32751); using ${DEFAULT_DOMID}.` };
  }
  if (typeof value === 'string') {
    const t = value.trim();
    if (/^\d+$/.test(t)) return parseDomid(Number(t));
    if (DOMID_PLACEHOLDER.test(t) && t.length <= 64) return { domid: t };
    return { warning: `domid ${JSON.stringify(value.slice(0, 80))} is neither a number nor a placeholder name; using ${DEFAULT_DOMID}.` };
  }
  return { warning: `domid must be a number or a placeholder name; using ${DEFAULT_DOMID}.` };
}

/** Converts every span of a preview to LSP ranges. `positionAt` maps a UTF-16 offset to a position. */
export function previewRanges(preview: PreviewResult, positionAt: (offset: number) => { line: number; character: number }): PreviewRanges {
  const range = (span: Span | undefined): LspRange | null => (span ? { start: positionAt(span.start), end: positionAt(span.end) } : null);
  return {
    xenstore: preview.xenstore.map((e) => range(e.span)),
    xenstoreDirs: preview.xenstoreDirs.map((d) => range(d.span)),
    argv: preview.qemu.argv.map((a) => range(a.span)),
    argvAll: preview.qemu.argv.map((a) => (a.spans?.length ? a.spans : a.span ? [a.span] : []).map((s) => range(s)!)),
    findings: [],
    notes: preview.notes.map((p) => range(p.span)),
    channels: preview.channels.map((c) => range(c.span)),
    devices: preview.devices.list.map((d) => range(d.span)),
    deviceXenstore: preview.devices.xenstore.map((e) => range(e.span)),
    deviceXenstoreDirs: preview.devices.xenstoreDirs.map((d) => range(d.span)),
    devicesNotRendered: preview.devices.notRendered.map((n) => range(n.span)!),
    libxlRows: preview.libxl?.rows.map((r) => range(r.span)) ?? [],
    libxlStop: range(preview.libxl?.stop?.span),
  };
}

/**
 * Answers one preview request. `null` when the document is not open in the
 * server, or when the server's copy is older than the client's `version`.
 */
export async function handlePreviewRequest(params: PreviewParams, getChecked: GetChecked): Promise<PreviewResponse | null> {
  if (!params || typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'xlcfg/preview: params.uri must be a string');
  const source = await getChecked(params.uri);
  if (!source) return null;
  const version = source.version ?? source.document?.version ?? 0;
  if (typeof params.version === 'number' && version < params.version) return null;
  const { checked } = source;
  const warnings: string[] = [];

  let xen: XenVersion = checked.options.xen;
  let xenFrom: 'request' | 'document' = 'document';
  if (typeof params.xen === 'string' && params.xen.trim() !== '') {
    const v = parseXenVersion(params.xen);
    if (v) {
      xen = v;
      xenFrom = 'request';
    } else {
      warnings.push(`xen ${JSON.stringify(params.xen.slice(0, 80))} is not a Xen release (such as 4.18 or 4.18.5); using ${formatVersion(checked.options.xen)}.`);
    }
  }

  let dialect: DialectSetting = checked.options.dialect;
  if (params.dialect !== undefined && params.dialect !== null) {
    if (DIALECTS.includes(params.dialect)) dialect = params.dialect;
    else warnings.push(`dialect ${JSON.stringify(params.dialect)} is not auto, upstream or seed; using ${dialect}.`);
  }

  const d = parseDomid(params.domid);
  if (d.warning) warnings.push(d.warning);
  const domid = d.domid ?? DEFAULT_DOMID;

  const max = typeof params.maxChannels === 'number' && Number.isFinite(params.maxChannels) ? Math.max(0, Math.floor(params.maxChannels)) : DEFAULT_MAX_CHANNELS;
  const maxDevices = typeof params.maxDevices === 'number' && Number.isFinite(params.maxDevices) ? Math.max(0, Math.floor(params.maxDevices)) : DEFAULT_MAX_DEVICES;
  // One rendering per document version and options (typing re-renders; asking again does not).
  const key = `${params.uri}\0${version}\0${formatVersion(xen)}\0${xen.kind}\0${dialect}\0${domid}\0${max}\0${maxDevices}`;
  let perDoc = answers.get(checked);
  if (!perDoc) answers.set(checked, (perDoc = new Map()));
  const hit = perDoc.get(key);
  if (hit) return { ...hit, warnings };
  const total = liveChannelCount(checked.model, { dialect, xen });
  const partial = max > 0 && total > PARTIAL_ABOVE;
  const devicesTotal = deviceCount(checked.model, xen);
  const devicesPartial = maxDevices > 0 && devicesTotal > PARTIAL_ABOVE;
  const rendered = previewModel(checked.model, { xen, dialect, domid, ...(partial ? { onlyChannels: max } : {}), ...(devicesPartial ? { onlyDevices: maxDevices } : {}) });
  const { preview: channelsCut, omitted } = partial ? partialPreview(rendered, total) : limitChannels(rendered, max);
  const devicesCut = limitDevices(channelsCut, maxDevices);
  const preview = devicesCut.preview;
  let omittedDevices = devicesCut.omitted;
  if (devicesPartial) {
    // Only the first items of each device setting were rendered: estimate the rest from them.
    const shown = omittedDevices?.shown ?? channelsCut.devices.list.length;
    const left = Math.max(0, devicesTotal - shown);
    const per = (n: number) => (shown ? Math.round((n / shown) * left) : 0);
    const nodes = channelsCut.devices.xenstore.length;
    const args = channelsCut.qemu.argv.filter((a) => a.deviceIndex !== undefined).length;
    const notes = channelsCut.notes.filter((n) => n.deviceIndex !== undefined).length;
    omittedDevices = { devices: left, xenstoreEntries: per(nodes), argv: per(args), notes: per(notes), shown, partial: true };
  }
  // The checker's findings for the target rendered (the document's own check when the panel keeps its target).
  const forTarget = xenFrom === 'document' && dialect === checked.options.dialect ? checked : checkTree(checked.tree, { ...checked.options, xen, dialect, overrideFile: true });
  const all = forTarget.diagnostics;
  const findings = gravestFirst(all).slice(0, MAX_FINDINGS).map(({ code, severity, effect, message, start, end }) => ({ code, severity, effect, message, start, end }));
  const ranges = previewRanges(preview, (o) => checked.lines.positionAt(o));
  ranges.findings = findings.map((f) => ({ start: checked.lines.positionAt(f.start), end: checked.lines.positionAt(f.end) }));
  const answer: PreviewResponse = {
    uri: params.uri,
    version,
    preview,
    findings,
    findingCount: all.length,
    ranges,
    used: { xen: formatVersion(xen), xenFrom, documentXen: formatVersion(checked.options.xen), dialect, domid },
    warnings,
    ...(omitted ? { omitted } : {}),
    ...(omittedDevices ? { omittedDevices } : {}),
  };
  if (perDoc.size > 8) perDoc.clear();
  perDoc.set(key, answer);
  return answer;
}

/** What registerPreview needs of a connection (a vscode-languageserver Connection fits). */
export interface PreviewConnection {
  onRequest: Connection['onRequest'];
  console?: { error(message: string): void };
}

/** Handles `xlcfg/preview` on the connection. */
export function registerPreview(connection: PreviewConnection, getChecked: GetChecked): void {
  connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams, token: CancellationToken): Promise<PreviewResponse | null> => {
    if (token?.isCancellationRequested) return null;
    try {
      const result = await handlePreviewRequest(params, getChecked);
      return token?.isCancellationRequested ? null : result;
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      const message = errorText(e);
      connection.console?.error(`preview failed for ${params?.uri}: ${message}`);
      throw new ResponseError(ErrorCodes.InternalError, `xlcfg/preview failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}
