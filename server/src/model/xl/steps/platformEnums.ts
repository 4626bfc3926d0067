/**
 * libxl's enumerations the platform part of parse_config_data reads values
 * into, per release (libxl_types.idl), and how libxl matches a name
 * (libxl__enum_from_string: strcasecmp, ASCII only). Also the two facts of
 * the build xl was made from that the port needs (Debian's build, the one
 * the oracle runs: pygrub is built in, firmware lives in
 * /usr/lib/xen-X.Y/boot).
 */
import { libxlEnumValues } from '../../libxlIdl';
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

/**
 * The names of a libxl enumeration at the release, indexed by value (from
 * server/data/libxl-idl.json, libxl_types.idl at each tag); a value with
 * no name is absent. Empty when the release has no such enumeration.
 */
export function enumNames(c: PortContext, type: string): string[] {
  const out: string[] = [];
  for (const v of libxlEnumValues(type, c.xen) ?? []) if (v.value >= 0) out[v.value] = v.name;
  return out;
}

/** The names alone, in value order (for messages and completion). */
export function enumList(c: PortContext, type: string): string[] {
  return (libxlEnumValues(type, c.xen) ?? []).map((v) => v.name);
}

/** libxl_X_to_string(value): the name of a value, or undefined. */
export function enumName(c: PortContext, type: string, value: number): string | undefined {
  return libxlEnumValues(type, c.xen)?.find((v) => v.value === value)?.name;
}

/** libxl_viridian_enlightenment of the release, its value being the index. */
export function viridianNames(c: PortContext): string[] {
  return enumNames(c, 'libxl_viridian_enlightenment');
}

/** LIBXL_BUILDINFO_HVM_VIRIDIAN_ENABLE_DISABLE_WIDTH. */
export const VIRIDIAN_WIDTH = 64;

/** HAVE_PYGRUB (4.18+ checks it): Debian's xl (and upstream's default build) has pygrub. */
export const HAVE_PYGRUB = true;

/** XENFIRMWAREDIR, where firmware= pvgrub32/64 is looked for (Debian's layout). */
export function firmwareDir(c: PortContext): string {
  return `/usr/lib/xen-${c.xen.major}.${c.xen.minor}/boot`;
}
