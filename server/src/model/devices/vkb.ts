/**
 * `vkb = [ "backend-type=linux,unique-id=..." ]` items (4.12 and later,
 * unchanged since): strtok on ',', leading spaces skipped; keys matched by
 * "key=" prefix; the numbers by strtoul (base 0, no check); anything else
 * makes xl exit. backend-type= is required; any multi-touch size turns
 * feature-multi-touch on, and feature-multi-touch needs a size. The vkbs
 * are numbered after the ones every vfb brings.
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { strtoul } from './cnum';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const VKB_BACKENDS = ['qemu', 'linux'] as const;

/** Keys and the libxl field each sets ('' for backend-type, read as an enumeration). */
const VKB_FIELDS: Record<string, [string, 'string' | 'bool' | 'uint32']> = {
  backend: ['backend_domname', 'string'],
  'backend-type': ['backend_type', 'string'],
  'unique-id': ['unique_id', 'string'],
  'feature-disable-keyboard': ['feature_disable_keyboard', 'bool'],
  'feature-disable-pointer': ['feature_disable_pointer', 'bool'],
  'feature-abs-pointer': ['feature_abs_pointer', 'bool'],
  'feature-raw-pointer': ['feature_raw_pointer', 'bool'],
  'feature-multi-touch': ['feature_multi_touch', 'bool'],
  'multi-touch-width': ['multi_touch_width', 'uint32'],
  'multi-touch-height': ['multi_touch_height', 'uint32'],
  'multi-touch-num-contacts': ['multi_touch_num_contacts', 'uint32'],
  width: ['width', 'uint32'],
  height: ['height', 'uint32'],
};
export const VKB_KEYS = Object.keys(VKB_FIELDS);

const VKB_ORDER = ['backend_domname', 'devid', 'backend_type', 'unique_id', 'feature_disable_keyboard', 'feature_disable_pointer', 'feature_abs_pointer', 'feature_raw_pointer', 'feature_multi_touch', 'width', 'height', 'multi_touch_width', 'multi_touch_height', 'multi_touch_num_contacts'];

export function vkbSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 12);
}

/** `devid`: the vkb's place among all vkbs (those of the vfbs come first). */
export function parseVkb(item: XluValue, r: XlReader, opts: { devid: number }, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const v: { [field: string]: LibxlValue } = { devid: opts.devid };
  for (const t of strtokSpaced(c.text)) {
    // MATCH_OPTION: the piece starts with "key=" (the key is everything before the first '=').
    const key = t.eq < 0 ? undefined : t.text.slice(0, t.eq - t.from);
    const f = key === undefined ? undefined : VKB_FIELDS[key];
    const value = t.eq < 0 ? '' : t.text.slice(t.eq + 1 - t.from);
    const p = t.eq >= 0 ? c.keyPiece(t.from, t.eq, t.to, f ? key : undefined) : c.piece(t.from, t.to, 'other');
    if (!f) {
      p.status = 'refused';
      c.fail(t.eq < 0 ? 'device-piece-without-equals' : 'device-unknown-key', p.key?.span ?? p.span, `${JSON.stringify(t.text)} is not a vkb setting: xl stops with "Unknown string "${t.text}" in vkb spec".`, [`Unknown string "${t.text}" in vkb spec`]);
    }
    const [field, kind] = f;
    p.field = field;
    c.override(field, p);
    if (key === 'backend-type') {
      const b = value.toLowerCase();
      if (b !== 'qemu' && b !== 'linux' && b !== 'unknown') {
        p.status = 'refused';
        c.fail('device-bad-value', p.value!.span, `${JSON.stringify(value)} is not a vkb backend type (qemu or linux): xl stops with "Unknown backend_type "${value}" in vkb spec".`, [`Unknown backend_type "${value}" in vkb spec`]);
      }
      v.backend_type = b;
    } else if (kind === 'string') v[field] = value;
    else if (kind === 'bool') v[field] = strtoul(value, 0, 0).value !== 0n;
    else v[field] = Number(BigInt.asUintN(32, strtoul(value, 0, 0).value));
  }
  if (v.backend_type === undefined || v.backend_type === 'unknown') {
    c.fail('device-missing-key', c.whole, 'A vkb needs backend-type= (qemu or linux): xl stops with "backend-type should be set in vkb spec".', ['backend-type should be set in vkb spec']);
  }
  const sized = !!(v.multi_touch_height || v.multi_touch_width || v.multi_touch_num_contacts);
  if (sized) v.feature_multi_touch = true;
  if (v.feature_multi_touch && !sized) {
    c.fail('device-missing-key', c.whole, 'feature-multi-touch needs multi-touch-width, multi-touch-height and multi-touch-num-contacts: xl stops.', ['multi-touch-width, multi-touch-height, multi-touch-num-contacts should be set for multi touch in vkb spec']);
  }
  const o: { [field: string]: LibxlValue } = {};
  for (const k of VKB_ORDER) if (v[k] !== undefined && v[k] !== false && (v[k] !== 0 || k === 'devid')) o[k] = v[k];
  if (into) into.device = o;
  return o;
}
