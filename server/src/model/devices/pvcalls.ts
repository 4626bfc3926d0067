/**
 * `pvcalls = [ "backend=DOM" ]` items (4.11 and later, unchanged since):
 * strtok on ',', leading spaces skipped; a piece without '=' silently ends
 * the item; only backend= is known, anything else makes xl exit.
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export function pvcallsSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 11);
}

export function parsePvcalls(item: XluValue, r: XlReader, opts: { index: number }, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  let backend: string | undefined;
  for (const t of strtokSpaced(c.text)) {
    if (t.eq < 0) {
      c.piece(t.from, t.to, 'other', 'ignored');
      c.warn('device-piece-without-equals', c.span(t.from, t.to), `${JSON.stringify(t.text)} has no '=': xl silently stops reading this pvcalls entry here, so everything after it is ignored.`);
      c.unread(t.to + 1);
      break;
    }
    const key = t.text.slice(0, t.eq - t.from);
    const p = c.keyPiece(t.from, t.eq, t.to, key);
    if (key !== 'backend') {
      p.status = 'refused';
      p.name = undefined;
      c.fail('device-unknown-key', p.key!.span, `${JSON.stringify(key)} is not a pvcalls setting (only backend=): xl stops with "Unknown string \`${key}' in pvcalls spec".`, [`Unknown string \`${key}' in pvcalls spec`]);
    }
    backend = t.text.slice(t.eq + 1 - t.from);
    p.field = 'backend_domname';
    c.override('backend_domname', p);
  }
  const o: { [field: string]: LibxlValue } = {};
  if (backend !== undefined) o.backend_domname = backend;
  o.devid = opts.index;
  if (into) into.device = o;
  return o;
}
