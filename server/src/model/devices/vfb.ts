/**
 * `vfb = [ "vnc=1,vnclisten=..." ]` items (the same in every release
 * 4.5-4.22): strtok on ',', leading spaces skipped; a piece without '='
 * silently ends the item; unknown keys are silently ignored; the numbers and
 * switches are read with atoi. Every vfb also gives the guest a virtual
 * keyboard (a vkb), numbered after the vkbs before it.
 */
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { atoi } from './cnum';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const VFB_KEYS = ['vnc', 'vnclisten', 'vncpasswd', 'vncdisplay', 'vncunused', 'keymap', 'sdl', 'opengl', 'display', 'xauthority'] as const;

type Obj = { [field: string]: LibxlValue };

export interface VfbResult {
  vfb: Obj;
  /** The vkb xl adds with every vfb. */
  vkb: Obj;
}

/** Where each key goes: [sub-struct or '', field, kind]. */
const FIELDS: Record<(typeof VFB_KEYS)[number], [string, string, 'bool' | 'int' | 'string']> = {
  vnc: ['vnc', 'enable', 'bool'],
  vnclisten: ['vnc', 'listen', 'string'],
  vncpasswd: ['vnc', 'passwd', 'string'],
  vncdisplay: ['vnc', 'display', 'int'],
  vncunused: ['vnc', 'findunused', 'bool'],
  keymap: ['', 'keymap', 'string'],
  sdl: ['sdl', 'enable', 'bool'],
  opengl: ['sdl', 'opengl', 'bool'],
  display: ['sdl', 'display', 'string'],
  xauthority: ['sdl', 'xauthority', 'string'],
};

const VNC_ORDER = ['enable', 'listen', 'passwd', 'display', 'findunused'];
const SDL_ORDER = ['enable', 'opengl', 'display', 'xauthority'];

function ordered(o: Obj, order: string[]): Obj {
  const out: Obj = {};
  for (const k of order) if (o[k] !== undefined && o[k] !== 0) out[k] = o[k];
  return out;
}

/** `index`: the vfb's place in its list; `vkbIndex`: how many vkbs come before this one's. */
export function parseVfb(item: XluValue, r: XlReader, opts: { index: number; vkbIndex: number }, into?: DeviceSpec): VfbResult | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const vnc: Obj = {};
  const sdl: Obj = {};
  let keymap: string | undefined;
  for (const t of strtokSpaced(c.text)) {
    if (t.eq < 0) {
      c.piece(t.from, t.to, 'other', 'ignored');
      c.warn('device-piece-without-equals', c.span(t.from, t.to), `${JSON.stringify(t.text)} has no '=': xl silently stops reading this vfb here, so everything after it is ignored.`);
      c.unread(t.to + 1);
      break;
    }
    const key = t.text.slice(0, t.eq - t.from);
    const value = t.text.slice(t.eq + 1 - t.from);
    const p = c.keyPiece(t.from, t.eq, t.to, key);
    const f = (FIELDS as Record<string, [string, string, string] | undefined>)[key];
    if (!f) {
      p.status = 'ignored';
      p.name = undefined;
      c.warn('device-unknown-key', p.key!.span, `${JSON.stringify(key)} is not a vfb setting: xl silently ignores it.`);
      continue;
    }
    const [sub, field, kind] = f;
    const v: LibxlValue = kind === 'bool' ? (atoi(value) ? 'True' : 'False') : kind === 'int' ? atoi(value) : value;
    if (sub === 'vnc') vnc[field] = v;
    else if (sub === 'sdl') sdl[field] = v;
    else keymap = value;
    p.field = `${sub ? sub + '.' : ''}${field}`;
    c.override(p.field, p);
  }
  const vfb: Obj = { devid: opts.index, vnc: ordered(vnc, VNC_ORDER), sdl: ordered(sdl, SDL_ORDER) };
  if (keymap !== undefined) vfb.keymap = keymap;
  if (into) into.device = vfb;
  return { vfb, vkb: { devid: opts.vkbIndex } };
}
