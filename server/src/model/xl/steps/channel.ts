/**
 * channel= items as xl reads them (the same code in every release 4.5-4.22;
 * only the helpers under it change): the item split on ',' (strtok: empty
 * pieces vanish, and an item with no piece at all crashes xl), each piece
 * split into key and value (split_string_into_pair: the first two runs
 * between '=' up to 4.17, the first '=' from 4.18; both trimmed), the keys
 * name, connection, path and backend, and then the connection's checks.
 *
 * The channel is libxl's device_channel as its JSON names it: devid is the
 * item's index where xl numbers channels (it stopped in 4.21, 4.20.1,
 * 4.19.2 and 4.18.5: render/era.ts), the connection a keyed union member
 * ("connection.socket": { path }).
 */
import { splitUpstream } from '../../channelSpec';
import { splitRuleFor } from '../../channels';
import { inRange, atLeast, type XenVersion } from '../../xenVersion';
import type { PortContext } from '../context';
import type { LibxlValue, XlReader, XluString } from '../types';

type Obj = { [field: string]: LibxlValue };

/**
 * xl leaves a channel's devid unset (libxl numbers it) from "tools/xl: fix
 * channel configuration setting" (e1ccced4af, 4.21.0; backported to 4.20.1,
 * 4.19.2 and 4.18.5); before, it is the item's index.
 */
export function xlLeavesDevidUnset(xen: XenVersion): boolean {
  return atLeast(xen, 4, 21) || inRange(xen, [4, 20, 1], [4, 21]) || inRange(xen, [4, 19, 2], [4, 20]) || inRange(xen, [4, 18, 5], [4, 19]);
}

/** One channel list item (its index in the list): the libxl object, or xl stops (XlExit). */
export function readChannelItem(c: PortContext, item: XluString, index: number): Obj {
  const pieces = splitUpstream(item.spec, splitRuleFor(c.xen));
  if (pieces.length === 0)
    c.fail('channel-empty-item', 'An empty channel entry (nothing but commas): xl crashes on it (it copies a missing piece).', [], item.span, 139);
  const r: XlReader = c.r;
  let backend: string | undefined;
  let name: string | undefined;
  let path: string | undefined;
  let connection: 'pty' | 'socket' | undefined;
  for (const p of pieces) {
    if (p.broken || !p.key || !p.value) {
      const why = p.broken === 'empty-value' ? 'has nothing after its \'=\'' : p.broken === 'empty-key' ? 'has nothing before its \'=\'' : 'is not key=value';
      const code = p.broken === 'empty-value' ? 'channel-empty-value' : p.broken === 'empty-key' ? 'channel-empty-key' : 'channel-piece-without-equals';
      // xl's message has no line break: it ends xl's output.
      r.fail({ code, message: `${JSON.stringify(p.raw)} ${why}: xl stops ("failed to parse channel configuration").`, xl: [`failed to parse channel configuration: ${p.raw}`], partial: true, span: p.span }, 1);
    }
    const key = p.key.text;
    const value = p.value.text;
    if (key === 'backend') backend = value;
    else if (key === 'name') name = value;
    else if (key === 'path') path = value;
    else if (key === 'connection') {
      if (value === 'pty' || value === 'socket') connection = value;
      else c.fail('channel-unknown-connection', `${JSON.stringify(value)} is not a channel connection (pty or socket): xl stops.`, [`unknown channel connection '${value}'`], p.value.span);
    } else c.warn('channel-unknown-key', `${JSON.stringify(key)} is not a channel key (name, connection, path, backend): xl warns and ignores it.`, [`unknown channel parameter '${key}', ignoring`], p.key.span.start === p.key.span.end ? p.span : p.key.span);
  }
  if (connection === undefined) c.fail('channel-missing-connection', 'This channel has no connection= (pty or socket): xl stops.', ["channel has unknown 'connection'"], item.span);
  if (connection === 'socket' && path === undefined) c.fail('channel-missing-path', 'A socket channel needs path= (the socket to create): xl stops.', ["channel connection 'socket' requires path=.."], item.span);
  const o: Obj = {};
  if (backend !== undefined) o.backend_domname = backend;
  if (!xlLeavesDevidUnset(c.xen)) o.devid = index;
  if (name !== undefined) o.name = name;
  if (connection === 'socket') o['connection.socket'] = { path: path! };
  else o['connection.pty'] = {};
  return o;
}
