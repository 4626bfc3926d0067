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
}

export function previewModel(model: SettingsModel, options: PreviewOptions): PreviewResult {
  const domain = renderDomainFromModel(model, { dialect: options.dialect, xen: options.xen });
  const { dialect: _dialect, ...renderOptions } = options;
  return renderPreview(domain, renderOptions);
}
