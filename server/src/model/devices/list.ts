/**
 * xl's loops over device lists. Most read items with xlu_cfg_get_listitem
 * until it answers NULL, which it does at the end and at the first item that
 * is not a string: xl then silently stops there, the items after it are
 * never read.
 */
import type { XluList, XluString, XluValue } from '../xl/types';

/** The items xl reads from a device list: those before the first that is not a string. */
export function stringItems(list: XluList): XluString[] {
  const out: XluString[] = [];
  for (const item of list.items) {
    if (item.kind !== 'string') break;
    out.push(item);
  }
  return out;
}

/** Reads every item xl reads, in order (`read` may throw XlExit: xl stops there). */
export function readList<T>(list: XluList, read: (item: XluString, index: number) => T): T[] {
  return stringItems(list).map((item, i) => read(item, i));
}

/** The first item xl never reads because an item before it is not a string, if any. */
export function firstDropped(list: XluList): { index: number; item: XluValue } | undefined {
  const k = list.items.findIndex((i) => i.kind !== 'string');
  return k < 0 ? undefined : { index: k, item: list.items[k] };
}
