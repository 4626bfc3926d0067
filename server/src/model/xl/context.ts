/**
 * What every step of the parse_config_data port works with: the release,
 * libxlu's view of the file, the reporter, the libxl object being built,
 * xl's global settings (xl.conf) and the host xl asks about, and the local
 * variables parse_config_data carries from one part to the next.
 */
import type { Span } from '../../syntax/cst';
import { atLeast, inRange, type XenVersion } from '../xenVersion';
import type { LibxlBuilder } from './libxlObject';
import type { XlEvent, XlReader } from './types';
import type { XluConfig, XluSetting } from './xluConfig';

/** xl's global settings (xl.c, read from xl.conf): stock values when xl.conf is empty. */
export interface XlGlobals {
  runHotplugScripts: boolean;
  claimMode: boolean;
  /** -1: libxl's default. */
  maxGrantFrames: number;
  maxMaptrackFrames: number;
  /** -1: libxl's default (LIBXL_MAX_GRANT_DEFAULT). */
  maxGrantVersion: number;
  blkdevStart?: string;
  /** bootloader_restrict from xl.conf (4.18+): undefined when xl.conf does not set it. */
  bootloaderRestrict?: boolean;
  defaultVifScript?: string;
  defaultBridge?: string;
  defaultGatewayDev?: string;
  defaultVifBackend?: string;
}

export const STOCK_GLOBALS: XlGlobals = {
  runHotplugScripts: true,
  claimMode: true,
  maxGrantFrames: -1,
  maxMaptrackFrames: -1,
  maxGrantVersion: -1,
};

/** What xl learns from the hypervisor (libxl_get_physinfo and friends). */
export interface XlHost {
  /** Physical cpus (cpu bitmaps are sized from it). */
  nrCpus: number;
  nrNodes: number;
  memMb: number;
}

/**
 * The host the editor and `xlcfg show` assume when nothing says which: one
 * any guest fits (Xen's default NR_CPUS on x86 and its NUMA node limit), so
 * that no finding depends on a machine xlcfg cannot see.
 */
export const EDITOR_HOST: XlHost = { nrCpus: 256, nrNodes: 64, memMb: 1 << 30 };

/** The host the real-xl oracle fakes (its shim's defaults). */
export const ORACLE_HOST: XlHost = { nrCpus: 8, nrNodes: 1, memMb: 16384 };

/** Locals of parse_config_data that later parts read. */
export interface PortState {
  type: 'pv' | 'pvh' | 'hvm';
  /** vcpus= as read (0 when not set). */
  vcpus: bigint;
  pciMsitranslate: bigint;
  pciPowerMgmt: bigint;
  pciPermissive: bigint;
  pciSeize: bigint;
  /** b_info's rdm policy as set by rdm= (libxl's string name), if any. */
  rdmPolicy?: string;
  /** How many vfb items were read (vkb devids continue after them). */
  vfbs: number;
}

export class PortContext {
  /** Something xl builds that the port leaves out as too large to build (the reading goes on; show cannot print it). */
  limit?: string;

  readonly state: PortState = { type: 'pv', vcpus: 0n, pciMsitranslate: 0n, pciPowerMgmt: 0n, pciPermissive: 0n, pciSeize: 0n, vfbs: 0 };

  constructor(
    readonly cfg: XluConfig,
    readonly out: LibxlBuilder,
    readonly globals: XlGlobals,
    readonly host: XlHost,
  ) {}

  get xen(): XenVersion {
    return this.cfg.xen;
  }

  get r(): XlReader {
    return this.cfg.reader;
  }

  get source(): string {
    return this.cfg.source;
  }

  /** The release is at least major.minor.patch (a branch without a patch: its newest point release). */
  since(major: number, minor: number, patch = 0): boolean {
    return atLeast(this.xen, major, minor, patch);
  }

  /** The release is in [from, to) (to excluded). */
  between(from: [number, number, number?], to: [number, number, number?]): boolean {
    return inRange(this.xen, from, to);
  }

  /** xl prints `lines` (each a line of stderr) and goes on. */
  warn(code: string, message: string, lines: string[], at?: Span | XluSetting): void {
    this.r.warn(event(code, message, lines, at));
  }

  /** Something xl does without a word (the finding is ours alone): reported as a warning event with no xl lines. */
  warnSilent(code: string, message: string, at?: Span | XluSetting, variant?: string): void {
    this.r.warn({ ...event(code, message, [], at), variant });
  }

  /** xl prints `lines` and exits with `rc`. */
  fail(code: string, message: string, lines: string[], at?: Span | XluSetting, rc = 1): never {
    return this.r.fail(event(code, message, lines, at), rc);
  }
}

function event(code: string, message: string, lines: string[], at?: Span | XluSetting): Omit<XlEvent, 'severity'> {
  const span = at && 'value' in at ? at.value.span : (at as Span | undefined);
  return { code, message, xl: lines, span };
}

/** exit(-ERROR_FAIL) and friends: the status the shell sees (exit's argument modulo 256). */
export function exitStatus(code: number): number {
  return ((code % 256) + 256) % 256;
}

/** libxl's ERROR_FAIL (exit(-ERROR_FAIL) exits 3). */
export const ERROR_FAIL = -3;
