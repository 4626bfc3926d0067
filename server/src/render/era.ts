/**
 * Every place where what libxl writes for consoles and channels depends on the
 * Xen release. Each decision is a function of the target version, so that
 * each boundary can be tested on both sides.
 *
 * Facts checked against the Xen tree (tags RELEASE-x.y.z); the commit that
 * moves each boundary is named next to it. A version without a point release
 * ("4.18") stands for the newest point release of its branch (as everywhere in
 * xlcfg): it has every backport; "4.18.0" has none.
 */
import { atLeast, formatVersion, isSeed, type XenVersion } from '../model/xenVersion';
import { xlLeavesDevidUnset as xlLeavesChannelDevidUnset } from '../model/xl/steps/channel';

type Release = readonly [major: number, minor: number, patch: number];

/**
 * True when `v` contains a change first released in `first`, or backported to
 * the branch of `v` in one of `backports` (the first point release of that
 * branch that has it).
 */
export function hasChange(v: XenVersion, first: Release, backports: readonly Release[] = []): boolean {
  if (isSeed(v)) return false;
  if (atLeast(v, ...first)) return true;
  return backports.some(([ma, mi, p]) => v.major === ma && v.minor === mi && (v.patch ?? Number.POSITIVE_INFINITY) >= p);
}

export function isSeedEra(v: XenVersion): boolean {
  return isSeed(v);
}

// ---------------------------------------------------------------------------
// Channel devids

/**
 * xl sets channel.devid = list index (its ARRAY_EXTEND_INIT macro) in the seed
 * and in every release until "tools/xl: fix channel configuration setting"
 * (e1ccced4af, 4.21.0; backports 4.18.5, 4.19.2, 4.20.1), after which xl
 * leaves it at -1.
 */
export function xlLeavesDevidUnset(v: XenVersion): boolean {
  // The port of xl's channel reading decides it (one fact, one place).
  return xlLeavesChannelDevidUnset(v);
}

/**
 * From 4.11.0 (3a66796347, "libxl: set channel devid when not provided by
 * application") libxl turns an unset channel devid into index + 1 and takes the
 * console devid from the channel devid. Before, the console devid was always
 * index + 1 and the channel devid was used only for the chardev id.
 */
export function libxlConsoleDevidFromChannel(v: XenVersion): boolean {
  return hasChange(v, [4, 11, 0]);
}

export type DevidPolicy = 'xl' | 'explicit' | 'unset';

export interface Devids {
  /** channel.devid after libxl's defaulting: used in `libxl-channel<devid>`. */
  channelDevid: number;
  /** The console's devid: xenstore paths, /dev/hvcN. */
  consoleDevid: number;
}

export function channelDevids(v: XenVersion, policy: DevidPolicy, index: number): Devids {
  let devid: number;
  if (policy === 'explicit') devid = index + 1;
  else if (policy === 'unset') devid = -1;
  else devid = xlLeavesDevidUnset(v) ? -1 : index;
  if (libxlConsoleDevidFromChannel(v)) {
    if (devid === -1) devid = index + 1;
    return { channelDevid: devid, consoleDevid: devid };
  }
  return { channelDevid: devid, consoleDevid: index + 1 };
}

/** libxl refuses a console 0 with a name or path ("Primary console has invalid configuration"); not in the seed. */
export function refusesNamedPrimaryConsole(v: XenVersion): boolean {
  return !isSeed(v);
}

// ---------------------------------------------------------------------------
// xenstore key set

/**
 * /libxl/D/device/console/K copy of the backend keys, and the backend `name`
 * key: XSA-178 series (811b188add, deffd3cc8a, ca04e01490), 4.7.0, backported
 * to 4.5.4 and 4.6.3.
 */
export function hasLibxlDeviceCopy(v: XenVersion): boolean {
  return hasChange(v, [4, 7, 0], [
    [4, 5, 4],
    [4, 6, 3],
  ]);
}

export function backendHasNameKey(v: XenVersion): boolean {
  return hasLibxlDeviceCopy(v);
}

/** Backends carry `domain = <guest name>` only in the seed (removed by 8722dd6c59 before 4.5.0). */
export function backendHasDomainKey(v: XenVersion): boolean {
  return isSeed(v);
}

/** Upstream keys (connection/path in the backend, output `pty` for pty channels) vs the seed's. */
export function channelKeySet(v: XenVersion): 'seed' | 'upstream' {
  return isSeed(v) ? 'seed' : 'upstream';
}

// ---------------------------------------------------------------------------
// When qemu runs

/** Seed: any channel starts the xenpv qemu; 4.5+: only a channel whose backend is the toolstack domain. */
export function anyChannelStartsQemu(v: XenVersion): boolean {
  return isSeed(v);
}

/** `type="pvh"` exists (PVHv2) from 4.10.0; before, xl does not know it and builds a PV guest. */
export function supportsPvh(v: XenVersion): boolean {
  return hasChange(v, [4, 10, 0]);
}

/**
 * 4.10.0 gives PVH's xenpv qemu no -xen-attach; "-xen-attach is needed for pvh
 * boot with qemu-xen" (3e3d89a6d1, 4.11.0; backported as 6f1979c8e4 to 4.10.1)
 * gives it to every non-HVM guest.
 */
export function pvhGetsXenAttach(v: XenVersion): boolean {
  return hasChange(v, [4, 11, 0], [[4, 10, 1]]);
}

/** qemu-xen-traditional removed in 4.21.0 (19ab8356ab): xl rejects device_model_version=qemu-xen-traditional. */
export function hasQemuTraditional(v: XenVersion): boolean {
  return !hasChange(v, [4, 21, 0]);
}

// ---------------------------------------------------------------------------
// qemu argv

/** `server,nowait` until f3f778c817 (4.16.0, backported to 4.15.1): `server=on,wait=off`. */
export function socketServerSuffix(v: XenVersion): 'server,nowait' | 'server=on,wait=off' {
  return hasChange(v, [4, 16, 0], [[4, 15, 1]]) ? 'server=on,wait=off' : 'server,nowait';
}

/** A vncpasswd gives `-vnc ...,password=on` from 4.16.0 (217eef30f7, not backported), `,password` before. */
export function vncPasswordOn(v: XenVersion): boolean {
  return hasChange(v, [4, 16, 0]);
}

/** `-vnc none` and `-display none` when no display is configured: 6616c4d6fe, 4.5.1 (so 4.6.0 too). */
export function hasDisplayNone(v: XenVersion): boolean {
  return hasChange(v, [4, 5, 1]);
}

/** 4.6.0 adds `-no-shutdown` (after the QMP -chardev) and the libxenstat QMP monitor. */
export function hasNoShutdown(v: XenVersion): boolean {
  return hasChange(v, [4, 6, 0]);
}

export function hasLibxenstatMonitor(v: XenVersion): boolean {
  return hasChange(v, [4, 6, 0]);
}

/** From 4.14.0 (7efd9f3d45) `-no-shutdown` comes right after `-xen-domid D`. */
export function noShutdownAfterDomid(v: XenVersion): boolean {
  return hasChange(v, [4, 14, 0]);
}

/** `-no-user-config` after `-nodefaults`: 4.7.0. */
export function hasNoUserConfig(v: XenVersion): boolean {
  return hasChange(v, [4, 7, 0]);
}

/** HVM `-machine xenfv,suppress-vmdesc=on`: 0a5e0ce0fb, 4.15.0. */
export function hasSuppressVmdesc(v: XenVersion): boolean {
  return hasChange(v, [4, 15, 0]);
}

/** HVM qemu gets XEN_DOMAIN_ID=D in its environment: c2517364eb, 4.15.0. */
export function hasXenDomainIdEnv(v: XenVersion): boolean {
  return hasChange(v, [4, 15, 0]);
}

/**
 * XEN_QEMU_CONSOLE_LIMIT=1048576 in qemu's environment (XSA-180): 4.7.0,
 * backported to 4.5.4 and 4.6.3; dropped by 15bbbecad5 in 4.20.0 (not
 * backported: 4.19.x keeps it).
 */
export function hasConsoleLimitEnv(v: XenVersion): boolean {
  return (
    hasChange(v, [4, 7, 0], [
      [4, 5, 4],
      [4, 6, 3],
    ]) && !hasChange(v, [4, 20, 0])
  );
}

/** HVM qemu may get `-runas <user>` (master: `-run-with user=`) at the end, from 4.7.0. */
export function mayRunAsUser(v: XenVersion): boolean {
  return hasChange(v, [4, 7, 0]);
}

/** Which §4.4 argv template the version uses (for display and tests). */
export function argvTemplate(v: XenVersion): 'seed/4.5.0' | '4.5.1-4.5.x' | '4.6' | '4.7-4.13' | '4.14-4.15.0' | '4.15.1+' {
  if (!hasDisplayNone(v)) return 'seed/4.5.0';
  if (!hasNoShutdown(v)) return '4.5.1-4.5.x';
  if (!hasNoUserConfig(v)) return '4.6';
  if (!noShutdownAfterDomid(v)) return '4.7-4.13';
  if (socketServerSuffix(v) === 'server,nowait') return '4.14-4.15.0';
  return '4.15.1+';
}

export function targetLabel(v: XenVersion): string {
  return isSeed(v) ? 'seed-2014 (2014 channel proposal v2)' : `Xen ${formatVersion(v)}`;
}

/** The decisions above for one version, for display next to the preview. */
export function eraSummary(v: XenVersion): Record<string, string | boolean> {
  return {
    keySet: channelKeySet(v),
    argvTemplate: argvTemplate(v),
    socketFlags: socketServerSuffix(v),
    xlLeavesDevidUnset: xlLeavesDevidUnset(v),
    libxlConsoleDevidFromChannel: libxlConsoleDevidFromChannel(v),
    libxlDeviceCopy: hasLibxlDeviceCopy(v),
    backendNameKey: backendHasNameKey(v),
    backendDomainKey: backendHasDomainKey(v),
    consoleLimitEnv: hasConsoleLimitEnv(v),
    xenDomainIdEnv: hasXenDomainIdEnv(v),
    anyChannelStartsQemu: anyChannelStartsQemu(v),
    qemuTraditional: hasQemuTraditional(v),
  };
}
