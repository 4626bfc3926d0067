/**
 * `usbctrl = [ "type=pv,version=2,ports=4" ]` items (4.7 and later,
 * unchanged since): strtok on ',', leading spaces skipped; type= by libxl's
 * names (any case), version= and ports= by atoi; anything else makes xl
 * exit.
 */
import { atLeast, XenVersion } from '../xenVersion';
import type { LibxlValue, XlReader, XluValue } from '../xl/types';
import { atoi } from './cnum';
import { DeviceSpec, ItemContext } from './spec';
import { strtokSpaced } from './tokens';

export const USBCTRL_TYPES = ['auto', 'pv', 'devicemodel', 'qusb'] as const;
export const USBCTRL_KEYS = ['type', 'version', 'ports'] as const;

export function usbSince(xen: XenVersion): boolean {
  return atLeast(xen, 4, 7);
}

export function parseUsbctrl(item: XluValue, r: XlReader, opts: { index: number }, into?: DeviceSpec): { [field: string]: LibxlValue } | undefined {
  if (item.kind !== 'string') return undefined;
  const c: ItemContext = new ItemContext(item, r);
  if (into) into.pieces = c.pieces;
  let type = 'auto';
  let version = 0;
  let ports = 0;
  for (const t of strtokSpaced(c.text)) {
    const key = t.eq < 0 ? undefined : t.text.slice(0, t.eq - t.from);
    const value = t.eq < 0 ? '' : t.text.slice(t.eq + 1 - t.from);
    const known = key !== undefined && (USBCTRL_KEYS as readonly string[]).includes(key);
    const p = t.eq >= 0 ? c.keyPiece(t.from, t.eq, t.to, known ? key : undefined) : c.piece(t.from, t.to, 'other');
    if (!known) {
      p.status = 'refused';
      c.fail(t.eq < 0 ? 'device-piece-without-equals' : 'device-unknown-key', p.key?.span ?? p.span, `${JSON.stringify(t.text)} is not a usbctrl setting (type=, version=, ports=): xl stops with "Unknown string \`${t.text}' in usbctrl spec".`, [`Unknown string \`${t.text}' in usbctrl spec`]);
    }
    p.field = key;
    c.override(key!, p);
    if (key === 'type') {
      const v = value.toLowerCase();
      if (!(USBCTRL_TYPES as readonly string[]).includes(v)) {
        p.status = 'refused';
        c.fail('device-bad-value', p.value!.span, `${JSON.stringify(value)} is not a USB controller type (${USBCTRL_TYPES.join(', ')}): xl stops with "Invalid usb controller type".`, [`Invalid usb controller type '${value}'`]);
      }
      type = v;
    } else if (key === 'version') version = atoi(value);
    else ports = atoi(value);
  }
  const o: { [field: string]: LibxlValue } = {};
  if (type !== 'auto') o.type = type;
  o.devid = opts.index;
  if (version) o.version = version;
  if (ports) o.ports = ports;
  if (into) into.device = o;
  return o;
}
