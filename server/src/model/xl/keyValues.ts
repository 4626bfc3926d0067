/**
 * The values a release's xl takes for a setting, from the same tables the
 * port of parse_config_data matches them against (libxl's enumerations of
 * that release, xl's own lists): completion and hover offer what the target
 * accepts, not a list written once for every release.
 */
import { Recorder } from '../devices/recorder';
import { buildSettings } from '../settings';
import type { XenVersion } from '../xenVersion';
import { parse } from '../../syntax/parser';
import { EDITOR_HOST, PortContext, STOCK_GLOBALS } from './context';
import { LibxlBuilder } from './libxlObject';
import { shutdownActions } from './steps/actions';
import { dmVersions, vgaKinds } from './steps/display';
import { enumList, viridianNames } from './steps/platformEnums';
import { XluConfig } from './xluConfig';

type Values = (c: PortContext) => string[];

const libxl = (type: string, leaveOut: string[] = []): Values => (c) => enumList(c, type).filter((n) => !leaveOut.includes(n));

/** Per key, where its values come from (keys not listed take free text or numbers). */
const VALUES: Readonly<Record<string, Values>> = {
  type: () => ['pv', 'pvh', 'hvm'],
  builder: () => ['hvm', 'generic'],
  on_poweroff: shutdownActions,
  on_reboot: shutdownActions,
  on_watchdog: shutdownActions,
  on_crash: shutdownActions,
  on_soft_reset: shutdownActions,
  tsc_mode: libxl('libxl_tsc_mode'),
  timer_mode: libxl('libxl_timer_mode', ['unknown']),
  bios: libxl('libxl_bios_type', ['unknown']),
  altp2m: libxl('libxl_altp2m_mode'),
  passthrough: libxl('libxl_passthrough'),
  vuart: () => ['sbsa_uart'],
  ms_vm_genid: () => ['generate', 'none'],
  device_model_version: (c) => dmVersions(c).map(([n]) => n),
  vga: (c) => vgaKinds(c).map(([n]) => n),
  hdtype: libxl('libxl_hdtype'),
  vendor_device: libxl('libxl_vendor_device'),
  gfx_passthru: libxl('libxl_gfx_passthru_kind'),
  gic_version: libxl('libxl_gic_version'),
  tee: libxl('libxl_tee_type'),
  sve: libxl('libxl_sve_type'),
  viridian: (c) => ['defaults', 'all', ...viridianNames(c).filter(Boolean)],
  firmware: (c) => [...enumList(c, 'libxl_bios_type').filter((n) => n !== 'unknown'), 'uefi', 'bios', 'pvgrub32', 'pvgrub64'],
};

const contexts = new Map<string, PortContext>();

/** A port context with no settings, for asking the release's tables. */
function contextFor(xen: XenVersion): PortContext {
  const key = `${xen.kind} ${xen.major}.${xen.minor}.${xen.patch ?? 'x'}`;
  let c = contexts.get(key);
  if (!c) contexts.set(key, (c = new PortContext(new XluConfig(buildSettings(parse('')), new Recorder(xen), ''), new LibxlBuilder(), STOCK_GLOBALS, EDITOR_HOST)));
  return c;
}

/** The values the release's xl takes for `key`, or undefined when it has no such list (or the seed target). */
export function releaseValues(key: string, xen: XenVersion): string[] | undefined {
  const f = VALUES[key];
  if (!f || xen.kind === 'seed') return undefined;
  const values = f(contextFor(xen));
  return values.length ? values : undefined;
}
