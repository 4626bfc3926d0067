/**
 * Runs every rule on a document: text in, plain diagnostics out.
 */
import { buildSettings, SettingsModel } from '../model/settings';
import { DEFAULT_XEN_VERSION, formatVersion, isSeed, parseXenVersion, XenVersion } from '../model/xenVersion';
import { checkChannels } from './channelRules';
import { checkRelease } from './releaseRules';
import { checkReassigned } from './settingsRules';
import { LineIndex } from '../syntax/lineIndex';
import { parse } from '../syntax/parser';
import type { SyntaxTree } from '../syntax/cst';
import type { LexOptions } from '../syntax/lexer';
import type { Diagnostic } from './diagnostic';
import { applyFileDirectives, readFileDirectives } from './fileDirectives';
import type { CheckOptions, DialectSetting, TargetSource } from './options';
import { finding } from './finding';
import { ruleInfo } from './rules';
import { isSuppressed, readSwitches } from './suppressions';

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
}

export function checkText(text: string, options: CheckOptions = {}, lex: LexOptions = {}): CheckedDocument {
  return checkTree(parse(text, lex), options);
}

export function checkTree(tree: SyntaxTree, base: CheckOptions = {}): CheckedDocument {
  const withFile = applyFileDirectives(base, readFileDirectives(tree));
  const fromFile = withFile.xen !== base.xen;
  const options: ResolvedOptions = {
    ...withFile,
    xen: withFile.xen ?? parseXenVersion(DEFAULT_XEN_VERSION)!,
    xenSource: fromFile ? { kind: 'file' } : (withFile.xenSource ?? { kind: 'default' }),
    dialect: withFile.dialect ?? 'auto',
  };
  const model = buildSettings(tree);
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(tree.text));
  const raw: Diagnostic[] = [];
  for (const p of tree.problems) raw.push(finding(p.code, p, p.message, { related: p.related }));
  for (const p of model.problems) raw.push(finding(p.code, p, p.message, { related: p.related }));
  const { xen } = options;
  // (Loops, not push(...spread): a hostile file can yield a six-figure number of findings.)
  for (const d of checkChannels(model, { dialect: options.dialect, xen })) raw.push(d);
  for (const d of checkReassigned(model, { xen })) raw.push(d);
  for (const d of checkRelease(model, { dialect: options.dialect, xen, globalConfig: /(^|[\\/])xl\.conf$/.test(options.fileName ?? '') })) raw.push(d);
  // Suppression comments work on xl's lines (LF only).
  let lfIndex: LineIndex | undefined;
  const lfLines = () => (lfIndex ??= new LineIndex(tree.text, { lfOnly: true }));
  const switches = readSwitches(tree.comments, lfLines);
  const diagnostics: Diagnostic[] = [];
  for (const d of raw) {
    // Nothing may hide or soften a finding that makes xl refuse the file: no setting, no comment.
    if (d.effect === 'xl-refuses') {
      diagnostics.push(d);
      continue;
    }
    const configured = options.rules?.[d.code];
    if (configured === 'off' || (ruleInfo(d.code).defaultOff && configured === undefined)) continue;
    if (switches.length && isSuppressed(d, switches, lfLines())) continue;
    diagnostics.push(configured ? { ...d, severity: configured } : d);
  }
  diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  const result = { tree, model, diagnostics, options } as Omit<CheckedDocument, 'lines'>;
  return Object.defineProperty(result, 'lines', { get: lines, enumerable: true }) as CheckedDocument;
}
