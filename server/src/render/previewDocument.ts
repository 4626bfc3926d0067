/**
 * The preview of a whole document: settings model -> renderer input ->
 * xenstore tree, qemu argv and the rest. Plain data in, plain data out; used
 * by the CLI, the language server's xlcfg/preview request and the benchmark.
 */
import type { SettingsModel } from '../model/settings';
import type { XenVersion } from '../model/xenVersion';
import { renderDomainFromModel } from './fromModel';
import type { RenderOptions } from './input';
import { renderPreview } from './preview';
import type { PreviewResult } from './types';

export interface PreviewOptions extends Omit<RenderOptions, 'xen'> {
  xen: XenVersion;
  dialect?: 'auto' | 'upstream' | 'seed';
  /** Render only the first this many channels (a list of thousands is not rendered whole: see lsp/preview.ts). */
  onlyChannels?: number;
}

export function previewModel(model: SettingsModel, options: PreviewOptions): PreviewResult {
  const domain = renderDomainFromModel(model, { dialect: options.dialect, xen: options.xen });
  const { dialect: _dialect, onlyChannels, ...renderOptions } = options;
  if (onlyChannels !== undefined && domain.channels.length > onlyChannels) domain.channels = domain.channels.slice(0, onlyChannels);
  return renderPreview(domain, renderOptions);
}

/** How many channels the preview of this model would show, all told. */
export { liveChannelCount } from './fromModel';
