/**
 * Which setting names are worth offering in this file, and which first:
 * the keys of another architecture or of another guest type than the file's
 * are left out (once the file says which), the keys nearly every config has
 * come first.
 */
import type { CheckedDocument } from '../check';
import { getKeyDoc, KeyDoc, KeyStatus } from '../docs/keys';
import { GuestType, matchBuilder, matchGuestType, scalarSetting } from '../model/guest';

/** What the file says about the guest; undefined where it says nothing. */
export interface GuestShape {
  arch?: 'x86' | 'arm';
  type?: GuestType;
}

/** The keys nearly every domain config sets, in the order they are usually written. */
export const COMMON_KEYS: readonly string[] = ['name', 'type', 'memory', 'maxmem', 'vcpus', 'maxvcpus', 'kernel', 'ramdisk', 'cmdline', 'extra', 'root', 'bootloader', 'disk', 'vif', 'boot', 'vnc', 'vfb', 'serial', 'channel', 'on_poweroff', 'on_reboot', 'on_crash', 'uuid', 'pci'];

const COMMON_RANK = new Map(COMMON_KEYS.map((k, i) => [k, i]));

function has(doc: KeyDoc | undefined, s: KeyStatus): boolean {
  return !!doc && doc.status.includes(s);
}

/**
 * The guest type as written (type=, else the deprecated builder=), and the
 * architecture: Arm when the file uses an Arm-only key, x86 when it uses an
 * x86-only key or a PV or HVM guest (Arm guests are PVH).
 */
export function guestShape(checked: CheckedDocument): GuestShape {
  const model = checked.model;
  const shape: GuestShape = {};
  const t = scalarSetting(model, 'type');
  const b = scalarSetting(model, 'builder');
  shape.type = (t && matchGuestType(t.value)) || (b && matchBuilder(b.value)) || undefined;
  let arm = false;
  let x86 = shape.type === 'pv' || shape.type === 'hvm';
  for (const key of model.effective.keys()) {
    const doc = getKeyDoc(key);
    if (has(doc, 'arm')) arm = true;
    if (has(doc, 'x86')) x86 = true;
  }
  // Both (a confused file): say nothing.
  if (arm !== x86) shape.arch = arm ? 'arm' : 'x86';
  return shape;
}

/** Whether a key applies to a guest of that shape (true when the file does not say). */
export function keyFits(doc: KeyDoc, shape: GuestShape): boolean {
  if (shape.arch === 'x86' && has(doc, 'arm')) return false;
  if (shape.arch === 'arm' && has(doc, 'x86')) return false;
  switch (shape.type) {
    case 'pv':
      return !has(doc, 'hvm-only') && !has(doc, 'pvh-only') && !has(doc, 'hvm-or-pvh');
    case 'pvh':
      return !has(doc, 'hvm-only') && !has(doc, 'pv-only');
    case 'hvm':
      return !has(doc, 'pv-only') && !has(doc, 'pvh-only') && !has(doc, 'pv-or-pvh');
    default:
      return true;
  }
}

/** The place of a key among the common ones (for sorting), or undefined. */
export function commonRank(key: string): number | undefined {
  return COMMON_RANK.get(key);
}
