/**
 * `ioports = [ "3f8-3ff", "2f8" ]` (the same in every release 4.5-4.22):
 * every item must be a string; each is a hex port or FIRST-LAST. xl checks
 * FIRST > LAST against the wrong variable, so a reversed range passes and
 * its length wraps around; junk after a single port is only a message.
 */
import type { LibxlValue, XlReader, XluList } from '../xl/types';
import { hex, strtoul, UINT32_MAX } from './cnum';
import { DeviceSpec, ItemContext } from './spec';

/** `firstIndex`: the first item's index in the whole list (for xl's messages when reading a part). */
export function parseIoports(list: XluList, r: XlReader, into?: DeviceSpec[], firstIndex = 0): Array<{ [field: string]: LibxlValue }> {
  const out: Array<{ [field: string]: LibxlValue }> = [];
  list.items.forEach((item, k) => {
    const i = firstIndex + k;
    if (item.kind !== 'string') {
      r.fail({ code: 'device-item-not-string', message: `ioports items must be strings: xl stops with "xl: Unable to get element #${i} in ioport list".`, xl: [`xl: Unable to get element #${i} in ioport list`], span: item.span });
    }
    const c: ItemContext = new ItemContext(item, r);
    if (into) into.push({ family: 'ioports', item, pieces: c.pieces });
    const t = c.text;
    const invalid = () => `xl: Invalid argument parsing ioport: ${t}`;
    const p = c.piece(0, t.length, 'positional');
    p.name = 'range';
    const a = strtoul(t, 0, 16);
    if (a.end === 0) c.fail('device-bad-number', c.whole, `${JSON.stringify(t)} is not a hex I/O port: xl stops with "Invalid argument parsing ioport".`, [invalid()]);
    if (a.value >= UINT32_MAX) c.fail('device-bad-number', c.span(0, a.end), `${JSON.stringify(t.slice(0, a.end))} is beyond the 32-bit port range: xl stops with "ioport ... too big".`, [`xl: ioport ${hex(a.value)} too big`]);
    const first = Number(a.value);
    let last = first;
    if (t.charCodeAt(a.end) === 0x2d) {
      const b = strtoul(t, a.end + 1, 16);
      if (b.end === a.end + 1 || b.end !== t.length) c.fail('device-bad-number', c.span(a.end + 1, t.length), `${JSON.stringify(t.slice(a.end + 1))} is not a hex port ending the range: xl stops with "Invalid argument parsing ioport".`, [invalid()]);
      if (b.value >= UINT32_MAX) c.fail('device-bad-number', c.span(a.end + 1, b.end), `${JSON.stringify(t.slice(a.end + 1, b.end))} is beyond the 32-bit port range: xl stops with "ioport ... too big".`, [`xl: ioport ${hex(b.value)} too big`]);
      last = Number(b.value);
      if (last < first) {
        c.warn('ioports-reversed', c.whole, `This range ends before it starts: xl does not notice (it compares the wrong numbers) and asks for ${(last - first + 1 + 2 ** 32) % 2 ** 32} ports from ${hex(BigInt(first))}, wrapping around the 32-bit range.`);
      }
    } else if (a.end !== t.length) {
      c.warn('device-number-junk', c.span(a.end, t.length), `${JSON.stringify(t.slice(a.end))} after the port is not part of it: xl prints "Invalid argument parsing ioport" but goes on with port ${hex(BigInt(first))}.`, [invalid()]);
    }
    p.field = 'ioports';
    const number = (last - first + 1 + 2 ** 32) % 2 ** 32;
    out.push(number ? { first, number } : { first });
  });
  return out;
}
