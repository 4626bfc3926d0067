/**
 * Runs every rule on a document: text in, plain diagnostics out.
 */
import { buildSettings, SettingsModel } from '../model/settings';
import { DEFAULT_XEN_VERSION, formatVersion, isSeed, parseXenVersion, XenVersion } from '../model/xenVersion';
import { checkChannels } from './channelRules';
import { checkDevices } from './deviceRules';
import { checkDomain } from './domainRules';
import { takeChannelsOver } from '../model/channels';
import type { TextChange } from '../syntax/incremental';
import { checkRelease } from './releaseRules';
import { LazyFinding } from './lazyFinding';
import { checkReassigned } from './settingsRules';
import { LineIndex } from '../syntax/lineIndex';
import { parse } from '../syntax/parser';
import type { SyntaxTree } from '../syntax/cst';
import type { LexOptions } from '../syntax/lexer';
import type { Diagnostic } from './diagnostic';
import { applyFileDirectives, FileDirectives, readFileDirectives } from './fileDirectives';
import type { CheckOptions, DialectSetting, TargetSource } from './options';
import { finding } from './finding';
import { ruleInfo } from './rules';
import { readSwitches, Suppressions } from './suppressions';

/** The options a document was checked with, after its own `# xlcfg:` comments. */
export interface ResolvedOptions extends CheckOptions {
  xen: XenVersion;
  xenSource: TargetSource;
  dialect: DialectSetting;
}

/** The target in words: "Xen 4.17.7 (the installed xl, /usr/lib/xen-4.17/bin/xl)". */
export function describeTarget(xen: XenVersion, source: TargetSource): string {
  const name = isSeed(xen) ? 'the 2014 channel proposal (seed-2014)' : `Xen ${formatVersion(xen)}`;
  switch (source.kind) {
    case 'file':
      return `${name} (from this file's # xlcfg: xen= comment)`;
    case 'setting':
      return `${name} (from the xlcfg.xen.version setting)`;
    case 'command-line':
      return `${name} (from --xen)`;
    case 'installed':
      return `${name} (the xl installed here${source.detail ? `: ${source.detail}` : ''})`;
    default:
      return `${name} (the newest release; no xl is installed here and nothing else says which)`;
  }
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
  const withFile = base.overrideFile ? base : applyFileDirectives(base, directives);
  const fromFile = withFile.xen !== base.xen;
  const options: ResolvedOptions = {
    ...withFile,
    xen: withFile.xen ?? parseXenVersion(DEFAULT_XEN_VERSION)!,
    xenSource: fromFile ? { kind: 'file' } : (withFile.xenSource ?? { kind: 'default' }),
    dialect: withFile.dialect ?? 'auto',
  };
  return { options, directives };
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
  if (options.hiddenBom && tree.text.charCodeAt(0) !== 0xfeff) {
    raw.push(finding('syntax-bom', { start: 0, end: Math.min(1, tree.text.length) }, 'The file starts with a byte order mark (BOM) that the editor does not show: xl rejects the file. Save it as UTF-8 without BOM.'));
  }
  for (const p of tree.problems) raw.push(finding(p.code, p, p.message, { related: p.related }));
  for (const p of model.problems) raw.push(finding(p.code, p, p.message, { related: p.related }));
  const { xen } = options;
  const channelOptions = { dialect: options.dialect, xen };
  if (previous) takeChannelsOver(model, channelOptions, previous.checked.model, previous.change);
  // (Loops, not push(...spread): a hostile file can yield a six-figure number of findings.)
  for (const d of checkChannels(model, channelOptions, previous?.checked.model)) raw.push(d);
  for (const d of checkReassigned(model, { xen, lines }, previous && { model: previous.checked.model, change: previous.change })) raw.push(d);
  for (const d of checkDevices(model, { xen })) raw.push(d);
  // The global xl.conf has keys of its own: no domain rules there.
  const globalConfig = /(^|[\\/])xl\.conf$/.test(options.fileName ?? '');
  if (!globalConfig) for (const d of checkDomain(model, { xen })) raw.push(d);
  for (const d of checkRelease(model, { dialect: options.dialect, xen, globalConfig })) raw.push(d);
  // Suppression comments work on xl's lines (LF only).
  let lfIndex: LineIndex | undefined;
  const lfLines = () => (lfIndex ??= new LineIndex(tree.text, { lfOnly: true }));
  const switches = readSwitches(tree.comments, lfLines);
  const suppressions = switches.length ? new Suppressions(switches) : undefined;
  const diagnostics: Diagnostic[] = [];
  for (const d of raw) {
    // Nothing may hide or soften a finding that makes xl refuse the file: no setting, no comment.
    if (d.effect === 'xl-refuses') {
      diagnostics.push(d);
      continue;
    }
    const configured = options.rules?.[d.code];
    if (configured === 'off' || (ruleInfo(d.code).defaultOff && configured === undefined)) continue;
    if (suppressions?.has(d, lfLines())) continue;
    diagnostics.push(!configured ? d : d instanceof LazyFinding ? d.withSeverity(configured) : { ...d, severity: configured });
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
