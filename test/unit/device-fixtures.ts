/**
 * Helpers for the device preview tests: render a config for a release and
 * read back a device's directories and arguments.
 */
import assert from 'node:assert/strict';
import { checkText } from '../../server/src/check';
import { parseXenVersion } from '../../server/src/model/xenVersion';
import { previewModel } from '../../server/src/render/previewDocument';
import type { ArgvItem, DeviceView, PreviewResult, XenstoreEntry } from '../../server/src/render/types';

export interface Rendered {
  text: string;
  p: PreviewResult;
}

/** The preview of `text` for release `xen`, guest domid 7. */
export function show(text: string, xen = '4.20', options: { deviceNodes?: number } = {}): Rendered {
  const v = parseXenVersion(xen);
  assert.ok(v, xen);
  const doc = checkText(text, { xen: v });
  return { text, p: previewModel(doc.model, { xen: v, domid: 7, ...options }) };
}

export const HVM = 'name = "h"\nbuilder = "hvm"\nmemory = 512\n';
export const PV = 'name = "p"\nkernel = "/k"\nmemory = 512\n';

/** The one device of `family` (the `n`th, counting from 0). */
export function dev(r: Rendered, family: string, n = 0): DeviceView {
  const all = r.p.devices.list.filter((d) => d.family === family);
  assert.ok(all[n], `no ${family} ${n} among ${r.p.devices.list.map((d) => `${d.family} ${d.label}`).join(', ')}`);
  return all[n];
}

/** A directory's nodes (not the directory node itself) as [key, value] pairs, in write order. */
export function keys(r: Rendered, path: string): Array<[string, string]> {
  return entries(r, path).map((e) => [e.key, e.value]);
}

export function entries(r: Rendered, path: string): XenstoreEntry[] {
  const d = r.p.devices.xenstoreDirs.find((x) => x.path === path);
  assert.ok(d, `no directory ${path} among ${r.p.devices.xenstoreDirs.map((x) => x.path).join(' ')}`);
  return d.entries.map((i) => r.p.devices.xenstore[i]).filter((e) => !e.isDir);
}

/** One node by its full path. */
export function node(r: Rendered, path: string): XenstoreEntry {
  const e = r.p.devices.xenstore.find((x) => x.path === path);
  assert.ok(e, `no node ${path}`);
  return e;
}

/** A node's value as a map key -> value (for spot checks). */
export function values(r: Rendered, path: string): Record<string, string> {
  return Object.fromEntries(keys(r, path));
}

/** The config text a span covers. */
export function spanText(r: Rendered, s: { start: number; end: number } | undefined): string | undefined {
  return s && r.text.slice(s.start, s.end);
}

/** Every device argument, as values. */
export function deviceArgs(r: Rendered): string[] {
  return r.p.qemu.argv.filter((a) => a.origin === 'disk' || a.origin === 'nic').map((a) => a.value);
}

/** The device arguments of one device. */
export function argsOf(r: Rendered, d: DeviceView): ArgvItem[] {
  return r.p.qemu.argv.filter((a) => a.deviceIndex === d.index);
}

export function noteCodes(r: Rendered): string[] {
  return r.p.notes.map((n) => n.code);
}
