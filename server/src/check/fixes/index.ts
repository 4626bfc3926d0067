/**
 * Quick fixes: pure functions from a diagnostic (and the checked document it
 * came from) to fixes made of plain offset edits. The LSP layer
 * (lsp/codeActions.ts), the CLI and the tests all come through here.
 *
 * Which function fixes which rule is decided by FIX_PROVIDERS below, matched
 * on the diagnostic's code. Every provider that matches contributes; then the
 * "Disable CODE for this line / in this file" fixes are added for every rule a
 * suppression comment can silence.
 */
import type { CheckedDocument } from '../index';
import type { Diagnostic } from '../diagnostic';
import type { Fix } from '../edit';
import type { RuleCode } from '../rules';
import { disableFixes } from './disableFixes';
import { channelFixes } from './channelFixes';
import { releaseFixes } from './releaseFixes';
import { syntaxFixes } from './syntaxFixes';

export interface FixOptions {
  /**
   * The client accepts snippet edits (tab stops such as ${1:name}); when
   * false, providers must write plain text (placeholders with their default).
   */
  snippets?: boolean;
}

/** Computes the fixes of one diagnostic. Must not throw and must not mutate its arguments. */
export type FixFunction = (d: Diagnostic, doc: CheckedDocument, options: FixOptions) => Fix[];

export interface FixProvider {
  /** For messages and tests. */
  name: string;
  /** The codes this provider fixes. */
  matches: (code: RuleCode) => boolean;
  fixes: FixFunction;
}

/** Matches codes that start with a prefix, e.g. 'syntax-'. */
export const codesStartingWith =
  (prefix: string) =>
  (code: RuleCode): boolean =>
    code.startsWith(prefix);

/**
 * The built-in providers, by rule family.
 *
 * EXTENSION POINT (channel round): the channel fixes plug in here, e.g.
 *   import { channelFixes } from './channelFixes';
 *   { name: 'channel', matches: codesStartingWith('channel-'), fixes: (d, _doc, o) => channelFixes(d, o) },
 * (or at run time with registerFixProvider). The fix harness used by the tests
 * (test/unit/fixHarness.ts, assertFixIsClean) goes through fixesFor, so it
 * covers whatever is registered.
 */
const FIX_PROVIDERS: FixProvider[] = [
  { name: 'syntax', matches: codesStartingWith('syntax-'), fixes: (d, doc) => syntaxFixes(d, doc) },
  { name: 'channel', matches: codesStartingWith('channel-'), fixes: (d, _doc, options) => channelFixes(d, options) },
  { name: 'release', matches: (code) => code === 'xen-key-unknown', fixes: (d) => releaseFixes(d) },
];

const registered: FixProvider[] = [];

/** Adds a provider (after the built-in ones). Returns a function that removes it again. */
export function registerFixProvider(provider: FixProvider): () => void {
  registered.push(provider);
  return () => {
    const i = registered.indexOf(provider);
    if (i >= 0) registered.splice(i, 1);
  };
}

export function fixProviders(): readonly FixProvider[] {
  return [...FIX_PROVIDERS, ...registered];
}

/** The fixes that repair the problem itself (no suppression fixes). */
export function ruleFixes(d: Diagnostic, doc: CheckedDocument, options: FixOptions = {}): Fix[] {
  const out: Fix[] = [];
  for (const p of fixProviders()) {
    if (!p.matches(d.code)) continue;
    try {
      out.push(...p.fixes(d, doc, options));
    } catch {
      // A broken provider must not take the other fixes (or the server) down.
    }
  }
  return out;
}

/** Every fix for a diagnostic: its own fixes (preferred first), then the two suppression fixes. */
export function fixesFor(d: Diagnostic, doc: CheckedDocument, options: FixOptions = {}): Fix[] {
  const own = ruleFixes(d, doc, options);
  own.sort((a, b) => Number(!!b.preferred) - Number(!!a.preferred));
  return [...own, ...disableFixes(d, doc)];
}

export { canDisable, disableFixes, disableForLineFix, disableInFileFix } from './disableFixes';
export { syntaxFixes } from './syntaxFixes';
