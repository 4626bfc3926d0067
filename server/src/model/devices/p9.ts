/**
 * `p9 = [ "tag=share,path=/srv/share,security_model=none" ]` items (4.9
 * and later).
 *
 * Release decisions:
 *   - p9Reader: 4.9-4.17 split with strtok (leading spaces skipped; a piece
 *     without '=' silently ends the item; exact keys), and the values live in
 *     variables shared by the whole list, so an item without tag=, path= or
 *     security_model= takes the one of the item before (required only for
 *     the first); 4.18 and later (95b757598f) split into key=value
 *     pairs with both sides trimmed (a piece without '=' or with nothing
 *     after it makes xl exit; an item with no piece crashes xl);
 *   - keys: type=, max-files=, max-open-files=, max-space=, auto-delete=
 *     from 4.19 (4287a71f9b), when path= also gets a default for type=xen_9pfsd
 *     (XEN_LOG_DIR/guests/NAME) and tag=, path=, security_model= stop being
 *     required.
 * xl sets the devid and then initialises the device again, so the devid is
 * libxl's default (left out).
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { strtoul, toSigned, ULONG_MAX } from './cnum';
import { splitPair, stringList } from './lists';
import { DevicePiece, DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const P9_TYPES = ['qemu', 'xen_9pfsd'] as const;

export function p9Keys(xen: XenVersion): string[] {
  const keys = ['security_model', 'path', 'tag', 'backend'];
  if (atLeast(xen, 4, 19)) keys.push('type', 'max-files', 'max-open-files', 'max-space', 'auto-delete');
  return keys;
}

export function p9Since(xen: XenVersion): boolean {
  return atLeast(xen, 4, 9);
}

/** What the 4.9-4.17 reader carries from one item to the next. */
export interface P9Carry {
  security_model?: string;
  path?: string;
  tag?: string;
  backend?: string;
}

export interface P9Options {
  /** The domain's name (4.19+: the default path of a xen_9pfsd share). */
  domainName?: string;
  /** xl's XEN_LOG_DIR (Debian's and the default build's: /var/log/xen). */
  logDir?: string;
  /** 4.9-4.17: the values left by the items before (updated in place). */
  carry?: P9Carry;
}

type Obj = { [field: string]: LibxlValue };
const ORDER = ['backend_domname', 'tag', 'path', 'security_model', 'type', 'max_space', 'max_files', 'max_open_files', 'auto_delete'];
const FIELD: Record<string, string> = { backend: 'backend_domname', 'max-files': 'max_files', 'max-open-files': 'max_open_files', 'max-space': 'max_space', 'auto-delete': 'auto_delete' };

function ordered(v: Obj): Obj {
  const o: Obj = {};
  for (const k of ORDER) if (v[k] !== undefined && v[k] !== 0 && v[k] !== false) o[k] = v[k];
  return o;
}

function readOld(c: ItemContext, carry: P9Carry): Obj {
  const t = c.text;
  for (const tok of strtokSpaced(t)) {
    if (tok.eq < 0) {
      c.piece(tok.from, tok.to, 'other', 'ignored');
      c.warn('device-piece-without-equals', c.span(tok.from, tok.to), `${JSON.stringify(tok.text)} has no '=': xl silently stops reading this p9 entry here, so everything after it is ignored.`);
      c.unread(tok.to + 1);
      break;
    }
    const key = t.slice(tok.from, tok.eq);
    const known = ['security_model', 'path', 'tag', 'backend'].includes(key);
    const p = c.keyPiece(tok.from, tok.eq, tok.to, known ? key : undefined);
    if (!known) {
      p.status = 'refused';
      c.fail('device-unknown-key', p.key!.span, `${JSON.stringify(key)} is not a p9 setting (tag, path, security_model, backend): xl stops with "Unknown string \`${key}' in 9pfs spec".`, [`Unknown string \`${key}' in 9pfs spec`]);
    }
    carry[key as keyof P9Carry] = t.slice(tok.eq + 1, tok.to);
    p.field = FIELD[key] ?? key;
    c.override(p.field, p);
  }
  if (carry.path === undefined || carry.security_model === undefined || carry.tag === undefined) {
    c.fail('device-missing-key', c.whole, 'A p9 share needs tag=, path= and security_model=: xl stops with "9pfs spec missing required field!".', ['9pfs spec missing required field!']);
  }
  const v: Obj = { tag: carry.tag, security_model: carry.security_model, path: carry.path };
  if (carry.backend !== undefined) v.backend_domname = carry.backend;
  return ordered(v);
}

function readPairs(c: ItemContext, xen: XenVersion, opts: P9Options): Obj {
  const t = c.text;
  const pieces = stringList(t, 0, t.length, ',');
  if (!pieces.length) c.fail('device-crash', c.whole, 'An empty p9 entry: xl crashes on it (it copies a missing item).', [], 139);
  const keys = p9Keys(xen);
  const v: Obj = {};
  for (const pc of pieces) {
    const pair = splitPair(xen, t, pc.from, pc.to, '=', true);
    if (!pair.ok) {
      c.piece(pc.from, pc.to, 'other', 'refused');
      c.fail(t.slice(pc.from, pc.to).includes('=') ? 'device-empty-value' : 'device-piece-without-equals', c.span(pc.from, pc.to), `${JSON.stringify(t.slice(pc.from, pc.to))} is not key=value: xl stops with "failed to parse 9pfs configuration" (no line break after it).`, [`failed to parse 9pfs configuration: ${t.slice(pc.from, pc.to)}`], 1);
    }
    const key = t.slice(pair.a.from, pair.a.to);
    const value = t.slice(pair.b.from, pair.b.to);
    let eq = pc.from;
    while (t.charCodeAt(eq) !== 0x3d) eq++;
    const p: DevicePiece = c.keyPiece(pc.from, eq, pc.to, keys.includes(key) ? key : undefined);
    p.key = c.part(pair.a.from, pair.a.to);
    p.value = c.part(pair.b.from, pair.b.to);
    if (!keys.includes(key)) {
      p.status = 'refused';
      c.fail('device-unknown-key', p.key.span.start === p.key.span.end ? p.span : p.key.span, `${JSON.stringify(key)} is not a p9 setting (${keys.join(', ')}): xl stops with "Unknown 9pfs parameter '${key}'".`, [`Unknown 9pfs parameter '${key}'`]);
    }
    const field = FIELD[key] ?? key;
    p.field = field;
    c.override(field, p);
    if (key === 'type') {
      const ty = value.toLowerCase();
      if (ty !== 'qemu' && ty !== 'xen_9pfsd' && ty !== 'unknown') {
        p.status = 'refused';
        c.fail('device-bad-value', p.value.span, `${JSON.stringify(value)} is not a p9 type (qemu or xen_9pfsd): xl stops with "failed to parse 9pfs type".`, [`failed to parse 9pfs type: ${value}`]);
      }
      if (ty === 'unknown') delete v.type;
      else v.type = ty;
    } else if (key === 'max-files' || key === 'max-open-files' || key === 'max-space') {
      const n = strtoul(value, 0, 10);
      if (n.end === 0 || n.value === ULONG_MAX) {
        p.status = 'refused';
        c.fail('device-bad-number', p.value.span, `${key}= must be a number: xl stops with "xl: failed to convert "${value}" to number".`, [`xl: failed to convert "${value}" to number`]);
      }
      v[field] = toSigned(n.value, 32);
    } else if (key === 'auto-delete') v.auto_delete = strtoul(value, 0, 0).value !== 0n;
    else v[field] = value;
  }
  if (!atLeast(xen, 4, 19)) {
    if (v.path === undefined || v.security_model === undefined || v.tag === undefined) {
      c.fail('device-missing-key', c.whole, 'A p9 share needs tag=, path= and security_model=: xl stops with "9pfs spec missing required field!".', ['9pfs spec missing required field!']);
    }
  } else if (v.type === 'xen_9pfsd' && v.path === undefined) {
    v.path = `${opts.logDir ?? '/var/log/xen'}/guests/${opts.domainName ?? ''}`;
  }
  return ordered(v);
}

export function parseP9(item: XluValue, r: XlReader, opts: P9Options = {}, into?: DeviceSpec): Obj | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  const device = atLeast(r.xen, 4, 18) ? readPairs(c, r.xen, opts) : readOld(c, opts.carry ?? {});
  if (into) into.device = device;
  return device;
}
