/**
 * libxl's enumerations the platform part of parse_config_data reads values
 * into, per release (libxl_types.idl), and how libxl matches a name
 * (libxl__enum_from_string: strcasecmp, ASCII only). Also the two facts of
 * the build xl was made from that the port needs (Debian's build, the one
 * the oracle runs: pygrub is built in, firmware lives in
 * /usr/lib/xen-X.Y/boot).
 */
import type { PortContext } from '../context';

/** ASCII lower case (strcasecmp in the C locale folds nothing else). */
function lower(s: string): string {
  return s.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32));
}

/** libxl_X_from_string: the libxl name `s` stands for (case aside), or undefined. */
export function enumFrom(names: readonly string[], s: string): string | undefined {
  const l = lower(s);
  return names.find((n) => n === l);
}

/** libxl_tsc_mode: values 0..3. */
export const TSC_MODES = ['default', 'always_emulate', 'native', 'native_paravirt'] as const;

/** libxl_timer_mode: unknown is -1, the others 0..3. */
export const TIMER_MODES = ['delay_for_missed_ticks', 'no_delay_for_missed_ticks', 'no_missed_ticks_pending', 'one_missed_tick_pending'] as const;
export const TIMER_MODE_NAMES = ['unknown', ...TIMER_MODES] as const;

/** libxl_timer_mode_to_string(int): the name of a value, or undefined. */
export function timerModeName(v: number): string | undefined {
  return v === -1 ? 'unknown' : TIMER_MODES[v];
}

/** libxl_bios_type. */
export const BIOS_TYPES = ['unknown', 'rombios', 'seabios', 'ovmf'] as const;

/** libxl_altp2m_mode (4.9+): values 0..3. */
export const ALTP2M_MODES = ['disabled', 'mixed', 'external', 'limited'] as const;

/** libxl_passthrough (4.13+). */
export const PASSTHROUGH_MODES = ['default', 'disabled', 'enabled', 'sync_pt', 'share_pt'] as const;

/** libxl_smbios_type (4.18+): values 1..18. */
export const SMBIOS_TYPES = [
  'bios_vendor',
  'bios_version',
  'system_manufacturer',
  'system_product_name',
  'system_version',
  'system_serial_number',
  'baseboard_manufacturer',
  'baseboard_product_name',
  'baseboard_version',
  'baseboard_serial_number',
  'baseboard_asset_tag',
  'baseboard_location_in_chassis',
  'enclosure_manufacturer',
  'enclosure_serial_number',
  'enclosure_asset_tag',
  'battery_manufacturer',
  'battery_device_name',
  'oem',
] as const;

/** libxl_viridian_enlightenment of the release, its value being the index. */
export function viridianNames(c: PortContext): string[] {
  const names = ['base', 'freq', 'time_ref_count'];
  if (c.since(4, 6)) names.push('reference_tsc');
  if (c.since(4, 7)) names.push('hcall_remote_tlb_flush', 'apic_assist');
  if (c.since(4, 9)) names.push('crash_ctl');
  if (c.since(4, 13)) names.push('synic', 'stimer', 'hcall_ipi');
  if (c.since(4, 15)) names.push('ex_processor_masks', 'no_vp_limit', 'cpu_hotplug');
  return names;
}

/** LIBXL_BUILDINFO_HVM_VIRIDIAN_ENABLE_DISABLE_WIDTH. */
export const VIRIDIAN_WIDTH = 64;

/** HAVE_PYGRUB (4.18+ checks it): Debian's xl (and upstream's default build) has pygrub. */
export const HAVE_PYGRUB = true;

/** XENFIRMWAREDIR, where firmware= pvgrub32/64 is looked for (Debian's layout). */
export function firmwareDir(c: PortContext): string {
  return `/usr/lib/xen-${c.xen.major}.${c.xen.minor}/boot`;
}
