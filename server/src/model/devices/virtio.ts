/**
 * `virtio = [ "backend=DOM,type=virtio,device22,transport=mmio" ]` items
 * (4.18 and later, unchanged since): strtok on ',', leading spaces skipped,
 * "key=" prefixes. A type= value starting with "virtio" takes the next piece
 * along (the documented type names contain a comma); when there is none xl
 * crashes. An unknown key makes xl exit with a message, a bad transport=
 * without one.
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { strtoul } from './cnum';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const VIRTIO_KEYS = ['backend', 'type', 'transport', 'grant_usage'] as const;
export const VIRTIO_TRANSPORTS = ['mmio'] as const;

export function virtioSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 18);
}

export function parseVirtio(item: XluValue, r: XlReader, opts: { index: number }, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const t = c.text;
  const v: { [field: string]: LibxlValue } = {};
  const toks = strtokSpaced(t);
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    let to = tok.to;
    let text = tok.text;
    if (text.startsWith('type=virtio')) {
      // The next strtok piece joins this one, its leading spaces kept.
      const next = k + 1 < toks.length ? k + 1 : -1;
      if (next < 0) {
        c.piece(tok.from, tok.to, 'key', 'refused').name = 'type';
        c.fail('device-crash', c.span(tok.from, tok.to), `A type= starting with "virtio" must be followed by its second half after a ',' (e.g. type=virtio,device22): without it xl crashes.`, [], 139);
      }
      // strtok gave the next piece from its start, before leading spaces were skipped.
      let nf = tok.to;
      while (nf < t.length && t.charCodeAt(nf) === 0x2c) nf++;
      to = toks[next].to;
      text = `${text},${t.slice(nf, to)}`;
      k++;
    }
    const eq = text.indexOf('=');
    const key = eq < 0 ? undefined : text.slice(0, eq);
    const known = key !== undefined && (VIRTIO_KEYS as readonly string[]).includes(key);
    const p = eq >= 0 ? c.keyPiece(tok.from, tok.from + eq, to, known ? key : undefined) : c.piece(tok.from, to, 'other');
    if (!known) {
      p.status = 'refused';
      c.fail(eq < 0 ? 'device-piece-without-equals' : 'device-unknown-key', p.key?.span ?? p.span, `${JSON.stringify(text)} is not a virtio setting (backend=, type=, transport=, grant_usage=): xl stops with "Unknown string "${text}" in virtio spec".`, [`Unknown string "${text}" in virtio spec`]);
    }
    const value = text.slice(eq + 1);
    const field = key === 'backend' ? 'backend_domname' : key!;
    p.field = field;
    c.override(field, p);
    if (key === 'transport') {
      const tr = value.toLowerCase();
      if (tr !== 'mmio' && tr !== 'unknown') {
        p.status = 'refused';
        c.fail('device-bad-value', p.value!.span, `${JSON.stringify(value)} is not a virtio transport (mmio): xl exits, without a message.`);
      }
      if (tr === 'mmio') v.transport = 'mmio';
      else delete v.transport;
    } else if (key === 'grant_usage') v.grant_usage = strtoul(value, 0, 0).value !== 0n ? 'True' : 'False';
    else v[field] = value;
  }
  const o: { [field: string]: LibxlValue } = {};
  for (const f of ['backend_domname', 'type', 'transport', 'grant_usage']) if (v[f] !== undefined) o[f] = v[f];
  o.devid = opts.index;
  if (into) into.device = o;
  return o;
}
