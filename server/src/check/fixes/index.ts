/**
 * Quick fixes: pure functions from a diagnostic (and the checked document it
 * came from) to fixes made of plain offset edits. The LSP layer
 * (lsp/codeActions.ts), the CLI and the tests all come through here.
 *
 * Each rule family (the `category` of its table entry) has its fix module;
 * a new family (e.g. devices) adds its case to familyFixes. Then the
 * "Disable CODE for this line / in this file" fixes are added for every rule
 * a suppression comment can silence.
 */
import type { CheckedDocument } from '../index';
import type { Diagnostic } from '../diagnostic';
import type { Fix } from '../edit';
import { ruleInfo } from '../rules';
import { disableFixes } from './disableFixes';
import { channelFixes } from './channelFixes';
import { deviceFixes } from './deviceFixes';
import { releaseFixes } from './releaseFixes';
import { settingsFixes } from './settingsFixes';
import { syntaxFixes } from './syntaxFixes';

export interface FixOptions {
  /**
   * The client accepts snippet edits (tab stops such as ${1:name}); when
   * false, fixes must write plain text (placeholders with their default).
   */
  snippets?: boolean;
}

/** The fixes of the diagnostic's own rule family. */
function familyFixes(d: Diagnostic, doc: CheckedDocument, options: FixOptions): Fix[] {
  switch (ruleInfo(d.code).category) {
    case 'syntax':
      return syntaxFixes(d, doc);
    case 'settings':
      return settingsFixes(d, doc);
    case 'channel':
      return channelFixes(d, options);
    case 'release':
      return releaseFixes(d);
    case 'device':
      return deviceFixes(d);
    default:
      return [];
  }
}

/** The fixes that repair the problem itself (no suppression fixes). */
export function ruleFixes(d: Diagnostic, doc: CheckedDocument, options: FixOptions = {}): Fix[] {
  try {
    return familyFixes(d, doc, options);
  } catch {
    // A broken fix must not take the other actions (or the server) down.
    return [];
  }
}

/** Every fix for a diagnostic: its own fixes (preferred first), then the two suppression fixes. */
export function fixesFor(d: Diagnostic, doc: CheckedDocument, options: FixOptions = {}): Fix[] {
  const own = ruleFixes(d, doc, options);
  own.sort((a, b) => Number(!!b.preferred) - Number(!!a.preferred));
  return [...own, ...disableFixes(d, doc)];
}

export { canDisable, disableFixes, disableForLineFix, disableInFileFix } from './disableFixes';
export { syntaxFixes } from './syntaxFixes';
