/**
 * The command line, read with node:util parseArgs: `xlcfg COMMAND [OPTIONS] FILE...`.
 * Each command declares its options; the options several commands share
 * (--xen, --dialect) are defined and read here.
 */
import { parseArgs, ParseArgsConfig } from 'node:util';
import type { DialectSetting } from '../check/options';
import type { TargetSource } from '../check/options';
import { findInstalledXen } from '../host/installedXen';
import { DEFAULT_XEN_VERSION, parseXenVersion, versionProblem, XenVersion } from '../model/xenVersion';

/** A mistake on the command line: the message, then a pointer to --help. */
export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  files: string[];
}

/** --xen VERSION (--target is an alias) and --dialect, for the commands that check. */
export const TARGET_OPTIONS: OptionSpec = {
  xen: { type: 'string' },
  target: { type: 'string' },
  dialect: { type: 'string' },
};

/** Every command takes --help. */
const HELP: OptionSpec = { help: { type: 'boolean', short: 'h' } };

/** parseArgs' own errors in our words (it names the option in quotes). */
function usageMessage(e: { code?: string; message: string }): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? e.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(e.message) ? `${option} takes no value` : `${option} needs a value`;
    default:
      return e.message;
  }
}

export function readArgs(argv: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...HELP, ...options }, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], files: positionals };
  } catch (e) {
    const err = e as { code?: string; message: string };
    if (typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(usageMessage(err));
    throw e;
  }
}

export function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const v = args.values[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return v as T;
}

/** --xen / --target: a release, seed-2014, or xen-4.5+ (the default release). */
export function xenOption(args: ParsedArgs): XenVersion | undefined {
  const raw = args.values.xen ?? args.values.target;
  if (raw === undefined) return undefined;
  const text = String(raw) === 'xen-4.5+' ? DEFAULT_XEN_VERSION : String(raw);
  const v = parseXenVersion(text);
  if (!v) throw new UsageError(`--xen: ${versionProblem(text)}`);
  return v;
}

/** The target and where it comes from: --xen, else the xl installed here, else the newest release (a file's own comment still wins for that file). */
export function targetOption(args: ParsedArgs): { xen: XenVersion; xenSource: TargetSource } {
  const xen = xenOption(args);
  if (xen) return { xen, xenSource: { kind: 'command-line' } };
  const installed = findInstalledXen();
  const found = installed && parseXenVersion(installed.version);
  if (found) return { xen: found, xenSource: { kind: 'installed', detail: installed.from } };
  return { xen: parseXenVersion(DEFAULT_XEN_VERSION)!, xenSource: { kind: 'default' } };
}

export function dialectOption(args: ParsedArgs): DialectSetting {
  return oneOf<DialectSetting>(args, 'dialect', ['auto', 'upstream', 'seed'], 'auto');
}
