/**
 * `vdispl = [ "backend=DOM,be-alloc=1,connectors=ID:WxH;ID:WxH" ]` items
 * (4.10 and later): strtok on ',', leading spaces skipped, "key=" prefixes;
 * anything else makes xl exit; at least one connector is required.
 *
 * What xl does with a connector it cannot read: without ':' (or, up to
 * 4.17, without a second token) it reads the resolution from an
 * uninitialised pointer (undefined behaviour); a resolution that does not
 * start with a number only gets a message and the rest of connectors= is
 * dropped; one that is a lone number or empty makes xl exit.
 *
 * Release decisions: 4.10 and 4.11 call the connector's id `id`, 4.12 and
 * later `unique_id`; the pair splitting changed in 4.18 (lists.ts).
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { isCSpace, scanInt, strtoul } from './cnum';
import { splitPair, stringList } from './lists';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const VDISPL_KEYS = ['backend', 'be-alloc', 'connectors'] as const;

export function vdisplSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 10);
}

type Obj = { [field: string]: LibxlValue };

export function parseVdispl(item: XluValue, r: XlReader, opts: { index: number }, into?: DeviceSpec): Obj | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const idField = atLeast(r.xen, 4, 12) ? 'unique_id' : 'id';
  const t = c.text;
  let backend: string | undefined;
  let beAlloc = false;
  let connectors: Obj[] | undefined;
  for (const tok of strtokSpaced(t)) {
    const key = tok.eq < 0 ? undefined : tok.text.slice(0, tok.eq - tok.from);
    const known = key !== undefined && (VDISPL_KEYS as readonly string[]).includes(key);
    const p = tok.eq >= 0 ? c.keyPiece(tok.from, tok.eq, tok.to, known ? key : undefined) : c.piece(tok.from, tok.to, 'other');
    if (!known) {
      p.status = 'refused';
      c.fail(tok.eq < 0 ? 'device-piece-without-equals' : 'device-unknown-key', p.key?.span ?? p.span, `${JSON.stringify(tok.text)} is not a vdispl setting (backend=, be-alloc=, connectors=): xl stops with "Unknown string "${tok.text}" in vdispl spec".`, [`Unknown string "${tok.text}" in vdispl spec`]);
    }
    p.field = key === 'be-alloc' ? 'be_alloc' : key === 'backend' ? 'backend_domname' : 'connectors';
    c.override(p.field, p);
    const vf = tok.eq + 1;
    if (key === 'backend') backend = t.slice(vf, tok.to);
    else if (key === 'be-alloc') beAlloc = strtoul(t, vf, 0, tok.to).value !== 0n;
    else {
      const items = stringList(t, vf, tok.to, ';');
      if (!items.length) c.fail('device-crash', p.span, 'connectors= names no connector: xl crashes on it (it copies a missing item).', [], 139);
      connectors = items.map(() => ({}));
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        const pair = splitPair(r.xen, t, it.from, it.to, ':', false);
        if (!pair.ok) {
          c.fail('device-undefined', c.span(it.from, it.to), `${JSON.stringify(t.slice(it.from, it.to))} is not ID:WIDTHxHEIGHT: xl then reads the resolution through an uninitialised pointer, so it crashes or reads garbage, unpredictably.`, [], 139);
        }
        connectors[i][idField] = t.slice(pair.a.from, pair.a.to);
        const res = t.slice(pair.b.from, pair.b.to);
        const w = scanInt(res, 0, 10, 32);
        const xAt = w ? w.end : -1;
        const h = w && res.charCodeAt(xAt) === 0x78 ? scanInt(res, xAt + 1, 10, 32) : undefined;
        if (w) connectors[i].width = Number(w.value);
        if (h) connectors[i].height = Number(h.value);
        if (!w || !h) {
          const span = c.span(pair.b.from, pair.b.to);
          const msg = ["Can't parse connector resolution"];
          // sscanf's count comes back as the reader's answer: 0 (nothing read) is taken as success.
          if (w === undefined && !allCSpace(res)) {
            c.warn('device-bad-value', span, `${JSON.stringify(res)} is not a resolution (WIDTHxHEIGHT): xl prints "Can't parse connector resolution" but goes on, without the rest of connectors=.`, msg);
            break;
          }
          c.fail('device-bad-value', span, `${JSON.stringify(res)} is not a resolution (WIDTHxHEIGHT): xl stops with "Can't parse connector resolution".`, msg);
        }
      }
    }
  }
  if (!connectors || !connectors.length) c.fail('device-missing-key', c.whole, 'A vdispl needs connectors= with at least one ID:WIDTHxHEIGHT: xl stops with "At least one connector should be specified.".', ['At least one connector should be specified.']);
  const o: Obj = {};
  if (backend !== undefined) o.backend_domname = backend;
  o.devid = opts.index;
  if (beAlloc) o.be_alloc = true;
  o.connectors = connectors.map((k) => {
    const out: Obj = {};
    for (const f of [idField, 'width', 'height']) if (k[f] !== undefined && k[f] !== 0) out[f] = k[f];
    return out;
  });
  if (into) into.device = o;
  return o;
}

function allCSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isCSpace(s.charCodeAt(i))) return false;
  return true;
}
