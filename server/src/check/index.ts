/**
 * Runs every rule on a document: text in, plain diagnostics out.
 */
import { buildSettings, SettingsModel } from '../model/settings';
import { DEFAULT_XEN_VERSION, parseXenVersion, XenVersion } from '../model/xenVersion';
import { checkChannels } from './channelRules';
import { takeChannelsOver } from '../model/channels';
import type { TextChange } from '../syntax/incremental';
import { checkRelease } from './releaseRules';
import { LineIndex } from '../syntax/lineIndex';
import { parse } from '../syntax/parser';
import type { SyntaxTree } from '../syntax/cst';
import type { LexOptions } from '../syntax/lexer';
import type { Diagnostic } from './diagnostic';
import { applyFileDirectives, FileDirectives, readFileDirectives } from './fileDirectives';
import type { CheckOptions, DialectSetting } from './options';
import { ruleInfo } from './rules';
import { isSuppressed, readSwitches } from './suppressions';

/** The options a document was checked with, after its own `# xlcfg:` comments. */
export interface ResolvedOptions extends CheckOptions {
  xen: XenVersion;
  dialect: DialectSetting;
}

export interface CheckedDocument {
  tree: SyntaxTree;
  model: SettingsModel;
  /** Offsets <-> line/character (built on first use). */
  readonly lines: LineIndex;
  diagnostics: Diagnostic[];
  options: ResolvedOptions;
  /** The file's own `# xlcfg:` comments (read once, with the options). */
  directives: FileDirectives;
}

/** The options for a tree: `base`, then the file's `# xlcfg:` directives, then the defaults. */
export function resolveOptions(base: CheckOptions, tree: SyntaxTree): { options: ResolvedOptions; directives: FileDirectives } {
  const directives = readFileDirectives(tree);
  const withFile = applyFileDirectives(base, directives);
  return { options: { ...withFile, xen: withFile.xen ?? parseXenVersion(DEFAULT_XEN_VERSION)!, dialect: withFile.dialect ?? 'auto' }, directives };
}

export function checkText(text: string, options: CheckOptions = {}, lex: LexOptions = {}): CheckedDocument {
  return checkTree(parse(text, lex), options);
}

/**
 * Checks a tree. With `previous` (the check of the version before an edit,
 * and where the edit was), unchanged channel items are taken over from it
 * instead of read and checked again (see readChannels); the previous
 * version must not be used afterwards.
 */
export function checkTree(tree: SyntaxTree, base: CheckOptions = {}, previous?: PreviousCheck): CheckedDocument {
  const { options, directives } = resolveOptions(base, tree);
  const model = buildSettings(tree);
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(tree.text));
  const raw: Diagnostic[] = [];
  for (const p of tree.problems) raw.push({ code: p.code, severity: p.severity, message: p.message, start: p.start, end: p.end, related: p.related });
  for (const p of model.problems) raw.push({ code: p.code, severity: 'error', message: p.message, start: p.start, end: p.end, related: p.related });
  const { xen } = options;
  const channelOptions = { dialect: options.dialect, xen };
  if (previous) takeChannelsOver(model, channelOptions, previous.checked.model, previous.change);
  // (Loops, not push(...spread): a hostile file can yield a six-figure number of findings.)
  for (const d of checkChannels(model, channelOptions)) raw.push(d);
  for (const d of checkRelease(model, { dialect: options.dialect, xen, globalConfig: /(^|[\\/])xl\.conf$/.test(options.fileName ?? '') })) raw.push(d);
  // Suppression comments work on xl's lines (LF only).
  let lfIndex: LineIndex | undefined;
  const lfLines = () => (lfIndex ??= new LineIndex(tree.text, { lfOnly: true }));
  const switches = readSwitches(tree.comments, lfLines);
  const diagnostics: Diagnostic[] = [];
  for (const d of raw) {
    const info = ruleInfo(d.code);
    const configured = options.rules?.[d.code];
    if (configured === 'off' || (info.defaultOff && configured === undefined)) continue;
    if (switches.length && isSuppressed(d, switches, lfLines())) continue;
    diagnostics.push(configured && !d.code.startsWith('syntax-') ? { ...d, severity: configured } : d);
  }
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  const result = { tree, model, diagnostics, options, directives } as Omit<CheckedDocument, 'lines'>;
  return Object.defineProperty(result, 'lines', { get: lines, enumerable: true }) as CheckedDocument;
}

/** The check of the version before an edit, and the edit. */
export interface PreviousCheck {
  checked: CheckedDocument;
  change: TextChange;
}
