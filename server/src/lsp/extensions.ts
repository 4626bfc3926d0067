/**
 * The one place where key-specific language features plug into the generic
 * providers. Called once when the server starts.
 *
 * EXTENSION POINTS:
 *   - completion inside and around `channel` strings:
 *       registerValueCompletionProvider('channel', (ctx) => PlainCompletion[] | undefined)   (lsp/completion.ts)
 *   - hover inside `channel` strings:
 *       registerStringHoverProvider('channel', (ctx) => HoverResult | undefined)              (lsp/hover.ts)
 *   - outline children of `channel` (named by the channel's name=):
 *       registerListItemSymbolProvider('channel', (item, index, key, checked) => ListItemSymbol | undefined)  (lsp/symbols.ts)
 *   - quick fixes for channel-* diagnostics: add a provider to FIX_PROVIDERS in
 *       check/fixes/index.ts (core, also used by the CLI and the fix harness).
 */
import { channelCompletion, channelHover, channelSymbol } from './channelFeatures';
import { registerValueCompletionProvider } from './completion';
import { registerStringHoverProvider } from './hover';
import { registerListItemSymbolProvider } from './symbols';

export function registerLanguageExtensions(): void {
  registerValueCompletionProvider('channel', channelCompletion);
  registerStringHoverProvider('channel', channelHover);
  registerListItemSymbolProvider('channel', channelSymbol);
}
