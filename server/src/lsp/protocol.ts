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

/**
 * The client asks whether a file it opened in a generic language (Properties,
 * INI, plain text) is a Xen domain config, before switching it to xl.cfg.
 * The client sends at most the first 64 KiB.
 */
export const DETECT_REQUEST = 'xlcfg/detectDomainConfig';

export interface DetectParams {
  text: string;
  /** For the log. */
  uri?: string;
}

export interface DetectResult {
  domainConfig: boolean;
  reason: string;
}

/**
 * What the client can do beyond LSP, said in initializationOptions.clientCommands:
 * commands the server may attach to completion items and code actions.
 */
export const CLIENT_COMMANDS = {
  /** Reopen the suggestions (after accepting `connection=`). */
  triggerSuggest: 'editor.action.triggerSuggest',
  /** Convert the document's line endings to LF with the editor's own end-of-line setting (args: the document URI). */
  convertToLf: 'xlcfg.convertLineEndingsToLf',
  /** Save the document without its byte order mark (args: the document URI). */
  saveWithoutBom: 'xlcfg.saveWithoutBom',
} as const;

export interface XlcfgInitializationOptions {
  /** Commands of CLIENT_COMMANDS the client runs. */
  clientCommands?: string[];
  /** Settings, for clients without workspace/configuration. */
  settings?: unknown;
}

/** The client changed a document's file on disk without an edit (saved it without its BOM): the server reads the file's facts again. */
export const FILE_CHANGED_NOTIFICATION = 'xlcfg/fileChangedOnDisk';
