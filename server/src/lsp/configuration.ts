/**
 * The `xlcfg.*` settings: reading them from the client (workspace/configuration,
 * per document), normalising whatever arrives, and turning them plus the
 * file's own `# xlcfg: ...` directives into the checker's CheckOptions.
 *
 *   xlcfg.channel.dialect   auto | upstream | seed          (default auto)
 *   xlcfg.xen.version       a Xen release such as "4.17"    (default "": the installed xl's, else the newest)
 *   xlcfg.rules             { CODE: error|warning|information|hint|off }
 *   xlcfg.manPage.enabled   show the installed xl.cfg(5) in hovers (default true)
 *   xlcfg.manPage.path      the man page file or directory ("" = search)
 */
import { resolveOptions } from '../check';
import type { FileDirectives } from '../check/fileDirectives';
import type { CheckOptions, DialectSetting, TargetSource } from '../check/options';
import { RULES, RuleCode } from '../check/rules';
import { DEFAULT_XEN_VERSION, parseXenVersion, versionProblem, XenVersion } from '../model/xenVersion';
import type { Severity, SyntaxTree } from '../syntax/cst';

export type RuleSetting = Severity | 'off';

export interface XlcfgSettings {
  channel: { dialect: DialectSetting };
  xen: { version: string };
  rules: Partial<Record<RuleCode, RuleSetting>>;
  manPage: { enabled: boolean; path: string };
}

export const DEFAULT_SETTINGS: XlcfgSettings = Object.freeze({
  channel: Object.freeze({ dialect: 'auto' as DialectSetting }),
  xen: Object.freeze({ version: '' }),
  rules: Object.freeze({}),
  manPage: Object.freeze({ enabled: true, path: '' }),
}) as XlcfgSettings;

const DIALECTS: readonly DialectSetting[] = ['auto', 'upstream', 'seed'];
const RULE_SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];

export interface NormalizedSettings {
  settings: XlcfgSettings;
  /** What was ignored and why (logged by the server). */
  warnings: string[];
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Reads `a.b` from a nested object, or the flat key "a.b" (some clients send flat keys). */
function pick(raw: Record<string, unknown>, path: string): unknown {
  if (path in raw) return raw[path];
  let cur: unknown = raw;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/**
 * Turns whatever the client sent for the `xlcfg` section into complete,
 * valid settings; invalid entries fall back to their defaults (with a warning).
 * Accepts `{ xlcfg: {...} }` too.
 */
export function normalizeSettings(raw: unknown): NormalizedSettings {
  const warnings: string[] = [];
  let src: Record<string, unknown> = isObject(raw) ? raw : {};
  if (isObject(src.xlcfg)) src = src.xlcfg;
  const settings: XlcfgSettings = {
    channel: { dialect: DEFAULT_SETTINGS.channel.dialect },
    xen: { version: DEFAULT_SETTINGS.xen.version },
    rules: {},
    manPage: { enabled: DEFAULT_SETTINGS.manPage.enabled, path: DEFAULT_SETTINGS.manPage.path },
  };

  const dialect = pick(src, 'channel.dialect');
  if (dialect !== undefined && dialect !== null) {
    if (typeof dialect === 'string' && DIALECTS.includes(dialect.toLowerCase() as DialectSetting)) settings.channel.dialect = dialect.toLowerCase() as DialectSetting;
    else warnings.push(`xlcfg.channel.dialect: ${JSON.stringify(dialect)} is not auto, upstream or seed; using auto.`);
  }

  const version = pick(src, 'xen.version');
  if (version !== undefined && version !== null && version !== '') {
    const text = typeof version === 'number' ? String(version) : version;
    if (typeof text === 'string' && parseXenVersion(text)) settings.xen.version = text.trim();
    else warnings.push(`xlcfg.xen.version: ${typeof text === 'string' ? versionProblem(text) : `${JSON.stringify(version)} is not a Xen version`}; using the default target.`);
  }

  const rules = pick(src, 'rules');
  if (isObject(rules)) {
    for (const [code, value] of Object.entries(rules)) {
      if (!RULES.has(code as RuleCode)) {
        warnings.push(`xlcfg.rules: unknown rule '${code}' ignored.`);
        continue;
      }
      const v = typeof value === 'string' ? value.toLowerCase() : value;
      const mapped = v === 'info' ? 'information' : v === 'none' || v === false ? 'off' : v;
      if (typeof mapped === 'string' && RULE_SETTINGS.includes(mapped as RuleSetting)) settings.rules[code as RuleCode] = mapped as RuleSetting;
      else warnings.push(`xlcfg.rules.${code}: ${JSON.stringify(value)} is not error, warning, information, hint or off; ignored.`);
    }
  } else if (rules !== undefined && rules !== null) {
    warnings.push('xlcfg.rules must be an object { "rule-code": "warning", ... }; ignored.');
  }

  const enabled = pick(src, 'manPage.enabled');
  if (typeof enabled === 'boolean') settings.manPage.enabled = enabled;
  else if (enabled !== undefined && enabled !== null) warnings.push('xlcfg.manPage.enabled must be true or false; using true.');
  const path = pick(src, 'manPage.path');
  if (typeof path === 'string') settings.manPage.path = path;
  else if (path !== undefined && path !== null) warnings.push('xlcfg.manPage.path must be a string; ignored.');

  return { settings, warnings };
}

export interface DocumentOptions {
  options: CheckOptions;
  directives: FileDirectives;
  /** The release the file is checked for. */
  xen: XenVersion;
}

/** The file name of a document URI (for rules that depend on it, e.g. xl.conf). */
export function fileNameOf(uri: string): string | undefined {
  try {
    const u = new URL(uri);
    return decodeURIComponent(u.pathname) || undefined;
  } catch {
    return undefined;
  }
}

/** The target when no setting or file comment names one: the installed xl's release, else the newest. */
export interface DefaultTarget {
  xen: XenVersion;
  source: TargetSource;
}

export const NEWEST_TARGET: DefaultTarget = { xen: parseXenVersion(DEFAULT_XEN_VERSION)!, source: { kind: 'default' } };

/** The check options the settings give a document (its own `# xlcfg:` directives go on top: resolveOptions). */
export function settingsOptions(settings: XlcfgSettings, uri?: string, fallback: DefaultTarget = NEWEST_TARGET): CheckOptions {
  const configured = settings.xen.version ? parseXenVersion(settings.xen.version) : undefined;
  const base: CheckOptions = {
    dialect: settings.channel.dialect,
    xen: configured ?? fallback.xen,
    xenSource: configured ? { kind: 'setting' } : fallback.source,
    rules: settings.rules,
  };
  const fileName = uri ? fileNameOf(uri) : undefined;
  if (fileName) base.fileName = fileName;
  return base;
}

/** The check options for one document: the settings, then the file's `# xlcfg:` directives on top. */
export function checkOptionsFor(settings: XlcfgSettings, tree: SyntaxTree, uri?: string, fallback: DefaultTarget = NEWEST_TARGET): DocumentOptions {
  const { options, directives } = resolveOptions(settingsOptions(settings, uri, fallback), tree);
  return { options, directives, xen: options.xen };
}

/** Asks the client for the `xlcfg` section of one document; undefined when it cannot. */
export type ConfigurationFetcher = (uri: string) => Promise<unknown>;

/**
 * The settings of each open document, fetched once and kept until the
 * configuration changes. Without a fetcher (the client cannot answer
 * workspace/configuration), the settings pushed with didChangeConfiguration
 * apply to every document.
 */
export class SettingsStore {
  private readonly perUri = new Map<string, Promise<XlcfgSettings>>();
  private readonly resolved = new Map<string, XlcfgSettings>();
  private global: XlcfgSettings = DEFAULT_SETTINGS;
  /** Bumped on every change: cached results made with older settings are stale. */
  generation = 0;

  constructor(
    private readonly fetcher: ConfigurationFetcher | undefined,
    private readonly warn: (message: string) => void = () => {},
    /** How long to wait for the client before using the defaults. */
    private readonly timeoutMs = 5000,
  ) {}

  get(uri: string): Promise<XlcfgSettings> {
    const have = this.perUri.get(uri);
    if (have) return have;
    if (!this.fetcher) return Promise.resolve(this.global);
    const generation = this.generation;
    const p = this.fetch(uri).then((s) => {
      if (generation === this.generation) this.resolved.set(uri, s);
      return s;
    });
    this.perUri.set(uri, p);
    return p;
  }

  /** The settings when already known (no waiting). */
  peek(uri: string): XlcfgSettings | undefined {
    return this.fetcher ? this.resolved.get(uri) : this.global;
  }

  private async fetch(uri: string): Promise<XlcfgSettings> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const raw = await Promise.race([
        this.fetcher!(uri),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), this.timeoutMs);
        }),
      ]);
      const { settings, warnings } = normalizeSettings(raw);
      for (const w of warnings) this.warn(w);
      return settings;
    } catch (e) {
      this.warn(`could not read the xlcfg settings: ${e instanceof Error ? e.message : String(e)}`);
      return this.global;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** The configuration changed: forget everything; `pushed` is what didChangeConfiguration carried. */
  changed(pushed?: unknown): void {
    this.generation++;
    this.perUri.clear();
    this.resolved.clear();
    if (pushed !== undefined && pushed !== null) {
      const { settings, warnings } = normalizeSettings(pushed);
      if (!this.fetcher) for (const w of warnings) this.warn(w);
      this.global = settings;
    }
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
    this.resolved.delete(uri);
  }
}
