/**
 * The preview of a whole document: settings model -> renderer input ->
 * xenstore tree, qemu argv and the rest. Plain data in, plain data out; used
 * by the CLI, the language server's xlcfg/preview request and the benchmark.
 */
import type { SettingsModel } from '../model/settings';
import type { XenVersion } from '../model/xenVersion';
import { renderDomainFromModel } from './fromModel';
import { readDevices, type DeviceDocument } from '../model/devices/document';
import type { RenderOptions } from './input';
import { libxlPreview } from './libxlPreview';
import { renderPreview } from './preview';
import type { PreviewResult } from './types';

export interface PreviewOptions extends Omit<RenderOptions, 'xen'> {
  xen: XenVersion;
  dialect?: 'auto' | 'upstream' | 'seed';
  /** Render only the first this many channels (a list of thousands is not rendered whole: see lsp/preview.ts). */
  onlyChannels?: number;
  /** Render only the first this many items of each device setting (likewise). */
  onlyDevices?: number;
}

export function previewModel(model: SettingsModel, options: PreviewOptions): PreviewResult {
  const domain = renderDomainFromModel(model, { dialect: options.dialect, xen: options.xen });
  const { dialect: _dialect, onlyChannels, onlyDevices, ...renderOptions } = options;
  if (onlyChannels !== undefined && domain.channels.length > onlyChannels) domain.channels = domain.channels.slice(0, onlyChannels);
  if (onlyDevices !== undefined && domain.devices) domain.devices = firstDevices(domain.devices, onlyDevices);
  const result = renderPreview(domain, renderOptions);
  if (options.xen.kind !== 'seed') result.libxl = libxlPreview(model, options.xen);
  return result;
}

/** The same device settings with at most `n` items each. */
function firstDevices(doc: DeviceDocument, n: number): DeviceDocument {
  return { ...doc, settings: doc.settings.map((s) => (s.items.length > n ? { ...s, items: s.items.slice(0, n) } : s)) };
}

/** The device settings whose items become devices of the devices section. */
const PREVIEW_FAMILIES = new Set(['disk', 'vif', 'vfb', 'vkb', 'vtpm', 'p9', 'pvcalls', 'vdispl', 'virtio']);

/** How many device items the preview of this model would show, all told (without rendering them). */
export function deviceCount(model: SettingsModel, xen: XenVersion): number {
  let n = 0;
  for (const s of readDevices(model, xen).settings) if (PREVIEW_FAMILIES.has(s.key)) n += s.items.length;
  return n;
}

/** How many channels the preview of this model would show, all told. */
export { liveChannelCount } from './fromModel';
