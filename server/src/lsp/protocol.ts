/**
 * Names the xlcfg server and its clients share: the settings section, the
 * rule documentation links and the custom requests. Declared in one place.
 */

/** The section read with workspace/configuration (VS Code settings `xlcfg.*`). */
export const SETTINGS_SECTION = 'xlcfg';

/** The `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'xlcfg';

/** Where the rule list lives; each rule has an anchor `#rule-<code>`. */
export const RULE_DOCS_URL = 'https://github.com/xlcfg/xlcfg';

export function ruleDocsHref(code: string): string {
  return `${RULE_DOCS_URL}#rule-${code}`;
}

/** The preview panel asks for the rendered preview of a document (lsp/preview.ts answers). */
export const PREVIEW_REQUEST = 'xlcfg/preview';
