/**
 * `vtpm = [ "backend=DOM,uuid=UUID" ]` items (the same in every release
 * 4.5-4.22): strtok on ',', leading spaces skipped; a piece without '='
 * silently ends the item; backend= and uuid= only, anything else makes xl
 * exit; backend= is required.
 */
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const VTPM_KEYS = ['backend', 'uuid'] as const;

/** libuuid's uuid_parse: exactly 8-4-4-4-12 hex digits. */
export function isUuid(s: string): boolean {
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s);
}

export function parseVtpm(item: XluValue, r: XlReader, opts: { index: number }, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const o: { [field: string]: LibxlValue } = {};
  let backend: string | undefined;
  let uuid: string | undefined;
  for (const t of strtokSpaced(c.text)) {
    if (t.eq < 0) {
      c.piece(t.from, t.to, 'other', 'ignored');
      c.warn('device-piece-without-equals', c.span(t.from, t.to), `${JSON.stringify(t.text)} has no '=': xl silently stops reading this vtpm here, so everything after it is ignored.`);
      c.unread(t.to + 1);
      break;
    }
    const key = t.text.slice(0, t.eq - t.from);
    const value = t.text.slice(t.eq + 1 - t.from);
    const p = c.keyPiece(t.from, t.eq, t.to, key);
    if (key === 'backend') {
      backend = value;
      p.field = 'backend_domname';
      c.override('backend_domname', p);
    } else if (key === 'uuid') {
      if (!isUuid(value)) {
        p.status = 'refused';
        c.fail('device-bad-value', p.value!.span, `${JSON.stringify(value)} is not a UUID (8-4-4-4-12 hex digits): xl stops with "Failed to parse vtpm UUID".`, [`Failed to parse vtpm UUID: ${value}`]);
      }
      uuid = value.toLowerCase();
      p.field = 'uuid';
      c.override('uuid', p);
    } else {
      p.status = 'refused';
      p.name = undefined;
      c.fail('device-unknown-key', p.key!.span, `${JSON.stringify(key)} is not a vtpm setting (backend, uuid): xl stops with "Unknown string \`${key}' in vtpm spec".`, [`Unknown string \`${key}' in vtpm spec`]);
    }
  }
  if (backend === undefined) c.fail('device-missing-key', c.whole, 'A vtpm needs backend= (the domain running its vTPM manager): xl stops with "vtpm spec missing required backend field!".', ['vtpm spec missing required backend field!']);
  o.backend_domname = backend;
  o.devid = opts.index;
  if (uuid !== undefined && uuid !== '00000000-0000-0000-0000-000000000000') o.uuid = uuid;
  if (into) into.device = o;
  return o;
}
