import type { XenVersion } from '../model/xenVersion';
import type { Severity } from '../syntax/cst';
import type { RuleCode } from './rules';

export type DialectSetting = 'auto' | 'upstream' | 'seed';

/** Where the target release came from (said in hover and the CLI's header). */
export interface TargetSource {
  kind: 'file' | 'setting' | 'command-line' | 'installed' | 'default';
  /** For 'installed': where it was seen (the xl binary or the man page). */
  detail?: string;
}

export interface CheckOptions {
  /** Channel dialect: decided per file from the keys used when 'auto'. */
  dialect?: DialectSetting;
  /** Target Xen release (default: DEFAULT_XEN_VERSION; a `# xlcfg: xen=X` comment overrides it per file). */
  xen?: XenVersion;
  /** Where `xen` came from (default: 'default'). */
  xenSource?: TargetSource;
  /** `xen` and `dialect` win over the file's `# xlcfg:` comments (a preview asked for another target). */
  overrideFile?: boolean;
  /** The document's file name, when known (the global xl.conf is not a domain config). */
  fileName?: string;
  /** Per-rule severity, or 'off'. Rules that are off by default need an entry to run. */
  rules?: Partial<Record<RuleCode, Severity | 'off'>>;
}
