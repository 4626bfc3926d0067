/**
 * `usbdev = [ "hostbus=1,hostaddr=3" ]` items (4.7 and later, unchanged
 * since): strtok on ',', leading spaces skipped; type= (only hostdev),
 * hostbus= and hostaddr= by strtoul (base 0, cut to 8 bits), controller= and
 * port= by atoi; anything else makes xl exit. xl's message for a bad type
 * prints getopt's empty optarg, "(null)", instead of the value.
 */
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { atoi, strtoul } from './cnum';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const USBDEV_KEYS = ['type', 'hostbus', 'hostaddr', 'controller', 'port'] as const;

export function parseUsbdev(item: XluValue, r: XlReader, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  let hostdev = false;
  let hostbus = 0;
  let hostaddr = 0;
  let ctrl = -1;
  let port = 0;
  for (const t of strtokSpaced(c.text)) {
    const key = t.eq < 0 ? undefined : t.text.slice(0, t.eq - t.from);
    const value = t.eq < 0 ? '' : t.text.slice(t.eq + 1 - t.from);
    const known = key !== undefined && (USBDEV_KEYS as readonly string[]).includes(key);
    const p = t.eq >= 0 ? c.keyPiece(t.from, t.eq, t.to, known ? key : undefined) : c.piece(t.from, t.to, 'other');
    if (!known) {
      p.status = 'refused';
      c.fail(t.eq < 0 ? 'device-piece-without-equals' : 'device-unknown-key', p.key?.span ?? p.span, `${JSON.stringify(t.text)} is not a usbdev setting (type=, hostbus=, hostaddr=, controller=, port=): xl stops with "Unknown string \`${t.text}' in usbdev spec".`, [`Unknown string \`${t.text}' in usbdev spec`]);
    }
    p.field = key;
    c.override(key!, p);
    if (key === 'type') {
      if (value.toLowerCase() !== 'hostdev') {
        p.status = 'refused';
        c.fail('device-bad-value', p.value!.span, `${JSON.stringify(value)} is not a USB device type (only hostdev): xl stops with "Invalid usb device type: (null)".`, ['Invalid usb device type: (null)']);
      }
      hostdev = true;
    } else if (key === 'hostbus') hostbus = Number(BigInt.asUintN(8, strtoul(value, 0, 0).value));
    else if (key === 'hostaddr') hostaddr = Number(BigInt.asUintN(8, strtoul(value, 0, 0).value));
    else if (key === 'controller') ctrl = atoi(value);
    else port = atoi(value);
  }
  const o: { [field: string]: LibxlValue } = {};
  if (ctrl !== -1) o.ctrl = ctrl;
  if (port) o.port = port;
  if (hostdev) {
    const h: { [field: string]: LibxlValue } = {};
    if (hostbus) h.hostbus = hostbus;
    if (hostaddr) h.hostaddr = hostaddr;
    o['type.hostdev'] = h;
  }
  if (into) into.device = o;
  return o;
}
