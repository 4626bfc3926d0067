/**
 * `dtdev = [ "/path/in/host/device/tree" ]` items (4.6 and later): each
 * string is taken whole as the path; nothing is checked by xl.
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { DeviceSpec, ItemContext } from './spec';

export function dtdevSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 6);
}

export function parseDtdev(item: XluValue, r: XlReader, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const p = c.piece(0, c.text.length, 'positional');
  p.name = 'path';
  p.field = 'path';
  const o = { path: c.text };
  if (into) into.device = o;
  return o;
}
