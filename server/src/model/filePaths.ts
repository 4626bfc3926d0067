/**
 * The settings whose value is a file on the host (a kernel, a ramdisk, a
 * bootloader, firmware): every absolute path written in them, with the range
 * of the string that holds it. Relative paths and bare names (bootloader =
 * "pygrub", firmware = "uefi") mean nothing on their own and are left out.
 */
import type { Span } from '../syntax/cst';
import type { SettingsModel } from './settings';

/** Keys whose (string) value is a path to a file on the host. */
export const PATH_KEYS: ReadonlySet<string> = new Set([
  'kernel',
  'ramdisk',
  'bootloader',
  'firmware',
  'device_model_override',
  'bios_path_override',
  'pvshim_path',
  'stubdomain_kernel',
  'stubdomain_ramdisk',
  'acpi_firmware',
  'smbios_firmware',
  'device_tree',
]);

export interface FilePath {
  key: string;
  /** The path as xl reads it (escapes decoded). */
  path: string;
  /** The string's content, between its quotes. */
  span: Span;
}

export function filePaths(model: SettingsModel): FilePath[] {
  const out: FilePath[] = [];
  for (const s of model.settings) {
    if (!PATH_KEYS.has(s.name) || s.op !== '=') continue;
    const v = s.node.value;
    if (v.kind !== 'string' || !v.value.startsWith('/') || v.value.includes('\0')) continue;
    // The content ends before the closing quote (an unterminated string has none).
    const closed = v.end - v.start >= 2 && model.tree.text[v.end - 1] === v.quote;
    out.push({ key: s.name, path: v.value, span: { start: v.start + 1, end: closed ? v.end - 1 : v.end } });
  }
  return out;
}
